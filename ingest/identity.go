package ingest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// NameKey normalises a person's or comune's name so that spellings of the
// same name meet: lower case, accents stripped, punctuation dropped, tokens
// sorted. "ROSSI  Maria", "Maria Rossì" and "rossi maria" all give
// "maria rossi"; the sort makes the order of surname and name irrelevant.
func NameKey(s string) string {
	if !isASCII(s) {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		s, _, _ = transform.String(t, s)
	}
	tokens := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	sort.Strings(tokens)
	return strings.Join(tokens, " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// keyCache memoises NameKey for the few distinct operator, comune and
// label spellings that repeat on every row of an export.
type keyCache map[string]string

// maxCachedKeys bounds the cache, so that memory stays flat on a file of
// distinct values.
const maxCachedKeys = 1 << 16

func (c keyCache) key(s string) string {
	if k, ok := c[s]; ok {
		return k
	}
	k := NameKey(s)
	if len(c) < maxCachedKeys {
		c[s] = k
	}
	return k
}

// pseudonym is the keyed HMAC-SHA-256 of a person's identifier. The same
// person gets the same pseudonym in every file and import made with the same
// key; without the key, the pseudonym cannot be traced back.
func pseudonym(secret []byte, identifier string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(identifier))
	return hex.EncodeToString(m.Sum(nil))
}

// NormalizeCF upper-cases a codice fiscale and drops spaces.
func NormalizeCF(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
}

// cfOdd holds the values of the characters in odd (1st, 3rd, …) positions of
// a codice fiscale, indexed by digit 0–9 and then letter A–Z (DM 23/12/1976).
var cfOdd = [36]int{
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // 0-9
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23, // A-Z
}

// omocodia lists the letters that replace digits 0–9 in the numeric
// positions of a codice fiscale issued to a second person with the same code.
const omocodia = "LMNPQRSTUV"

// ValidCF reports whether cf (already normalised) is a well-formed personal
// codice fiscale with the right check character. Omocodia letters are
// accepted in the numeric positions.
func ValidCF(cf string) bool {
	if len(cf) != 16 {
		return false
	}
	for i := 0; i < 15; i++ {
		c := cf[i]
		switch i {
		case 6, 7, 9, 10, 12, 13, 14: // digits, or their omocodia letters
			if !(c >= '0' && c <= '9') && strings.IndexByte(omocodia, c) < 0 {
				return false
			}
		default:
			if c < 'A' || c > 'Z' {
				return false
			}
		}
	}
	if !strings.ContainsRune("ABCDEHLMPRST", rune(cf[8])) {
		return false
	}
	sum := 0
	for i := 0; i < 15; i++ {
		c := cf[i]
		var idx, even int
		if c >= '0' && c <= '9' {
			idx, even = int(c-'0'), int(c-'0')
		} else {
			idx, even = 10+int(c-'A'), int(c-'A')
		}
		if i%2 == 0 { // 1st, 3rd, … position
			sum += cfOdd[idx]
		} else {
			sum += even
		}
	}
	return cf[15] == byte('A'+sum%26)
}
