// Package benchdb builds, inside DuckDB and with a fixed seed, the large
// synthetic archives the model and analytics benchmarks run on, so that
// both measure against the same data shape at the scale they choose.
package benchdb

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/carico/carico/store"
)

// Scale sizes an archive: operators (three quarters of them social
// workers, one in 97 gone in 2024), cartelle opened over 2021–2025 for
// People distinct people (fewer people than cartelle gives re-openings and
// duplicates) and diario rows.
type Scale struct {
	Operators, Cases, People, Activities int
}

// Ambito is one synthetic Ambito of the regional benchmarks (Fill with
// i ≥ 1): about 225.000 residents in 15 comuni, 40 operators, 25.000
// cartelle and 500.000 diario rows over 2021–2025, so that 100 Ambiti make
// the 50 million rows of a large Region.
var Ambito = Scale{Operators: 40, Cases: 25_000, People: 18_000, Activities: 500_000}

// script fills %[7]d comuni (ISTAT codes %[5]s001…, of the Ambito %[6]s), the operators with two half-time allocations,
// the cartelle (half on istanza with application and decision dates, a
// tenth reassigned once) and the diario.
const script = `
SELECT setseed(0.42);
INSERT INTO comune
SELECT printf('%[5]s%%03d', i), 'Comune ' || i, 'BG', '%[6]s', 1 + i %% 12, 1 + i %% 28
FROM range(1, %[7]d + 1) t(i);
INSERT INTO residents
SELECT printf('%[5]s%%03d', i), y, 1000 + (i * 7919) %% 30000 FROM range(1, %[7]d + 1) t(i), range(2021, 2026) s(y);
INSERT INTO operator
SELECT 'op' || i, 'Operatore ' || i,
	CASE WHEN i < %[1]d * 3 / 4 THEN 'assistente_sociale' ELSE 'educatore' END,
	CASE WHEN i %% 4 = 0 THEN 18 ELSE 36 END,
	CASE WHEN i %% 5 = 0 THEN 'determinato' ELSE 'indeterminato' END,
	DATE '2015-01-01', CASE WHEN i %% 97 = 96 THEN DATE '2024-06-30' END
FROM range(0, %[1]d) t(i);
INSERT INTO allocation
SELECT 'op' || i, printf('%[5]s%%03d', 1 + (i + k) %% %[7]d), 0.5 FROM range(0, %[1]d) t(i), range(0, 2) s(k);
INSERT INTO cases (id, person, istat, area, complexity, initiative, opened, closed, close_reason, application, decision, operator_id)
SELECT 'c' || i, 'p' || (i %% %[3]d), printf('%[5]s%%03d', 1 + i %% %[7]d),
	CASE WHEN i %% 101 <> 0 THEN ['famiglia_minori', 'disabili', 'dipendenze', 'anziani', 'immigrati', 'poverta', 'multiutenza'][1 + (i %% 7)] END,
	1 + (i %% 3), ini, o, c,
	CASE WHEN c IS NOT NULL THEN ['conclusione', 'inattivita', 'trasferimento', 'decesso', 'altro'][1 + (i %% 5)] END,
	CASE WHEN ini = 'istanza' AND i %% 37 <> 0 THEN o - floor(random() * 10)::INT END,
	CASE WHEN ini = 'istanza' AND random() < 0.9 THEN o + floor(random() * 60)::INT END,
	CASE WHEN i %% 211 <> 0 THEN 'op' || (i %% %[1]d) END
FROM (SELECT i, o, CASE WHEN random() < 0.6 AND o + d <= DATE '2025-12-31' THEN o + d END AS c,
		['istanza', 'istanza', 'ufficio', 'altro_ente'][1 + (i %% 4)] AS ini
	FROM (SELECT i, DATE '2021-01-01' + floor(random() * 1826)::INT AS o, (30 + floor(random() * 700))::INT AS d
		FROM range(0, %[2]d) t(i)));
INSERT INTO assignment
SELECT id, operator_id, opened, opened + 90 FROM cases WHERE hash(id) %% 10 = 0 AND operator_id IS NOT NULL;
INSERT INTO assignment
SELECT id, 'op' || (hash(id) %% %[1]d)::INT, opened + 91, NULL FROM cases WHERE hash(id) %% 10 = 0 AND operator_id IS NOT NULL;
INSERT INTO activity (id, day, operator_id, case_id, kind, minutes, istat)
SELECT 'a' || i, DATE '2021-01-01' + (i %% 1826)::INT, 'op' || ((i * 7) %% %[1]d),
	CASE WHEN k = 'case' THEN 'c' || ((i * 13) %% %[2]d) END, k, 5 + (i %% 23) * 5, printf('%[5]s%%03d', 1 + i %% %[7]d)
FROM (SELECT i, CASE WHEN r < 0.6 THEN 'case' WHEN r < 0.7 THEN 'community' WHEN r < 0.85 THEN 'access'
		WHEN r < 0.95 THEN 'admin' ELSE 'training' END AS k
	FROM (SELECT i, random() AS r FROM range(0, %[4]d) t(i)));
`

// Load builds an archive of the given scale in a new database under the
// benchmark's temporary directory; the database is closed when it ends.
func Load(b testing.TB, s Scale) *store.DB {
	b.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	start := time.Now()
	if err := Fill(ctx, db, s, 0); err != nil {
		b.Fatal(err)
	}
	var acts, cases int
	if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM activity), (SELECT count(*) FROM cases)`).Scan(&acts, &cases); err != nil {
		b.Fatal(err)
	}
	if acts != s.Activities || cases != s.Cases {
		b.Fatalf("generated %d activities and %d cases, want %d and %d", acts, cases, s.Activities, s.Cases)
	}
	b.Logf("generated %d activities and %d cases in %s", acts, cases, time.Since(start).Round(time.Second))
	return db
}

// Fill builds an archive of the given scale in db, an empty carico
// database, as Ambito number i: i = 0 is the "Ambito di prova" with 50
// comuni coded 016001…016050 that the model and analytics benchmarks use;
// i ≥ 1 is the "Ambito NNN" with 15 comuni coded (100+i)001…(100+i)015, so
// that the Ambiti of a regional benchmark (i up to 899) have comuni of
// their own and the same shape of work.
func Fill(ctx context.Context, db *store.DB, s Scale, i int) error {
	prefix, name, comuni := "016", "Ambito di prova", 50
	if i > 0 {
		prefix, name, comuni = fmt.Sprintf("%03d", 100+i), fmt.Sprintf("Ambito %03d", i), 15
	}
	_, err := db.ExecContext(ctx, fmt.Sprintf(script, s.Operators, s.Cases, s.People, s.Activities, prefix, name, comuni))
	return err
}

// ScanBaseline is the least a figure over the diario of the period can
// cost: one grouped scan of it (minutes by operator, month and kind), the
// best of three runs. Measured on the same data in the same process, it is
// the baseline the benchmarks report their time against (the metric
// x_scan), so that the figure means something on a busy machine too.
func ScanBaseline(b testing.TB, db *store.DB, from, to time.Time) time.Duration {
	b.Helper()
	best := time.Duration(math.MaxInt64)
	for range 3 {
		start := time.Now()
		var groups int
		if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM (
			SELECT operator_id, date_trunc('month', day), kind, sum(minutes) FROM activity
			WHERE day BETWEEN ? AND ? GROUP BY ALL)`, from, to).Scan(&groups); err != nil {
			b.Fatal(err)
		}
		if groups == 0 {
			b.Fatal("baseline: no diario rows in the period")
		}
		best = min(best, time.Since(start))
	}
	return best
}

// ReportBaseline reports the benchmark's time per operation as a multiple
// of base; call it after the benchmark loop.
func ReportBaseline(b *testing.B, base time.Duration) {
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/base.Seconds(), "x_scan")
}

// Rows is the number of diario rows a benchmark runs on: CARICO_BENCH_ROWS,
// or 1,000,000.
func Rows(b testing.TB) int {
	s := os.Getenv("CARICO_BENCH_ROWS")
	if s == "" {
		return 1_000_000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		b.Fatalf("CARICO_BENCH_ROWS=%q: not a positive number", s)
	}
	return n
}
