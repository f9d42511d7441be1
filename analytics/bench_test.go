package analytics

import (
	"context"
	"testing"
	"time"

	"github.com/carico/carico/internal/benchdb"
	"github.com/carico/carico/model"
)

// BenchmarkAnalyze times Analyze over 10 million diario rows and 500,000
// cartelle, for the last year and for all five: "full" includes the
// workload model (model.Compute, benchmarked on its own in model/),
// "analytics" passes in a workload with no operators and times the flows,
// timeliness and audit queries alone (balance and the coverage rule are
// plain Go over the model's per-operator figures). x_scan is the time as
// a multiple of one grouped scan of the period's diario in the same run.
//
//	go test -tags duckdb_arrow -run '^$' -bench 'Analyze/.*/analytics' -benchtime 3x -timeout 60m ./analytics/
//	go test -tags duckdb_arrow -run '^$' -bench 'Analyze/.*/full' -benchtime 1x -timeout 120m ./analytics/
func BenchmarkAnalyze(b *testing.B) {
	ctx := context.Background()
	db := benchdb.Load(b, benchdb.Scale{Operators: 400, Cases: 500_000, People: 450_000, Activities: 10_000_000})
	for _, bc := range []struct {
		name     string
		from, to time.Time
	}{
		{"year", date("2025-01-01"), date("2025-12-31")},
		{"5years", date("2021-01-01"), date("2025-12-31")},
	} {
		p := Params{From: bc.from, To: bc.to, At: bc.to}
		base := benchdb.ScanBaseline(b, db, bc.from, bc.to)
		b.Run(bc.name+"/full", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Analyze(ctx, db, withWorkload(b, db, p)); err != nil {
					b.Fatal(err)
				}
			}
			benchdb.ReportBaseline(b, base)
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
			benchdb.ReportBaseline(b, base)
		})
	}
}
