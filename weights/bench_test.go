package weights

import (
	"context"
	"testing"
	"time"

	"github.com/carico/carico/internal/benchdb"
	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/model"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

// BenchmarkMetrics times what `carico metrics` computes — the model, the
// calibration of the observed weights and the comparison of the weight
// sets — on the sample Ambito and on one million diario rows, three ways
// in the same run: "once" is Compute on data without an import batch (the
// model runs once, the observed weights are calibrated on every call and
// added to its result); "cached" is Compute once the data has an import
// batch, when the calibration is kept after the first call
// (CalibrateCached); "twice" repeats the earlier pipeline, which ran the
// model again with the observed set. x_scan is the time as a
// multiple of one grouped scan of the period's diario.
//
//	go test -tags duckdb_arrow -run '^$' -bench Metrics -benchtime 5x ./weights/
func BenchmarkMetrics(b *testing.B) {
	ctx := context.Background()
	a := sampledata.Generate(sampledata.DefaultSeed)
	for _, bc := range []struct {
		name string
		db   func() *store.DB
		p    model.Params
	}{
		{"sample", func() *store.DB { return sampledb.Load(b, a) }, model.Params{From: a.From, To: a.To, At: a.RefDate}},
		{"1M", func() *store.DB {
			return benchdb.Load(b, benchdb.Scale{Operators: 40, Cases: 60_000, People: 60_000, Activities: 1_000_000})
		}, model.Params{From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}},
	} {
		db := bc.db()
		base := benchdb.ScanBaseline(b, db, bc.p.From, bc.p.To)
		b.Run(bc.name+"/once", func(b *testing.B) {
			for b.Loop() {
				if _, _, err := Compute(ctx, db, bc.p, nil, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			benchdb.ReportBaseline(b, base)
		})
		// cached: the data now has an import batch, so the calibration is
		// kept after the first request (warmed here) and read back after.
		b.Run(bc.name+"/cached", func(b *testing.B) {
			if _, err := db.ExecContext(ctx, `INSERT INTO import_batch (file, sha256, kind, started_at, finished_at)
				SELECT 'bench', 'bench', 'activities', now()::TIMESTAMP, now()::TIMESTAMP
				WHERE NOT EXISTS (SELECT 1 FROM import_batch)`); err != nil {
				b.Fatal(err)
			}
			if _, _, err := Compute(ctx, db, bc.p, nil, Options{}); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if _, _, err := Compute(ctx, db, bc.p, nil, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			benchdb.ReportBaseline(b, base)
		})
		b.Run(bc.name+"/twice", func(b *testing.B) {
			for b.Loop() {
				m, err := model.Compute(ctx, db, bc.p)
				if err != nil {
					b.Fatal(err)
				}
				cal, err := Calibrate(ctx, db, m, Options{})
				if err != nil {
					b.Fatal(err)
				}
				p := bc.p
				p.From, p.To, p.At = m.Period.From.Time, m.Period.To.Time, m.Period.At.Time
				p.WeightSets = []model.WeightSet{cal.Set()}
				if _, err := model.Compute(ctx, db, p); err != nil {
					b.Fatal(err)
				}
			}
			benchdb.ReportBaseline(b, base)
		})
	}
}
