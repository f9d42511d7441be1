package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carico/carico/ingest/table"
)

// TestImportCapacity imports a register with every kind of bad row: each
// is rejected on its own line with an Italian reason, the good row is
// written, and nothing of a rejected row reaches the register.
func TestImportCapacity(t *testing.T) {
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population", "staff")
	p, err := LoadProfile(filepath.Join("testdata", "riduzioni.toml"))
	if err != nil {
		t.Fatal(err)
	}
	run := func(file string) *Result {
		t.Helper()
		res, err := im.Import(context.Background(), filepath.Join("testdata", file), p, "riduzioni.toml")
		if err != nil {
			t.Fatalf("import %s: %v", file, err)
		}
		return res
	}
	check := func(res *Result, counts [6]int, want []wantRejection) {
		t.Helper()
		got := [6]int{res.Read, res.Inserted, res.Updated, res.Unchanged, res.Skipped, res.Rejected}
		if got != counts {
			t.Errorf("counts = %v, want %v; rejections %v", got, counts, res.Rejections)
		}
		if len(res.Rejections) != len(want) {
			t.Fatalf("rejections = %+v, want %d", res.Rejections, len(want))
		}
		for i, w := range want {
			r := res.Rejections[i]
			if r.Line != w.line || r.Column != w.column || r.Value != w.value || !strings.Contains(r.Reason, w.reason) {
				t.Errorf("rejection %d = %+v, want %+v", i, r, w)
			}
		}
	}
	const register = `SELECT operator_id, from_date::VARCHAR, to_date::VARCHAR, percent, coalesce(hours_per_week, 0), reason FROM capacity_reduction ORDER BY ALL`

	bad := []wantRejection{
		{3, "Dal", "01/01/2025", "periodo sovrapposto a quello della riga 4 per lo stesso operatore"},
		{4, "Dal", "01/06/2025", "periodo sovrapposto a quello della riga 3"},
		{5, "Cognome + Nome", "Gialli Carla", "operatore sconosciuto"},
		{6, "Riduzione %", "120", "percentuale di riduzione oltre il 100 %"},
		{7, "Al", "01/02/2026", "fine della riduzione precedente all'inizio"},
	}
	check(run("riduzioni.csv"), [6]int{6, 1, 0, 0, 0, 5}, bad)
	want := "maria-rossi|2025-01-01|2025-12-31|20|0|coordinamento"
	if got := query(t, db, register); got != want {
		t.Fatalf("register:\n%s\nwant:\n%s", got, want)
	}

	// The same file again changes nothing.
	check(run("riduzioni.csv"), [6]int{6, 0, 0, 1, 0, 5}, bad)
	if got := query(t, db, register); got != want {
		t.Errorf("register after a re-import:\n%s\nwant:\n%s", got, want)
	}

	// A period overlapping a stored reduction the file does not replace is
	// rejected; the other rows go in.
	check(run("riduzioni_seconde.csv"), [6]int{2, 1, 0, 0, 0, 1}, []wantRejection{
		{2, "Dal", "01/12/2025", "periodo sovrapposto a una riduzione già registrata per lo stesso operatore (dal 01/01/2025)"},
	})
	want = "bianchi-luca|2025-01-01|2025-06-30|50|0|sindacale\n" + want
	if got := query(t, db, register); got != want {
		t.Errorf("register:\n%s\nwant:\n%s", got, want)
	}
}

// TestInspectCapacity: an HR export of reductions is recognised as the
// capacity kind, Cognome and Nome join into the operator, and the reasons
// are proposed from their wording.
func TestInspectCapacity(t *testing.T) {
	t.Parallel()
	if got := guessKind([]string{"Cognome", "Nome", "Dal", "Al", "Riduzione %", "Motivo"}); got != "capacity" {
		t.Fatalf("guessKind = %s, want capacity", got)
	}
	in, err := Inspect(filepath.Join("testdata", "riduzioni.csv"), table.Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	in.WriteProfile(&out)
	prof := out.String()
	for _, s := range []string{`kind = "capacity"`, `operator = ["Cognome", "Nome"]`, `percent = "Riduzione %"`, `"Distacco sindacale" = "sindacale"`} {
		if !strings.Contains(strings.Join(strings.Fields(prof), " "), strings.Join(strings.Fields(s), " ")) {
			t.Errorf("proposed profile lacks %s:\n%s", s, prof)
		}
	}
}

// TestInspectOperatorCognomeNome: an export with the operator's Cognome
// and Nome in two columns gets them proposed, joined, as the operator —
// in a diario, a roster and an absences file; in a cartelle export they
// stay the assistito's.
func TestInspectOperatorCognomeNome(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, c := range []struct{ kind, csv, want string }{
		{"activities", "ID;Data;Cognome;Nome;Tipo attività;Durata\nA1;03/02/2025;Rossi;Maria;Colloquio;30\n", `operator = ["Cognome", "Nome"]`},
		{"staff", "Cognome;Nome;Qualifica;Ore settimanali;Contratto;Comune\nRossi;Maria;Assistente sociale;36;TI;Bergamo\n", `operator = ["Cognome", "Nome"]`},
		{"absences", "Cognome operatore;Nome operatore;Anno;Ferie\nRossi;Maria;2025;28\n", `operator = ["Cognome operatore", "Nome operatore"]`},
		{"cases", "N. cartella;Cognome;Nome;Data apertura\nC1;Bianchi;Luca;01/02/2025\n", `person_name = ["Cognome", "Nome"]`},
	} {
		path := filepath.Join(dir, c.kind+".csv")
		if err := os.WriteFile(path, []byte(c.csv), 0o600); err != nil {
			t.Fatal(err)
		}
		in, err := Inspect(path, table.Options{}, c.kind)
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		in.WriteProfile(&out)
		if !strings.Contains(strings.Join(strings.Fields(out.String()), " "), c.want) {
			t.Errorf("%s: proposed profile lacks %s:\n%s", c.kind, c.want, out.String())
		}
	}
}
