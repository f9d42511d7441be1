package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/carico/carico/ingest/table"
	"github.com/carico/carico/store"
)

// failingReader yields n valid diario rows, then err.
type failingReader struct {
	n, i int
	err  error
}

func (r *failingReader) Header() []string {
	return []string{"ID intervento", "Data", "Operatore", "N. cartella", "Tipo attività", "Durata", "Comune", "Note"}
}
func (r *failingReader) Meta() table.Meta { return table.Meta{Format: "xlsx"} }
func (r *failingReader) Close() error     { return nil }
func (r *failingReader) Read() (table.Row, error) {
	if r.i == r.n {
		return table.Row{}, r.err
	}
	r.i++
	return table.Row{Line: r.i + 1, Fields: []string{fmt.Sprint("S", r.i), "03/02/2025", "Maria Rossi", "C1",
		"Colloquio in sede", "30", "Bergamo", ""}}, nil
}

// streamSetup is a database with the sample's comuni and staff, an
// importer and the diario's profile, completed.
func streamSetup(t *testing.T) (*store.DB, *Importer, *Profile) {
	t.Helper()
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population", "staff")
	p, err := LoadProfile("testdata/activities.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Complete(); err != nil {
		t.Fatal(err)
	}
	return db, im, p
}

// TestStreamStopsOnReadError: an error of the source after many rows (a
// disk error, a cancelled import) stops the stream into DuckDB, and the
// import reports that error, not DuckDB's, and stages nothing.
func TestStreamStopsOnReadError(t *testing.T) {
	t.Parallel()
	db, im, p := streamSetup(t)
	for _, tt := range []struct {
		name string
		err  error
	}{
		{"disk", errors.New("errore di lettura del disco")},
		{"cancelled", context.Canceled},
	} {
		conn, err := db.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		res := &Result{}
		_, err = im.stage(context.Background(), conn, &failingReader{n: 50_000, err: tt.err}, p, "diario.xlsx", res)
		if !errors.Is(err, tt.err) {
			t.Errorf("%s: stage error = %v, want %v", tt.name, err, tt.err)
		}
		// The staging table is rolled back with its rows, or left empty.
		var staged int
		if err := conn.QueryRowContext(context.Background(), `SELECT coalesce(sum(estimated_size), 0) FROM duckdb_tables() WHERE table_name = 'stg'`).Scan(&staged); err != nil {
			t.Fatal(err)
		}
		if staged != 0 {
			t.Errorf("%s: %d rows staged after a failed stream, want 0", tt.name, staged)
		}
		conn.Close()
	}
	if got := query(t, db, `SELECT count(*) FROM activity`); got != "0" {
		t.Errorf("activity holds %s rows, want 0", got)
	}
}

// TestStreamReadsEveryRow: a source longer than many Arrow batches arrives
// whole and in order.
func TestStreamReadsEveryRow(t *testing.T) {
	t.Parallel()
	db, im, p := streamSetup(t)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	res := &Result{}
	const n = 30_001
	if _, err := im.stage(context.Background(), conn, &failingReader{n: n, err: io.EOF}, p, "diario.xlsx", res); err != nil {
		t.Fatal(err)
	}
	var rows, ordered int
	if err := conn.QueryRowContext(context.Background(), `SELECT count(*), count(*) FILTER (WHERE line = rowid + 2) FROM temp.stg`).Scan(&rows, &ordered); err != nil {
		t.Fatal(err)
	}
	if rows != n || ordered != n || res.Read != n {
		t.Errorf("staged %d rows, %d in file order, read %d; want %d", rows, ordered, res.Read, n)
	}
}

// TestFirstLoadSupersedes: a first import streams straight into the empty
// diario table; a later row with the ID of an earlier one, in another
// Arrow batch and another DuckDB row group, still supersedes it, exactly as
// when the rows are staged and merged into a table that holds others.
func TestFirstLoadSupersedes(t *testing.T) {
	t.Parallel()
	const n = 130_000
	file := filepath.Join(t.TempDir(), "diario.csv")
	writeActivities(t, file, n)
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, "G5;06/01/2025 13:05;Rossi Maria;C5;Colloquio in sede;7;Bergamo;")
	f.Close()
	p, err := LoadProfile("testdata/activities.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		other   bool // a row is stored before: the import is staged and merged
		inserts int
	}{{"first load", false, n}, {"merge", true, n}} {
		db := openDB(t, "")
		im := &Importer{DB: db, Secret: testSecret}
		importAll(t, im, "population", "staff")
		if tt.other {
			importAll(t, im, "activities")
		}
		before := query(t, db, `SELECT count(*) FROM activity`)
		res, err := im.Import(context.Background(), file, p, "activities.toml")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if res.Read != n+1 || res.Inserted != tt.inserts || res.Skipped != 1 || res.Rejected != 0 {
			t.Errorf("%s: %+v, want %d read, %d inserted, 1 superseded", tt.name, res, n+1, tt.inserts)
		}
		if got := query(t, db, `SELECT minutes, start_time::VARCHAR FROM activity WHERE id = 'G5'`); got != "7|13:05:00" {
			t.Errorf("%s: G5 stored as %s, want the later row 7|13:05:00", tt.name, got)
		}
		if got := query(t, db, `SELECT count(*) - count(DISTINCT id) FROM activity`); got != "0" {
			t.Errorf("%s: %s duplicate IDs stored", tt.name, got)
		}
		if got := query(t, db, fmt.Sprintf(`SELECT count(*) - %s FROM activity`, before)); got != fmt.Sprint(tt.inserts) {
			t.Errorf("%s: %s rows added, want %d", tt.name, got, tt.inserts)
		}
	}
}
