package ingest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The codici fiscali and citizens' names of testdata/cases.csv, valid or
// not. None may reach the database in clear.
var personalData = []string{
	"SPSGNR50C12F839Y", "RSSNNA75D52A794X", "CLMMRC82H1LA794E",
	"Esposito", "Gennaro", "Russo", "Ferrari", "Lucia", "Colombo", "Marco", "Bruno", "Sara",
	// testdata/cartelle_spostate.csv: a ';' inside a surname shifts a row,
	// a stray quote would swallow the rows below.
	"DLCNNA75D52A794A", "RSSNNA75D52A794P", "FRRPLA80A01A794I", "RMNGLI90A41A794P",
	"12/03/1950", "12/04/1975", "01/01/1980", "Romano", "Giulia",
}

func TestNoPersonalDataStored(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "carico.duckdb")
	db := openDB(t, path)
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population", "staff", "cases")
	p, err := LoadProfile(filepath.Join("testdata", "cases.toml"))
	if err != nil {
		t.Fatal(err)
	}
	shifted, err := im.Import(context.Background(), filepath.Join("testdata", "cartelle_spostate.csv"), p, "cases.toml")
	if err != nil {
		t.Fatal(err)
	}
	// What stderr shows of the rejections, as the CLI prints them.
	var stderr strings.Builder
	for _, r := range shifted.Rejections {
		stderr.WriteString(r.String() + "\n")
	}
	for _, x := range personalData {
		if strings.Contains(strings.ToLower(stderr.String()), strings.ToLower(x)) {
			t.Errorf("%q printed in the rejections:\n%s", x, stderr.String())
		}
	}
	t.Logf("rejections of the shifted file:\n%s", stderr.String())

	// A rejection of an invalid codice fiscale is kept, masked.
	var masked string
	if err := db.QueryRow(`SELECT value FROM rejected_row WHERE reason LIKE 'codice fiscale%'`).Scan(&masked); err != nil || masked != "RSS************X" {
		t.Fatalf("masked rejection = %q, %v", masked, err)
	}

	// Every text column of every table, through SQL: DuckDB compresses
	// strings, so the file bytes alone prove nothing.
	cols := textColumns(t, db)
	if len(cols) < 20 {
		t.Fatalf("only %d text columns found", len(cols))
	}
	// Control: the same search finds a staff name, which is meant to be stored.
	found := 0
	for _, c := range cols {
		var n int
		db.QueryRow(`SELECT count(*) FROM "` + c[0] + `" WHERE "` + c[1] + `" ILIKE '%bianchi%'`).Scan(&n)
		found += n
	}
	if found == 0 {
		t.Fatal("the search does not find the staff name Bianchi: it proves nothing")
	}
	for _, c := range cols {
		for _, x := range personalData {
			var n int
			q := `SELECT count(*) FROM "` + c[0] + `" WHERE "` + c[1] + `" ILIKE ?`
			if err := db.QueryRow(q, "%"+x+"%").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				t.Errorf("%q found in %s.%s", x, c[0], c[1])
			}
		}
	}

	// And the raw bytes of the database and its write-ahead log, before
	// and after a checkpoint moves the log into the file.
	scan := func(stage string) {
		for _, f := range []string{path, path + ".wal"} {
			b, err := os.ReadFile(f)
			if os.IsNotExist(err) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			low := bytes.ToLower(b)
			t.Logf("%s: %s is %d bytes; control name bianchi found: %v", stage, filepath.Base(f), len(b), bytes.Contains(low, []byte("bianchi")))
			for _, x := range personalData {
				if bytes.Contains(low, []byte(strings.ToLower(x))) {
					t.Errorf("%s: %q found in the bytes of %s", stage, x, filepath.Base(f))
				}
			}
		}
	}
	if fi, err := os.Stat(path + ".wal"); err != nil || fi.Size() == 0 {
		t.Errorf("no write-ahead log before the checkpoint (%v): the test would not look at it", err)
	}
	scan("before checkpoint")
	if _, err := db.Exec(`CHECKPOINT`); err != nil {
		t.Fatal(err)
	}
	scan("after checkpoint")
}
