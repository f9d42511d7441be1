package sampledata

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// codiceFiscale computes the Italian tax code of a person (DM 23/12/1976):
// three letters from the surname, three from the name, birth year, month
// letter, day (plus 40 for women), the cadastral code of the birthplace and
// the check character. Omocodia (the substitution applied when two people
// share a code) is not modelled: the generator avoids duplicates instead.
func codiceFiscale(surname, name string, sex byte, birth time.Time, place string) string {
	var b strings.Builder
	b.WriteString(surnameCode(surname))
	b.WriteString(nameCode(name))
	fmt.Fprintf(&b, "%02d", birth.Year()%100)
	b.WriteByte("ABCDEHLMPRST"[birth.Month()-1])
	d := birth.Day()
	if sex == 'F' {
		d += 40
	}
	fmt.Fprintf(&b, "%02d", d)
	b.WriteString(place)
	s := b.String()
	return s + string(cfCheck(s))
}

// cfOdd is the value of a character in an odd (1-based) position.
var cfOdd = [36]int{
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // 0-9
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23, // A-Z
}

// cfCheck is the check character of the first 15 characters of a codice
// fiscale.
func cfCheck(s string) byte {
	sum := 0
	for i := 0; i < 15; i++ {
		c := s[i]
		var idx, even int
		if c >= '0' && c <= '9' {
			idx, even = int(c-'0'), int(c-'0')
		} else {
			idx, even = 10+int(c-'A'), int(c-'A')
		}
		if i%2 == 0 {
			sum += cfOdd[idx]
		} else {
			sum += even
		}
	}
	return byte('A' + sum%26)
}

// cfLetters splits a name into its consonants and vowels, upper case,
// accents removed and other characters (spaces, apostrophes) dropped.
func cfLetters(s string) (cons, vows []byte) {
	plain := s
	if !isASCII(s) {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		plain, _, _ = transform.String(t, s)
	}
	for _, r := range strings.ToUpper(plain) {
		switch {
		case r == 'A' || r == 'E' || r == 'I' || r == 'O' || r == 'U':
			vows = append(vows, byte(r))
		case r >= 'A' && r <= 'Z':
			cons = append(cons, byte(r))
		}
	}
	return cons, vows
}

func surnameCode(s string) string {
	cons, vows := cfLetters(s)
	return pad3(append(cons, vows...))
}

func nameCode(s string) string {
	cons, vows := cfLetters(s)
	if len(cons) >= 4 {
		return string([]byte{cons[0], cons[2], cons[3]})
	}
	return pad3(append(cons, vows...))
}

func pad3(b []byte) string {
	for len(b) < 3 {
		b = append(b, 'X')
	}
	return string(b[:3])
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
