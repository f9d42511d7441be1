package ingest

import (
	"strings"
	"testing"
)

// TestProfileErrorLines: a TOML error and an unknown key name the line
// they are on, in Italian.
func TestProfileErrorLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		profile, want string
	}{
		{"kind = \"activities\"\n[columns]\ndate = \"Data\"\nminutes = \n", "riga 4: manca il valore"},
		{"kind = \"activities\"\ndate = \"Data\nx = 1\n", "riga 2: un testo tra virgolette non può andare a capo"},
		{"kind = \"activities\"\n\n[columns\ndate = \"Data\"\n", "riga 3: "},
		{"kind = \"activities\"\n[columns]\ndate \"Data\"\n", "riga 3: "},
		{"kind = \"activities\"\nkind = \"cases\"\n", "riga 2: "},
		{"kind = \"activities\"\n\n[columns]\ndate = \"Data\"\n[formats]\nimport_notes = true\n", "formats.import_notes (riga 6)"},
		{"kind = \"activities\"\ncolonne = 1\n", "colonne (riga 2)"},
		{"kind = \"activities\"\n[colonne]\ndate = \"Data\"\n", "riga 2"},
	}
	for _, tt := range tests {
		_, err := ParseProfile([]byte(tt.profile))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.profile, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "expected") {
			t.Errorf("%q: English in %v", tt.profile, err)
		}
	}
}
