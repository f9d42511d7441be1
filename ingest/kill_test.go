package ingest

import (
	"bufio"
	"context"
	"fmt"
	"github.com/carico/carico/store"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// writeActivities writes a diario export of n rows in the shape of
// testdata/activities.csv, for the operators and comuni of the fixtures.
func writeActivities(t testing.TB, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "ID intervento;Data;Operatore;N. cartella;Tipo attività;Durata;Comune;Note")
	ops := []string{"Rossi Maria", "BIANCHI LUCA", "maria rossi"}
	kinds := []string{"Colloquio in sede", "Segretariato sociale", "Visita domiciliare", "Corso di formazione"}
	comuni := []string{"Bergamo", "Dalmine", "016024"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "G%d;%02d/%02d/2025 %02d:%02d;%s;C%d;%s;%d;%s;\n", i, 1+i%28, 1+i/28%12, 8+i%9, i%60,
			ops[i%len(ops)], i%5000, kinds[i%len(kinds)], 15+i%90, comuni[i%len(comuni)])
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestHelperImport is not a test: TestKilledImportLeavesDatabaseUnchanged
// runs the test binary again with CARICO_HELPER_DB set, and this function
// then imports CARICO_HELPER_FILE into it, printing progress on stdout so
// that the parent knows when to kill it.
func TestHelperImport(t *testing.T) {
	dbPath := os.Getenv("CARICO_HELPER_DB")
	if dbPath == "" {
		t.Skip("helper process for the kill test")
	}
	db := openDB(t, dbPath)
	p, err := LoadProfile("testdata/activities.toml")
	if err != nil {
		t.Fatal(err)
	}
	im := &Importer{DB: db, Secret: testSecret, Progress: os.Stdout}
	if _, err := im.Import(context.Background(), os.Getenv("CARICO_HELPER_FILE"), p, "activities.toml"); err != nil {
		t.Fatal(err)
	}
	fmt.Println("\nIMPORT COMPLETED")
}

// A process killed with SIGKILL in the middle of an import leaves the
// database exactly as it was: the import is one transaction, and DuckDB's
// write-ahead log only ever holds committed ones. Both ways an import
// writes are killed: staged and merged into a diario that holds rows, and
// streamed straight into an empty one (a first load).
func TestKilledImportLeavesDatabaseUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and imports a large file")
	}
	t.Run("merge", func(t *testing.T) { killImport(t, "population", "staff", "activities", "cases") })
	t.Run("first load", func(t *testing.T) { killImport(t, "population", "staff", "cases") })
}

// killImport imports the fixtures, then kills a child process importing a
// large diario into the same database midway.
func killImport(t *testing.T, fixtures ...string) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "carico.duckdb")
	db := openDB(t, dbPath)
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, fixtures...)
	before := dump(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "diario-grande.csv")
	writeActivities(t, big, 300_000)

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperImport$", "-test.v")
	cmd.Env = append(os.Environ(), "CARICO_HELPER_DB="+dbPath, "CARICO_HELPER_FILE="+big)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once the child has staged at least 50,000 rows.
	progress := regexp.MustCompile(`: (\d+) righe lette`)
	sc := bufio.NewScanner(out)
	sc.Split(scanCR)
	killedAt := 0
	var transcript strings.Builder
	for sc.Scan() {
		transcript.WriteString(sc.Text() + "\n")
		if m := progress.FindStringSubmatch(sc.Text()); m != nil {
			if n, _ := strconv.Atoi(m[1]); n >= 50_000 && n < 300_000 {
				killedAt = n
				if err := cmd.Process.Kill(); err != nil {
					t.Fatal(err)
				}
				break
			}
		}
	}
	cmd.Wait()
	if killedAt == 0 || strings.Contains(transcript.String(), "IMPORT COMPLETED") {
		t.Fatalf("the child was not killed midway:\n%s", transcript.String())
	}
	t.Logf("child killed after %d of 300000 rows", killedAt)

	// No view of the import is left in the file, as another tool sees it.
	ro, err := store.OpenReadOnly(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	var views int
	if err := ro.QueryRow(`SELECT count(*) FROM duckdb_views() WHERE view_name = ?`, store.IncomingView).Scan(&views); err != nil || views != 0 {
		t.Errorf("%d views %s left by the killed import (%v)", views, store.IncomingView, err)
	}
	ro.Close()

	db = openDB(t, dbPath)
	if after := dump(t, db); after != before {
		t.Fatalf("database changed by the killed import:\n%s\nbefore:\n%s", after, before)
	}
	// And the database is usable: the same file now imports in full.
	p, _ := LoadProfile("testdata/activities.toml")
	res, err := (&Importer{DB: db, Secret: testSecret}).Import(context.Background(), big, p, "activities.toml")
	if err != nil || res.Inserted != 300_000 {
		t.Fatalf("import after the kill: %+v, %v", res, err)
	}
}

// scanCR splits on both \r (progress rewrites) and \n.
func scanCR(data []byte, atEOF bool) (int, []byte, error) {
	for i, b := range data {
		if b == '\r' || b == '\n' {
			return i + 1, data[:i], nil
		}
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
