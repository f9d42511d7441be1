package analytics

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/carico/carico/model"
	"github.com/carico/carico/store"
)

// benchScript builds, inside DuckDB with a fixed seed, a region-sized
// archive: 50 comuni, 400 operators (a few gone), 500,000 cartelle opened
// over 2021–2025 for 450,000 people (so re-openings and duplicates occur),
// half of them on istanza with application and decision dates, a tenth
// reassigned once, and 10,000,000 diario rows.
const benchScript = `
SELECT setseed(0.42);
INSERT INTO comune
SELECT printf('016%03d', i), 'Comune ' || i, 'BG', 'Ambito di prova', 1 + i % 12, 1 + i % 28
FROM range(1, 51) t(i);
INSERT INTO residents
SELECT printf('016%03d', i), y, 1000 + (i * 7919) % 30000 FROM range(1, 51) t(i), range(2021, 2026) s(y);
INSERT INTO operator
SELECT printf('op%03d', i), 'Operatore ' || i,
	CASE WHEN i < 300 THEN 'assistente_sociale' ELSE 'educatore' END,
	CASE WHEN i % 4 = 0 THEN 18 ELSE 36 END,
	CASE WHEN i % 5 = 0 THEN 'determinato' ELSE 'indeterminato' END,
	DATE '2015-01-01', CASE WHEN i % 97 = 0 THEN DATE '2024-06-30' END
FROM range(0, 400) t(i);
INSERT INTO allocation
SELECT printf('op%03d', i), printf('016%03d', 1 + (i + k) % 50), 0.5 FROM range(0, 400) t(i), range(0, 2) s(k);
INSERT INTO cases (id, person, istat, area, complexity, initiative, opened, closed, close_reason, application, decision, operator_id)
SELECT 'c' || i, 'p' || (i % 450000), printf('016%03d', 1 + i % 50),
	CASE WHEN i % 101 <> 0 THEN ['famiglia_minori', 'disabili', 'dipendenze', 'anziani', 'immigrati', 'poverta', 'multiutenza'][1 + (i % 7)] END,
	1 + (i % 3), ini, o, c,
	CASE WHEN c IS NOT NULL THEN ['conclusione', 'inattivita', 'trasferimento', 'decesso', 'altro'][1 + (i % 5)] END,
	CASE WHEN ini = 'istanza' AND i % 37 <> 0 THEN o - floor(random() * 10)::INT END,
	CASE WHEN ini = 'istanza' AND random() < 0.9 THEN o + floor(random() * 60)::INT END,
	CASE WHEN i % 211 <> 0 THEN printf('op%03d', i % 400) END
FROM (SELECT i, o, CASE WHEN random() < 0.6 AND o + d <= DATE '2025-12-31' THEN o + d END AS c,
		['istanza', 'istanza', 'ufficio', 'altro_ente'][1 + (i % 4)] AS ini
	FROM (SELECT i, DATE '2021-01-01' + floor(random() * 1826)::INT AS o, (30 + floor(random() * 700))::INT AS d
		FROM range(0, 500000) t(i)));
INSERT INTO assignment
SELECT id, operator_id, opened, opened + 90 FROM cases WHERE hash(id) % 10 = 0 AND operator_id IS NOT NULL;
INSERT INTO assignment
SELECT id, printf('op%03d', (hash(id) % 400)::INT), opened + 91, NULL FROM cases WHERE hash(id) % 10 = 0 AND operator_id IS NOT NULL;
INSERT INTO activity (id, day, operator_id, case_id, kind, minutes, istat)
SELECT 'a' || i, DATE '2021-01-01' + (i % 1826)::INT, printf('op%03d', (i * 7) % 400),
	CASE WHEN k = 'case' THEN 'c' || ((i * 13) % 500000) END, k, 5 + (i % 23) * 5, printf('016%03d', 1 + i % 50)
FROM (SELECT i, CASE WHEN r < 0.6 THEN 'case' WHEN r < 0.7 THEN 'community' WHEN r < 0.85 THEN 'access'
		WHEN r < 0.95 THEN 'admin' ELSE 'training' END AS k
	FROM (SELECT i, random() AS r FROM range(0, 10000000) t(i)));
`

// BenchmarkAnalyze times Analyze over 10 million diario rows and 500,000
// cartelle, for the last year and for all five: "full" includes the
// workload model (model.Compute, benchmarked on its own in model/),
// "analytics" passes in a workload with no operators and times the flows,
// timeliness and audit queries alone (balance and the coverage rule are
// plain Go over the model's per-operator figures).
//
//	go test -run '^$' -bench 'Analyze/.*/analytics' -benchtime 3x -timeout 60m ./analytics/
//	go test -run '^$' -bench 'Analyze/.*/full' -benchtime 1x -timeout 120m ./analytics/
func BenchmarkAnalyze(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	if _, err := db.ExecContext(ctx, benchScript); err != nil {
		b.Fatal(err)
	}
	var acts, cases int
	if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM activity), (SELECT count(*) FROM cases)`).Scan(&acts, &cases); err != nil {
		b.Fatal(err)
	}
	if acts != 10_000_000 || cases != 500_000 {
		b.Fatalf("generated %d activities and %d cases", acts, cases)
	}
	b.Logf("generated %d activities and %d cases in %s", acts, cases, time.Since(start).Round(time.Second))
	for _, bc := range []struct {
		name     string
		from, to time.Time
	}{
		{"year", date("2025-01-01"), date("2025-12-31")},
		{"5years", date("2021-01-01"), date("2025-12-31")},
	} {
		p := Params{From: bc.from, To: bc.to, At: bc.to}
		b.Run(bc.name+"/full", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Analyze(ctx, db, p); err != nil {
					b.Fatal(err)
				}
			}
		})
		p.Workload = &model.Metrics{Period: model.Period{From: model.DateOf(p.From), To: model.DateOf(p.To), At: model.DateOf(p.At)}}
		b.Run(bc.name+"/analytics", func(b *testing.B) {
			b.ReportAllocs()
			var a *Analysis
			var err error
			for b.Loop() {
				if a, err = Analyze(ctx, db, p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rule(b, a, "dormant").Count), "dormant")
		})
	}
}
