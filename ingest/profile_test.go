package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProfileErrors(t *testing.T) {
	tests := []struct {
		name, toml, want string
	}{
		{"unknown kind", `kind = "diario"`, `kind "diario" non valido`},
		{"unknown field", "kind = \"activities\"\n[columns]\ndate = \"Data\"\noperator = \"Op\"\nkind = \"Tipo\"\nminutes = \"Durata\"\ndurata = \"X\"",
			`campo sconosciuto in [columns]: "durata"`},
		{"bad value target", "kind = \"activities\"\n[columns]\ndate = \"Data\"\noperator = \"Op\"\nkind = \"Tipo\"\nminutes = \"D\"\n[values.kind]\n\"Colloquio\" = \"colloquio\"",
			`[values.kind]: "Colloquio" → "colloquio" non è un valore ammesso`},
		{"misplaced key", "kind = \"activities\"\n[columns]\ndate = \"Data\"\noperator = \"Op\"\nkind = \"Tipo\"\nminutes = \"D\"\n[formats]\nimport_notes = true",
			"chiavi sconosciute: formats.import_notes"},
		{"bad comune code", "kind = \"staff\"\n[columns]\noperator = \"Op\"\nrole = \"R\"\nweekly_hours = \"H\"\ncontract = \"C\"\ncomune = \"Comune\"\n[values.comune]\n\"Bergamo\" = \"16024\"",
			`"Bergamo" → "16024" non è un valore ammesso`},
		{"bad date format", "kind = \"assignments\"\n[columns]\ncase_id = \"C\"\noperator = \"O\"\nfrom = \"Dal\"\n[formats]\ndate = \"mm/dd/yyyy\"",
			`date = "mm/dd/yyyy" non valido`},
		{"doubled delimiter", "kind = \"assignments\"\ndelimiter = \";;\"\n[columns]\ncase_id = \"C\"\noperator = \"O\"\nfrom = \"Dal\"",
			`delimiter ";;" non valido`},
	}
	for _, tt := range tests {
		_, err := ParseProfile([]byte(tt.toml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	// A draft without the required fields loads, and Complete names them.
	p, err := ParseProfile([]byte("kind = \"activities\"\n[columns]\ndate = \"Data\"\nkind = \"Tipo\""))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Complete(); err == nil || !strings.Contains(err.Error(), "mancano in [columns] i campi obbligatori: operator o operator_id, minutes") {
		t.Errorf("Complete = %v", err)
	}
	for _, name := range []string{"activities", "cases", "staff", "population"} {
		p, err := LoadProfile(filepath.Join("testdata", name+".toml"))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if missing := p.MissingColumns([]string{"Data"}); len(missing) == 0 {
			t.Errorf("%s: no missing columns against a one-column header", name)
		}
	}
}

func TestImportNamesMissingColumns(t *testing.T) {
	p, _ := LoadProfile("testdata/activities.toml")
	path := filepath.Join(t.TempDir(), "diario.csv")
	writeFile(t, path, "ID intervento;Data;Operatore;Tipo attività;Minuti\nA1;01/02/2025;Rossi Maria;Colloquio in sede;30\n")
	_, err := (&Importer{DB: openDB(t, ""), Secret: testSecret}).Import(t.Context(), path, p, "activities.toml")
	if err == nil || !strings.Contains(err.Error(), `assenti nel file: "N. cartella", "Comune", "Durata", "Note"`) {
		t.Errorf("error = %v", err)
	}
}

func FuzzLoadProfile(f *testing.F) {
	entries, _ := filepath.Glob("testdata/*.toml")
	more, _ := filepath.Glob("../sample-data/profiles/*.toml")
	for _, e := range append(entries, more...) {
		b, err := os.ReadFile(e)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("kind = \"cases\"\n[columns]\nid = [\"A\", 1]"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParseProfile(b)
		if err != nil {
			// An error echoes little of the input, whatever its size.
			if len(err.Error()) > 2000 {
				t.Fatalf("error of %d bytes", len(err.Error()))
			}
			return
		}
		// A profile that loads is one the importer can use.
		if _, ok := specs[p.Kind]; !ok {
			t.Fatalf("accepted kind %q", p.Kind)
		}
		if err := p.Check(); err != nil {
			t.Fatalf("accepted profile fails Check: %v", err)
		}
		p.MissingColumns([]string{"a", "b"})
		tableOptions(p)
	})
}
