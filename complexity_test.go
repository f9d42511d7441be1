package carico

import "testing"

func TestParseComplexity(t *testing.T) {
	for s, want := range map[string]int{"bassa": 1, " Media ": 2, "ALTA": 3, "2": 2, "4": 0, "": 0, "altissima": 0} {
		if got := ParseComplexity(s); got != want {
			t.Errorf("ParseComplexity(%q) = %d, want %d", s, got, want)
		}
	}
	if ComplexityLabel(0) != "non indicata" || ComplexityLabel(3) != "alta" {
		t.Error("labels")
	}
}
