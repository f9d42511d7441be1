// Package mask hides personal data in what carico shows of a rejected
// value: on stderr, in rejected_row, in error messages. A shifted row can
// put a codice fiscale, a birth date or a name in any column, so the
// masking looks at the value itself, not at the column it landed in.
package mask

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxExcerpt is how many characters of input an error message echoes at
// most: a 5 MB header must not come back as a 5 MB message.
const MaxExcerpt = 200

// Personal masks a value known to be personal: the first three and the
// last character of a codice fiscale stay, so the user can find the row;
// of a name or date only the first character of each word.
func Personal(s string) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) == 16 && !strings.ContainsRune(s, ' ') {
		return string(r[:3]) + strings.Repeat("*", 12) + string(r[15])
	}
	var b strings.Builder
	start := true
	for _, c := range r {
		switch {
		case unicode.IsSpace(c):
			b.WriteRune(c)
			start = true
		case start:
			b.WriteRune(c)
			start = false
		default:
			b.WriteByte('*')
		}
	}
	return Excerpt(b.String())
}

// cf matches what looks like a codice fiscale, omocodia letters included,
// whatever its check character.
var cf = regexp.MustCompile(`(?i)\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b`)

// date matches dates as exports write them: dd/mm/yyyy, dd-mm-yyyy,
// dd.mm.yyyy, yyyy-mm-dd, with or without a time.
var date = regexp.MustCompile(`\b(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2})\b`)

// Value masks, in a value of any column, the parts that look like a
// codice fiscale or a date (a birth date cannot be told from another
// date); with name set, a value that looks like a person's name is masked
// too. Long values are cut to MaxExcerpt characters.
func Value(s string, name bool) string {
	if name && LooksLikeName(s) {
		return Personal(s)
	}
	s = Excerpt(s)
	s = cf.ReplaceAllStringFunc(s, Personal)
	return date.ReplaceAllStringFunc(s, Personal)
}

// Dates masks only what looks like a codice fiscale in a value of a date
// column, whose dates the user must see to correct them.
func Dates(s string) string {
	return cf.ReplaceAllStringFunc(Excerpt(s), Personal)
}

// LooksLikeName reports whether s reads as a person's name: two to four
// words of letters (apostrophes allowed), each capitalised or in capitals,
// as "Rossi Maria", "DE LUCA ANNA", "D'Angelo Luca". Labels with lower-case
// words ("Colloquio in sede") are not names.
func LooksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		first, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(first) {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && c != '\'' && c != '’' {
				return false
			}
		}
	}
	return true
}

// Excerpt cuts s to MaxExcerpt characters, saying how much was left out.
func Excerpt(s string) string {
	if len(s) <= MaxExcerpt {
		return s
	}
	cut := MaxExcerpt
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "… (" + strconv.Itoa(len(s)-cut) + " byte omessi)"
}

// Spellings returns the ways a value may be written into a message: as it
// is, in capitals, in lower case, escaped as Go's %q writes it (a quote or
// a newline inside), and with CSV's doubled quotes. Empty for a value
// shorter than three characters, which would mask every word it is part of.
func Spellings(v string) []string {
	v = strings.TrimSpace(v)
	if utf8.RuneCountInString(v) < 3 {
		return nil
	}
	var out []string
	for _, s := range []string{v, strings.ToUpper(v), strings.ToLower(v)} {
		q := strconv.Quote(s)
		a := strconv.QuoteToASCII(s)
		for _, w := range []string{s, q[1 : len(q)-1], a[1 : len(a)-1], strings.ReplaceAll(s, `"`, `""`)} {
			if !slicesContains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Scrub masks in s every occurrence of the values, in any of their
// spellings (see Spellings) and ignoring case, with Personal: what is
// written about a row never carries its person's data, however a message
// quoted them.
func Scrub(s string, values ...string) string {
	for _, v := range values {
		s = Replace(s, v, Personal(v))
	}
	return s
}

// Without takes the value v out of a reason that quotes it, in every
// spelling (see Spellings, and quoted however short): «: "v"» and a final
// «: v» go, «"v"» and «v» become «il valore». The value has a place of
// its own next to the reason (rejected_row.value, kept in the service);
// the reason travels further — in the exports for the Region and in the
// reports, grouped — and must not carry what a cell held: a shifted row
// can put a case number or a person's data in any cell.
func Without(reason, v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return reason
	}
	spellings := Spellings(v)
	q := strconv.Quote(v)
	for _, w := range []string{q[1 : len(q)-1], v} {
		if !slicesContains(spellings, w) {
			spellings = append(spellings, w)
		}
	}
	for _, sp := range spellings {
		reason = replaceFold(reason, `: "`+sp+`"`, "")
		reason = replaceFold(reason, `: «`+sp+`»`, "")
		if len(reason) > len(sp)+2 && strings.EqualFold(reason[len(reason)-len(sp)-2:], ": "+sp) {
			reason = reason[:len(reason)-len(sp)-2]
		}
		reason = replaceFold(reason, `"`+sp+`"`, "il valore")
		reason = replaceFold(reason, `«`+sp+`»`, "il valore")
	}
	for _, sp := range Spellings(v) {
		reason = replaceFold(reason, sp, "il valore")
	}
	return reason
}

// Replace puts masked in place of every spelling of v in s, ignoring case.
func Replace(s, v, masked string) string {
	for _, sp := range Spellings(v) {
		s = replaceFold(s, sp, masked)
	}
	return s
}

// replaceFold replaces every case-insensitive occurrence of old in s.
func replaceFold(s, old, new string) string {
	if len(old) == 0 || len(old) > len(s) {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i+len(old) <= len(s); {
		if strings.EqualFold(s[i:i+len(old)], old) {
			b.WriteString(s[last:i])
			b.WriteString(new)
			i += len(old)
			last = i
			continue
		}
		i++
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
