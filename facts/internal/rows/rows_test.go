package rows

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

// TestEachSameValues reads the same rows, of every type a fact returns
// and with NULLs, through the pool (Arrow batches in a build with the
// duckdb_arrow tag) and through a transaction (database/sql always), over
// more rows than one batch holds, and finds the same values.
func TestEachSameValues(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, tx := poolAndTx(t)
	const q = `SELECT 'c' || i AS s, CASE WHEN i % 7 = 0 THEN NULL ELSE 'op' || (i % 5) END AS maybe,
		i::INTEGER AS i32, (i * 1000000000)::BIGINT AS i64, sum(i) OVER () AS huge,
		i / 3.0 AS f, (i % 3)::TINYINT AS small,
		DATE '2025-01-01' + i::INTEGER AS d, CASE WHEN i % 4 = 0 THEN NULL ELSE DATE '1969-12-31' - i::INTEGER END AS maybe_d,
		TIMESTAMP '2025-03-01 23:30:00' AS ts, i % 2 = 0 AS b, NULL::INTEGER AS none,
		'b'::ENUM ('a', 'b') AS e
	FROM range($n) t(i) ORDER BY i`
	read := func(db Queryer) []string {
		var out []string
		err := Each(ctx, db, "prova", q, func(r Row) error {
			out = append(out, fmt.Sprintf("%q %q/%v %d %d %d %v %d %s %s/%v %s %v %d/%v %q",
				r.String(0), r.String(1), r.Null(1), r.Int(2), r.Int(3), r.Int(4), r.Float(5), r.Int(6),
				r.Day(7).Format(time.RFC3339), r.Day(8).Format(time.RFC3339), r.Null(8), r.Day(9).Format(time.RFC3339),
				r.Bool(10), r.Int(11), r.Null(11), r.String(12)))
			return nil
		}, sql.Named("n", 5000))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	pooled, scanned := read(db), read(tx)
	if len(pooled) != 5000 || len(scanned) != 5000 {
		t.Fatalf("%d and %d rows, want 5000", len(pooled), len(scanned))
	}
	for i := range pooled {
		if pooled[i] != scanned[i] {
			t.Fatalf("row %d:\n pool %s\n tx   %s", i, pooled[i], scanned[i])
		}
	}
	if want := `"c7" ""/true 7 7000000000 12497500 2.3333333333333335 1 2025-01-08T00:00:00Z 1969-12-24T00:00:00Z/false 2025-03-01T00:00:00Z false 0/true "b"`; pooled[7] != want {
		t.Errorf("row 7:\n got  %s\n want %s", pooled[7], want)
	}
}

// TestEachWrongType reports a column read as a type it does not hold,
// with the query's name, on both paths.
func TestEachWrongType(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, tx := poolAndTx(t)
	for _, q := range []Queryer{db, tx} {
		err := Each(ctx, q, "prova", "SELECT 'testo' AS s", func(r Row) error { r.Int(0); return nil })
		if err == nil || !strings.Contains(err.Error(), "lettura di prova: la colonna 1") {
			t.Errorf("%T: %v", q, err)
		}
	}
}

// poolAndTx is an in-memory DuckDB pool, which Each reads through Arrow
// in a build with the duckdb_arrow tag, and a transaction of it, which it
// always reads through database/sql.
func poolAndTx(t *testing.T) (*sql.DB, *sql.Tx) {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	tx, err := db.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tx.Rollback() })
	return db, tx
}
