package model

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/carico/carico/store"
)

// benchScript builds an Ambito at the scale of DOMAIN.md §6 inside DuckDB:
// 50 comuni, 40 operators, 60,000 cases over 2021–2025 (a fifth of them
// reassigned once) and 10,000,000 diario rows, with a fixed seed.
const benchScript = `
SELECT setseed(0.42);
INSERT INTO comune
SELECT printf('016%03d', i), 'Comune ' || i, 'BG', 'Ambito di prova', 1 + i % 12, 1 + i % 28
FROM range(1, 51) t(i);
INSERT INTO residents
SELECT printf('016%03d', i), y, 1000 + (i * 7919) % 30000 FROM range(1, 51) t(i), range(2021, 2026) s(y);
INSERT INTO operator
SELECT printf('op%02d', i), 'Operatore ' || i,
	CASE WHEN i < 30 THEN 'assistente_sociale' ELSE 'educatore' END,
	CASE WHEN i % 4 = 0 THEN 18 ELSE 36 END,
	CASE WHEN i % 5 = 0 THEN 'determinato' ELSE 'indeterminato' END,
	DATE '2015-01-01', NULL
FROM range(0, 40) t(i);
INSERT INTO allocation
SELECT printf('op%02d', i), printf('016%03d', 1 + (i * 5 + k) % 50), 0.2 FROM range(0, 40) t(i), range(0, 5) s(k);
INSERT INTO cases (id, person, istat, area, complexity, initiative, opened, closed, operator_id)
SELECT 'c' || i, 'p' || i, printf('016%03d', 1 + i % 50),
	['famiglia_minori', 'disabili', 'dipendenze', 'anziani', 'immigrati', 'poverta', 'multiutenza'][1 + (i % 7)],
	1 + (i % 3), 'istanza', o, CASE WHEN random() < 0.6 THEN o + (30 + floor(random() * 700))::INT END,
	printf('op%02d', i % 40)
FROM (SELECT i, DATE '2021-01-01' + floor(random() * 1826)::INT AS o FROM range(0, 60000) t(i));
INSERT INTO assignment
SELECT id, operator_id, opened, opened + 90 FROM cases WHERE hash(id) % 5 = 0;
INSERT INTO assignment
SELECT id, printf('op%02d', (hash(id) % 40)::INT), opened + 90, NULL FROM cases WHERE hash(id) % 5 = 0;
INSERT INTO activity (id, day, operator_id, case_id, kind, minutes, istat)
SELECT 'a' || i, DATE '2021-01-01' + (i % 1826)::INT, printf('op%02d', (i * 7) % 40),
	CASE WHEN k = 'case' THEN 'c' || ((i * 13) % 60000) END, k, 5 + (i % 23) * 5, printf('016%03d', 1 + i % 50)
FROM (SELECT i, CASE WHEN r < 0.6 THEN 'case' WHEN r < 0.7 THEN 'community' WHEN r < 0.85 THEN 'access'
		WHEN r < 0.95 THEN 'admin' ELSE 'training' END AS k
	FROM (SELECT i, random() AS r FROM range(0, 10000000) t(i)));
`

// BenchmarkCompute times Compute over 10 million diario rows: over the last
// year (2 million rows in the time split, all 10 million scanned for
// dormant cases) and over the whole five years.
//
//	go test -run '^$' -bench Compute -benchtime 5x ./model/
func BenchmarkCompute(b *testing.B) {
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
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM activity`).Scan(&n); err != nil || n != 10_000_000 {
		b.Fatalf("activity rows %d, %v", n, err)
	}
	b.Logf("generated %d activity rows in %s", n, time.Since(start).Round(time.Second))
	for _, bc := range []struct {
		name string
		p    Params
	}{
		{"year", Params{From: day("2025-01-01"), To: day("2025-12-31")}},
		{"5years", Params{From: day("2021-01-01"), To: day("2025-12-31")}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m, err := Compute(ctx, db, bc.p)
				if err != nil {
					b.Fatal(err)
				}
				if m.Teams[len(m.Teams)-1].Minutes.Total() == 0 {
					b.Fatal("no minutes")
				}
			}
		})
	}
}
