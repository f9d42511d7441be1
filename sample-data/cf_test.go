package sampledata

import (
	"testing"
	"time"
)

// Published examples: the Agenzia delle Entrate / Wikipedia worked example
// (Matteo Moretti, born in Milan on 9 April 1925) and the textbook codes of
// Mario Rossi and of a woman with a short name.
func TestCodiceFiscaleKnownExamples(t *testing.T) {
	tests := []struct {
		surname, name string
		sex           byte
		birth         string
		place         string
		want          string
	}{
		{"Moretti", "Matteo", 'M', "1925-04-09", "F205", "MRTMTT25D09F205Z"},
		{"Rossi", "Mario", 'M', "1980-01-01", "H501", "RSSMRA80A01H501U"},
	}
	for _, tt := range tests {
		b, _ := time.Parse(time.DateOnly, tt.birth)
		if got := codiceFiscale(tt.surname, tt.name, tt.sex, b, tt.place); got != tt.want {
			t.Errorf("codiceFiscale(%s %s) = %s, want %s", tt.surname, tt.name, got, tt.want)
		}
	}
}

// The three-letter rules of the decree, on the textbook cases: a name with
// four or more consonants skips the second; short names are padded with X;
// spaces, apostrophes and accents are ignored.
func TestCodiceFiscaleNameRules(t *testing.T) {
	tests := []struct{ in, surname, name string }{
		{"Gianfranco", "GNF", "GFR"},
		{"Fo", "FOX", "FOX"},
		{"De Angelis", "DNG", "DGL"},
		{"Dell'Orto", "DLL", "DLR"},
		{"Nicolò", "NCL", "NCL"},
		{"Ea", "EAX", "EAX"},
	}
	for _, tt := range tests {
		if got := surnameCode(tt.in); got != tt.surname {
			t.Errorf("surnameCode(%q) = %s, want %s", tt.in, got, tt.surname)
		}
		if got := nameCode(tt.in); got != tt.name {
			t.Errorf("nameCode(%q) = %s, want %s", tt.in, got, tt.name)
		}
	}
}

func TestCFCheckRejectsAltered(t *testing.T) {
	const good = "MRTMTT25D09F205Z"
	if !validCF(good) {
		t.Fatalf("validCF(%s) = false", good)
	}
	if validCF("MRTMTT25D09F205A") {
		t.Errorf("validCF accepted a wrong check character")
	}
}

// validCF reports whether a 16-character codice fiscale has the right check
// character.
func validCF(s string) bool {
	return len(s) == 16 && cfCheck(s) == s[15]
}
