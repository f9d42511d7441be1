package model

import (
	"context"
	"testing"

	"github.com/carico/carico/internal/benchdb"
)

// BenchmarkCompute times Compute over 10 million diario rows: over the last
// year (2 million rows in the time split, all 10 million scanned for
// dormant cases) and over the whole five years. x_scan is the time as a
// multiple of one grouped scan of the period's diario in the same run.
//
//	go test -tags duckdb_arrow -run '^$' -bench Compute -benchtime 5x ./model/
func BenchmarkCompute(b *testing.B) {
	ctx := context.Background()
	db := benchdb.Load(b, benchdb.Scale{Operators: 40, Cases: 60_000, People: 60_000, Activities: 10_000_000})
	for _, bc := range []struct {
		name string
		p    Params
	}{
		{"year", Params{From: day("2025-01-01"), To: day("2025-12-31")}},
		{"5years", Params{From: day("2021-01-01"), To: day("2025-12-31")}},
	} {
		base := benchdb.ScanBaseline(b, db, bc.p.From, bc.p.To)
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
			benchdb.ReportBaseline(b, base)
		})
	}
}
