package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sqliteHeader is the start of every SQLite 3 file.
const sqliteHeader = "SQLite format 3\x00"

// TestOpenNeverDownloads opens a SQLite file as the database: DuckDB would
// try to download sqlite_scanner; carico says the file is not its own.
func TestOpenNeverDownloads(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "altro.db")
	page := make([]byte, 4096)
	copy(page, sqliteHeader)
	page[16], page[17] = 0x10, 0x00 // page size 4096
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), path)
	if err == nil {
		t.Fatal("a SQLite file opened as a carico database")
	}
	msg := strings.ReplaceAll(err.Error(), path, "")
	for _, word := range []string{"install", "download", "http", "extension"} {
		if strings.Contains(strings.ToLower(msg), word) {
			t.Errorf("error mentions %q: %v", word, err)
		}
	}
	t.Log(err)
}

// TestOpenReadOnly reads a database whose file may not be written.
func TestOpenReadOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "carico.duckdb")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var n int
	if err := ro.QueryRowContext(ctx, `SELECT count(*) FROM activity`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if _, err := ro.ExecContext(ctx, `INSERT INTO comune (istat, name) VALUES ('000001', 'x')`); err == nil {
		t.Error("a read-only database accepted a write")
	}
}

// TestItalianErrors words the DuckDB errors a user meets on opening.
func TestItalianErrors(t *testing.T) {
	t.Parallel()
	for msg, want := range map[string]string{
		`IO Error: Could not set lock on file "x.duckdb": Conflicting lock is held in /usr/bin/carico (PID 42)`:            "in uso da un altro programma",
		`IO Error: Cannot open file "x.duckdb": Permission denied`:                                                         "permesso negato",
		`IO Error: The file "x" exists, but it is not a valid DuckDB database file!`:                                       "non è un database di carico",
		`IO Error: Could not read enough bytes from file "x.duckdb": attempted to read 262144 bytes from location 4993024`: "troncato o danneggiato",
		`IO Error: Cannot open file "x.duckdb": Read-only file system`:                                                     "disco in sola lettura",
		`INTERRUPT Error: Interrupted!`: "operazione interrotta",
	} {
		if got := Italian(errors.New(msg)).Error(); !strings.Contains(got, want) {
			t.Errorf("%q → %q, want %q", msg, got, want)
		}
	}
}

// TestNewerSchema: a database written by a newer carico is refused, for
// reading and for importing alike, with the advice to update carico —
// never to run an import, which would refuse it too.
func TestNewerSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "carico.duckdb")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO schema_version (version, name) VALUES (?, 'futura')`, len(ms)+1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := OpenReadOnly(ctx, path); err == nil || !strings.Contains(err.Error(), "aggiornare carico") || strings.Contains(err.Error(), "carico import") {
		t.Errorf("read only: err = %v, want the advice to update carico", err)
	}
	if db, err := Open(ctx, path); err == nil || !strings.Contains(err.Error(), "aggiornare carico") {
		if db != nil {
			db.Close()
		}
		t.Errorf("read-write: err = %v, want the advice to update carico", err)
	}
}
