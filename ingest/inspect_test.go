package ingest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carico/carico/ingest/table"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// inspectCases are the fixtures whose inspect report and proposed profile
// are pinned by golden files.
var inspectCases = []struct {
	name, path string
	opt        table.Options
	kind       string
}{
	{"diario_cp1252", "table/testdata/diario_cp1252.csv", table.Options{}, ""},
	{"diario_xlsx", "table/testdata/diario.xlsx", table.Options{Sheet: "Diario"}, ""},
	{"diario_utf16", "table/testdata/diario_utf16.txt", table.Options{}, ""},
	{"personale_pipe", "table/testdata/personale_pipe.csv", table.Options{}, ""},
	{"popolazione_tab", "table/testdata/popolazione_tab.tsv", table.Options{}, ""},
	{"cartelle", "testdata/cartelle.csv", table.Options{}, ""},
	{"cartelle_as_assignments", "testdata/cartelle.csv", table.Options{}, "assignments"},
	{"diario_note", "testdata/diario_note.csv", table.Options{}, ""},
	{"personale", "testdata/personale.csv", table.Options{}, ""},
	{"istat_popolazione", "testdata/istat_popolazione.csv", table.Options{}, ""},
	{"cartelle_area", "testdata/cartelle_area.csv", table.Options{}, ""},
	{"istanze", "testdata/istanze.csv", table.Options{}, ""},
}

func TestInspectGolden(t *testing.T) {
	for _, tc := range inspectCases {
		t.Run(tc.name, func(t *testing.T) {
			in, err := Inspect(tc.path, tc.opt, tc.kind)
			if err != nil {
				t.Fatal(err)
			}
			var report, profile bytes.Buffer
			if err := in.WriteReport(&report); err != nil {
				t.Fatal(err)
			}
			if err := in.WriteProfile(&profile); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", tc.name+".inspect.golden"), report.Bytes())
			golden(t, filepath.Join("testdata", tc.name+".profile.golden"), profile.Bytes())

			// The proposal must load as a profile, with the columns it names.
			path := filepath.Join(t.TempDir(), "profilo.toml")
			if err := os.WriteFile(path, profile.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			p, err := LoadProfile(path)
			if err != nil {
				t.Fatalf("proposed profile does not load: %v\n%s", err, profile.String())
			}
			if p.Kind != in.Kind || p.HeaderRow != in.Meta.HeaderLine {
				t.Errorf("profile kind %q header %d, want %q %d", p.Kind, p.HeaderRow, in.Kind, in.Meta.HeaderLine)
			}
			for _, c := range in.Columns {
				if c.Field != "" && !contains(p.Columns[c.Field], c.Name) {
					t.Errorf("profile maps %s to %q, want it to include %q", c.Field, p.Columns[c.Field], c.Name)
				}
			}
		})
	}
}

func contains(cols Columns, name string) bool {
	for _, c := range cols {
		if c == name {
			return true
		}
	}
	return false
}

// No personal value of the cases fixture may appear in what inspect prints.
func TestInspectMasksPersonalData(t *testing.T) {
	in, err := Inspect("testdata/cartelle.csv", table.Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	in.WriteReport(&out)
	in.WriteProfile(&out)
	for _, secret := range []string{"SPSNNA80A41F839W", "RSSGPP45C12B963K", "Esposito", "Giuseppe", "Bianchi", "De Luca", "Sara"} {
		if strings.Contains(out.String(), secret) {
			t.Errorf("output shows %q", secret)
		}
	}
	// Free-text notes name people too.
	in, err = Inspect("testdata/diario_note.csv", table.Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	in.WriteReport(&out)
	in.WriteProfile(&out)
	if strings.Contains(out.String(), "Bonetti") {
		t.Errorf("output shows a note:\n%s", out.String())
	}
}

func TestGuessKind(t *testing.T) {
	tests := []struct {
		header []string
		want   string
	}{
		{[]string{"Data", "Operatore", "Tipo attività", "Durata"}, "activities"},
		{[]string{"ID cartella", "Codice fiscale", "Data apertura", "Area"}, "cases"},
		{[]string{"Matricola", "Operatore", "Qualifica", "Ore settimanali", "Contratto"}, "staff"},
		{[]string{"Codice Istat", "Comune", "Anno", "Residenti"}, "population"},
		{[]string{"Operatore", "Anno", "Giorni ferie", "Giorni malattia"}, "absences"},
		{[]string{"N. cartella", "Operatore", "Dal", "Al"}, "assignments"},
	}
	for _, tt := range tests {
		if got := guessKind(tt.header); got != tt.want {
			t.Errorf("guessKind(%q) = %s, want %s", tt.header, got, tt.want)
		}
	}
}

func TestInspectBadKind(t *testing.T) {
	_, err := Inspect("testdata/cartelle.csv", table.Options{}, "persone")
	if err == nil || !strings.Contains(err.Error(), `tipo "persone" non valido`) {
		t.Fatalf("error = %v", err)
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -tags duckdb_arrow ./ingest -run Inspect -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from output:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
