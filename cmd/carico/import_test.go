package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("CARICO_SECRET_FILE", filepath.Join(dir, "chiave"))
	db := filepath.Join(dir, "c.duckdb")
	td := filepath.Join("..", "..", "ingest", "testdata")
	imp := func(kind string, extra ...string) (int, string, string) {
		args := append([]string{"import", "--db", db, "--kind", kind, "--profile", filepath.Join(td, kind+".toml")}, extra...)
		return runCLI(t, append(args, filepath.Join(td, kind+".csv"))...)
	}
	for _, k := range []string{"population", "staff"} {
		if code, _, errOut := imp(k); code != exitOK {
			t.Fatalf("import %s: exit %d, %s", k, code, errOut)
		}
	}
	code, out, errOut := imp("activities", "--strict")
	if code != exitRuntime || !strings.Contains(errOut, "modalità rigorosa") || !strings.Contains(out, "scartate 4") ||
		strings.Contains(out, "inserite") {
		t.Errorf("strict: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	code, out, errOut = imp("activities")
	if code != exitOK {
		t.Fatalf("activities: exit %d, %s", code, errOut)
	}
	if !strings.Contains(out, "lette 9, inserite 4, aggiornate 0, invariate 0, scartate 4, saltate 1") {
		t.Errorf("summary = %q", out)
	}
	if !strings.Contains(errOut, `activities.csv:4, colonna "Data", valore "31/02/2025": data inesistente`) {
		t.Errorf("rejections on stderr = %q", errOut)
	}
	// The import calibrates the observed weights of the default period
	// once and keeps them for the commands that read (read-only).
	if n := keptCalibrations(t, db); n != 1 {
		t.Errorf("after the import %d calibrations are kept, want 1", n)
	}
	// The summary counts the problems beyond the first ten: 15 rows with
	// one bad date each.
	many := "ID intervento;Data;Operatore;N. cartella;Tipo attività;Durata;Comune;Note\n"
	for i := range 15 {
		many += fmt.Sprintf("Z%d;31/02/2025;Maria Rossi;C1;Colloquio in sede;1,5;Bergamo;\n", i)
	}
	manyFile := filepath.Join(dir, "molti.csv")
	if err := os.WriteFile(manyFile, []byte(many), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "import", "--db", db, "--kind", "activities", "--profile", filepath.Join(td, "activities.toml"), manyFile)
	if code != exitOK || !strings.Contains(errOut, "… e altri 5 problemi") {
		t.Errorf("15 problems: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "import", "--db", db, "--kind", "activities", filepath.Join(td, "activities.csv"))
	if code != exitUsage || !strings.Contains(errOut, "carico inspect") {
		t.Errorf("without profile: exit %d, %q", code, errOut)
	}
	// The sample's diario has the columns of the bundled profile: no --profile needed.
	exports, err := sampledata.Generate(sampledata.DefaultSeed).WriteExports(filepath.Join(dir, "sample"))
	if err != nil {
		t.Fatal(err)
	}
	// 44 rows of residents; 49 of staff: the 45 rows of the operators'
	// comuni, and 4 of the earlier contract periods of two of them.
	inserted := map[string]string{"population": "inserite 44", "staff": "inserite 49"}
	for _, x := range exports[:2] { // population, staff
		code, out, errOut = runCLI(t, "import", "--db", db, "--kind", x.Kind, x.Path)
		if code != exitOK || !strings.Contains(errOut, "profilo incorporato") || !strings.Contains(out, inserted[x.Kind]) {
			t.Errorf("bundled profile for %s: exit %d\n%s\n%s", x.Kind, code, out, errOut)
		}
	}
	code, _, errOut = runCLI(t, "import", "--db", db, "--kind", "cases", "--profile", filepath.Join(td, "staff.toml"), filepath.Join(td, "cases.csv"))
	if code != exitUsage || !strings.Contains(errOut, `è per "staff"`) {
		t.Errorf("wrong profile kind: exit %d, %q", code, errOut)
	}
}

// TestImportMistypedKey: after a first import, a mistyped key file neither
// creates a new key nor re-keys anyone; another key is refused.
func TestImportMistypedKey(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.duckdb")
	td := filepath.Join("..", "..", "ingest", "testdata")
	imp := func(secret string) (int, string) {
		code, _, errOut := runCLI(t, "import", "--db", db, "--kind", "population", "--secret", secret,
			"--profile", filepath.Join(td, "population.toml"), filepath.Join(td, "population.csv"))
		return code, errOut
	}
	if code, errOut := imp(filepath.Join(dir, "chiave")); code != exitOK {
		t.Fatalf("first import: exit %d, %s", code, errOut)
	}
	typo := filepath.Join(dir, "chaive")
	if code, errOut := imp(typo); code == exitOK || !strings.Contains(errOut, "non esiste, ma il database ne usa una") {
		t.Errorf("mistyped key: exit %d, %s", code, errOut)
	}
	if _, err := os.Stat(typo); err == nil {
		t.Error("a new key was created")
	}
	other := filepath.Join(dir, "altra")
	if err := os.WriteFile(other, []byte("0123456789abcdef0123456789abcdeX"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, errOut := imp(other); code == exitOK || !strings.Contains(errOut, "non è quella usata per questo database") {
		t.Errorf("other key: exit %d, %s", code, errOut)
	}
}

// keptCalibrations counts the calibrations of the observed weights kept in
// the database at path.
func keptCalibrations(t *testing.T, path string) int {
	t.Helper()
	db, err := store.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM weight_calibration`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
