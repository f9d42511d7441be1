package italian

import "testing"

// TestBefore checks the elision against how the numbers are read aloud:
// the article elides before a vowel, «l'8 per cento», «l'11», «l'80»,
// but «il 18», «il 110».
func TestBefore(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ word, n, want string }{
		{"al", "80", "all'80"},
		{"al", "8", "all'8"},
		{"al", "8,5", "all'8,5"},
		{"al", "1", "all'1"},
		{"dal", "1,5", "dall'1,5"},
		{"del", "11", "dell'11"},
		{"il", "800", "l'800"},
		{"il", "8.000", "l'8.000"},
		{"al", "11.000", "all'11.000"},
		{"al", "1.000.000", "all'1.000.000"},
		{"sul", "83", "sull'83"},
		{"nel", "80,0", "nell'80,0"},
		{"al", "18", "al 18"},
		{"il", "110", "il 110"},
		{"del", "1.100", "del 1.100"},
		{"al", "100", "al 100"},
		{"al", "1.000", "al 1.000"},
		{"dal", "70", "dal 70"},
		{"al", "-8", "al -8"},
		{"al", "—", "al —"},
		{"entro", "80", "entro 80"},
		{"il", "80 %", "l'80 %"},
		{"il", "110 %", "il 110 %"},
	} {
		if got := Before(c.word, c.n); got != c.want {
			t.Errorf("Before(%q, %q) = %q, want %q", c.word, c.n, got, c.want)
		}
	}
}

func TestLowerFirst(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"Pesi standard": "pesi standard", "Èra": "èra", "": "", "pesi": "pesi"} {
		if got := LowerFirst(in); got != want {
			t.Errorf("LowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAt(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"Albano Sant'Alessandro": "ad Albano Sant'Alessandro", "Seriate": "a Seriate", "Azzano San Paolo": "ad Azzano San Paolo", "Entratico": "a Entratico"} {
		if got := At(in); got != want {
			t.Errorf("At(%q) = %q, want %q", in, got, want)
		}
	}
}
