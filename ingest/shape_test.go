package ingest

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// holdsCFByRegexp is holdsCF without its quick test: every candidate the
// regular expression finds, checked.
func holdsCFByRegexp(s string) bool {
	for _, m := range cfCandidate.FindAllString(s, -1) {
		if ValidCF(strings.ToUpper(m)) {
			return true
		}
	}
	return false
}

// The quick test of holdsCF (a run of 16 letters and digits) never hides a
// codice fiscale the regular expression finds: in a note, in lower case,
// written with the runes that case-fold onto its letters, glued to other
// text; and it passes at once the cells that cannot hold one.
func TestHoldsCF(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{"RSSMRA80A01H501U", true},
		{"rssmra80a01h501u", true},
		{"Telefonato a RSSMRA80A01H501U per l'ISEE", true},
		{"note:RSSMRA80A01H501Ufine", true},
		{"CLMMRC82H1LA794E", true}, // omocodia
		{"RSSMRA80A01H501X", false},
		{"RSSMRA80A01H501 U", false},
		{"rſſmra80a01h501u", true}, // ſ upper-cases to S: RSSMRA80A01H501U
		{"SPSGNR50C12F839Y", true},
		{"ſPSGNR50C12F839Y", true}, // ſ as the leading S
		{"LOCATELLI CHIARA", false},
		{"Équipe multiprofessionale", false},
		{"Incontro con servizi specialistici (CPS, SerD, NPIA)", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := holdsCF(tt.s); got != tt.want || got != holdsCFByRegexp(tt.s) {
			t.Errorf("holdsCF(%q) = %v, want %v (regexp alone: %v)", tt.s, got, tt.want, holdsCFByRegexp(tt.s))
		}
	}
	// Random texts over the classes that matter, with valid codici
	// fiscali spliced in: the two ways agree on every one.
	cfs := []string{"RSSMRA80A01H501U", "SPSGNR50C12F839Y", "CLMMRC82H1LA794E", "ſpsgnr50c12f839y"}
	alphabet := []rune("ABCLMSTUVZabclmsuz0123456789 -;/ſKé")
	rng := rand.New(rand.NewPCG(1, 2))
	found := 0
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(40) {
			if rng.IntN(30) == 0 {
				b.WriteString(cfs[rng.IntN(len(cfs))])
				continue
			}
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		if holdsCF(s) != holdsCFByRegexp(s) {
			t.Fatalf("holdsCF(%q) = %v, the regular expression alone says %v", s, holdsCF(s), holdsCFByRegexp(s))
		}
		if holdsCF(s) {
			found++
		}
	}
	if found < 1000 || found > 15000 {
		t.Errorf("%d of 20000 random texts hold a codice fiscale: the texts test too little", found)
	}
}
