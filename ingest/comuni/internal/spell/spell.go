// Package spell gives the spelling-free key of a comune's name, shared by
// package comuni and the generator of its table (which cannot import
// comuni: comuni embeds what the generator writes).
package spell

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Key is the spelling-free form of a name: lower case, no accents, words
// of letters and digits only, in their order.
func Key(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	s, _, _ = transform.String(t, s)
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}
