package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/carico/carico/store"
)

func TestOpenMigratesOlderDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "carico.duckdb")

	old, err := store.OpenAt(ctx, path, 1)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := old.Version(ctx); v != 1 {
		t.Fatalf("version after OpenAt(1) = %d, want 1", v)
	}
	if _, err := old.ExecContext(ctx, `INSERT INTO comune (istat, name) VALUES ('016024', 'Bergamo')`); err != nil {
		t.Fatal(err)
	}
	if _, err := old.ExecContext(ctx, `SELECT count(*) FROM activity`); err == nil {
		t.Fatal("activity table exists at version 1")
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, _ := store.Migrations()
	if v, _ := db.Version(ctx); v != len(ms) || v < 3 {
		t.Fatalf("version after Open = %d, want %d", v, len(ms))
	}
	var name string
	if err := db.QueryRowContext(ctx, `SELECT name FROM comune WHERE istat = '016024'`).Scan(&name); err != nil || name != "Bergamo" {
		t.Fatalf("data written at version 1 lost: %q, %v", name, err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO activity (id, day, operator_id, kind, minutes) VALUES ('a1', DATE '2025-03-04', 'op1', 'case', 45)`); err != nil {
		t.Fatalf("migrated schema rejects a valid activity: %v", err)
	}

	// Opening again applies nothing twice.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	var n int
	if err := again.QueryRowContext(ctx, `SELECT count(*) FROM schema_version`).Scan(&n); err != nil || n != len(ms) {
		t.Fatalf("schema_version rows = %d (%v), want %d", n, err, len(ms))
	}
}

func TestSchemaRejectsInvalidEnumerations(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	bad := []string{
		`INSERT INTO activity (id, day, operator_id, kind, minutes) VALUES ('x', DATE '2025-01-02', 'o', 'chiacchiere', 10)`,
		`INSERT INTO activity (id, day, operator_id, kind, minutes) VALUES ('y', DATE '2025-01-02', 'o', 'case', -5)`,
		`INSERT INTO cases (id, person, opened, area) VALUES ('c', 'p', DATE '2025-01-02', 'Anziani')`,
		`INSERT INTO cases (id, person, opened, closed) VALUES ('d', 'p', DATE '2025-01-02', DATE '2024-12-31')`,
		`INSERT INTO comune (istat, name) VALUES ('16024', 'Bergamo')`,
		`INSERT INTO operator (id, name, role, weekly_hours, contract) VALUES ('o', 'X', 'psicologo', 36, 'indeterminato')`,
	}
	for _, q := range bad {
		if _, err := db.ExecContext(ctx, q); err == nil {
			t.Errorf("accepted: %s", q)
		}
	}
}

// TestActivityKeyMigration moves a version-5 diario into the table without
// a primary key: every row and value kept, in the same order, the checks
// still enforced.
func TestActivityKeyMigration(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "carico.duckdb")
	old, err := store.OpenAt(ctx, path, 5)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.ExecContext(ctx, `INSERT INTO activity VALUES
		('a2', DATE '2025-03-04', TIME '09:30', 'op1', 'C1', 'case', 45, '016024', 'Colloquio', NULL, 7),
		('a1', DATE '2025-03-05', NULL, 'op2', NULL, 'access', 20, NULL, NULL, 'nota', 8)`); err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got string
	if err := db.QueryRowContext(ctx, `SELECT string_agg(concat_ws('|', id, day, start_time, operator_id, case_id, kind,
		minutes, istat, raw_label, note, batch_id), ' / ' ORDER BY rowid) FROM activity`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	want := "a2|2025-03-04|09:30:00|op1|C1|case|45|016024|Colloquio|7 / a1|2025-03-05|op2|access|20|nota|8"
	if got != want {
		t.Fatalf("activity after the migration:\n got %s\nwant %s", got, want)
	}
	var keys int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_constraints()
		WHERE table_name = 'activity' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')`).Scan(&keys); err != nil || keys != 0 {
		t.Fatalf("activity keeps %d key constraints (%v), want none", keys, err)
	}
	for _, bad := range []string{
		`INSERT INTO activity (id, day, operator_id, kind, minutes) VALUES ('a3', DATE '2025-03-04', 'op1', 'nap', 45)`,
		`INSERT INTO activity (id, day, operator_id, kind, minutes) VALUES ('a3', DATE '2025-03-04', 'op1', 'case', 2000)`,
		`INSERT INTO activity (id, day, operator_id, kind, minutes) VALUES (NULL, DATE '2025-03-04', 'op1', 'case', 45)`,
	} {
		if _, err := db.ExecContext(ctx, bad); err == nil {
			t.Errorf("migrated activity accepts %s", bad)
		}
	}
}
