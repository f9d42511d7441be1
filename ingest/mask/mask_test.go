package mask

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPersonal(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"RSSMRA80A01H501U": "RSS************U",
		"Rossi Maria":      "R**** M****",
		"12/03/1950":       "1*********",
	} {
		if got := Personal(in); got != want {
			t.Errorf("Personal(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestValue covers values that a shifted row put in a column that is not
// personal: whatever looks like a codice fiscale, a birth date or a name
// is masked wherever it is.
func TestValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		name bool
		want string
	}{
		{"SPSGNR50C12F839Y", true, "SPS************Y"},
		{"spsgnr50c12f839y", false, "sps************y"},
		{"nato il 12/03/1950 a Napoli", false, "nato il 1********* a Napoli"},
		{"1950-03-12", false, "1*********"},
		{"Esposito Gennaro", true, "E******* G******"},
		{"ESPOSITO GENNARO", true, "E******* G******"},
		{"D'Angelo Luca", true, "D******* L***"},
		{"Esposito Gennaro", false, "Esposito Gennaro"},
		{"Colloquio in sede", true, "Colloquio in sede"},
		{"Bergamo", true, "Bergamo"},
		{"016024", true, "016024"},
		{"1,5", true, "1,5"},
		{"Gennaro | SPSGNR50C12F839Y | 12/03/1950", true, "Gennaro | SPS************Y | 1*********"},
	}
	for _, tt := range tests {
		if got := Value(tt.in, tt.name); got != tt.want {
			t.Errorf("Value(%q, %v) = %q, want %q", tt.in, tt.name, got, tt.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("è", 5<<20)
	got := Excerpt(long)
	if len(got) > MaxExcerpt+40 {
		t.Fatalf("excerpt of %d bytes", len(got))
	}
	if !strings.HasSuffix(got, "byte omessi)") {
		t.Errorf("excerpt %q does not say what it left out", got[len(got)-30:])
	}
	if Excerpt("breve") != "breve" {
		t.Error("short text changed")
	}
}

// FuzzValue: whatever the input, what Value shows holds no text shaped
// like a codice fiscale and stays short.
func FuzzValue(f *testing.F) {
	f.Add("SPSGNR50C12F839Y", true)
	f.Add("Gennaro | SPSGNR50C12F839Y | 12/03/1950", true)
	f.Add("Esposito Gennaro", false)
	f.Add(strings.Repeat("è", 300), true)
	f.Fuzz(func(t *testing.T, s string, name bool) {
		got := Value(s, name)
		if cf.MatchString(got) {
			t.Fatalf("Value(%q) = %q shows a codice fiscale", s, got)
		}
		if len(got) > MaxExcerpt+40 {
			t.Fatalf("Value of %d bytes gave %d", len(s), len(got))
		}
		if name && LooksLikeName(s) {
			// Of a name only the first letter of each word shows.
			for _, w := range strings.Fields(got) {
				_, size := utf8.DecodeRuneInString(w)
				if strings.Trim(w[size:], "*") != "" {
					t.Fatalf("name %q shown as %q", s, got)
				}
			}
		}
	})
}

// TestWithout: a reason never repeats the value of its cell, in any
// spelling, however short; the rest of the reason stays as written.
func TestWithout(t *testing.T) {
	t.Parallel()
	tests := []struct{ reason, value, want string }{
		{`data non riconosciuta: "C-17" (atteso gg/mm/aaaa)`, "C-17", "data non riconosciuta (atteso gg/mm/aaaa)"},
		{"data inesistente: 31/02/2025", "31/02/2025", "data inesistente"},
		{`atteso un numero intero: "12"`, "12", "atteso un numero intero"},
		{`durata non valida: "7"`, " 7 ", "durata non valida"},
		{`aggiungere "Riunione\ndi rete" a [values.kind]`, "Riunione\ndi rete", "aggiungere il valore a [values.kind]"},
		{`quota non valida: "A ""B"""`, `A "B"`, "quota non valida"},
		{"numero B0042 ripetuto, poi b0042", "B0042", "numero il valore ripetuto, poi il valore"},
		{"codice ISTAT sconosciuto", "016024", "codice ISTAT sconosciuto"},
		{"riga 7: durata oltre le 24 ore", "7", "riga 7: durata oltre le 24 ore"}, // a short value is taken out only where it is quoted or last
		{"motivo", "", "motivo"},
	}
	for _, tt := range tests {
		if got := Without(tt.reason, tt.value); got != tt.want {
			t.Errorf("Without(%q, %q) = %q, want %q", tt.reason, tt.value, got, tt.want)
		}
	}
}
