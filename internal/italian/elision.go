package italian

import (
	"strings"
	"unicode"
)

// elided are the articles and articulated prepositions that lose their
// vowel before a word read with an initial vowel.
var elided = map[string]string{"il": "l'", "al": "all'", "dal": "dall'", "del": "dell'", "nel": "nell'", "sul": "sull'"}

// Before writes the article or articulated preposition word before n, a
// number as Number writes it, maybe followed by its unit («80 %»), elided when n is read aloud starting with
// a vowel — «all'80 %», «dell'11 %», «l'8 %», «dall'1,5 %» — and kept
// otherwise: «al 18 %», «il 110 %», «del 1.100».
func Before(word, n string) string {
	if e, ok := elided[word]; ok && readWithVowel(n) {
		return e + n
	}
	return word + " " + n
}

// readWithVowel reports whether the Italian reading of the number n
// (dots between thousands, a decimal comma) starts with a vowel: uno,
// undici, otto and every number that starts with them in its reading
// (ottanta, ottocento, ottomila, undicimila, un milione…).
func readWithVowel(n string) bool {
	number, _, _ := strings.Cut(n, " ")
	whole, _, _ := strings.Cut(number, ",")
	d := strings.ReplaceAll(whole, ".", "")
	if d == "" || strings.Trim(d, "0123456789") != "" {
		return false // a sign (meno), a dash or no number at all
	}
	switch {
	case d[0] == '8':
		return true // otto, ottanta, ottocento, ottomila…
	case d[0] == '1' && (len(d) == 1 || len(d) == 7 || len(d) == 10):
		return true // uno, un milione, un miliardo
	case strings.HasPrefix(d, "11") && (len(d) == 2 || len(d) == 5 || len(d) == 8):
		return true // undici, undicimila, undici milioni
	}
	return false
}

// LowerFirst lowers the first letter of a label that opens a sentence, to
// use it inside one: «Pesi standard» → «pesi standard».
func LowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// At writes the preposition «a» before a place's name, with the euphonic
// d before a name that starts with a: «ad Albano», «a Seriate».
func At(place string) string {
	if r := []rune(place); len(r) > 0 && unicode.ToLower(r[0]) == 'a' {
		return "ad " + place
	}
	return "a " + place
}
