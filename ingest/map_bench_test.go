package ingest

import (
	"context"
	"io"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

// BenchmarkMapDiario times the Go side of a CLI import alone, with no
// DuckDB in the loop: the sample's diario rows, already read, mapped with
// its profile (Windows-1252, dates and times in two columns, h:mm
// durations, labels and comuni mapped, operators by name, a source prefix)
// and appended to Arrow batches, as each mapper of readRows does. It
// reports the time, the CPU time of the process (the garbage collector's
// included; on a shared machine it moves less than the time) and the
// allocations per row, which BenchmarkImportCLI
// (cmd/carico) cannot tell apart from DuckDB's work.
//
//	go test -tags duckdb_arrow ./ingest -run '^$' -bench MapDiario -benchtime 5x
func BenchmarkMapDiario(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	exports, err := sampledata.Generate(sampledata.DefaultSeed).WriteExports(dir)
	if err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(ctx, filepath.Join(dir, "carico.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	im := &Importer{DB: db, Secret: testSecret}
	var diario sampledata.Export
	for _, e := range exports {
		switch {
		case e.Profile == "":
		case e.Kind == "activities":
			if diario.Path == "" {
				diario = e
			}
		default:
			p, err := LoadProfile(e.Profile)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := im.Import(ctx, e.Path, p, filepath.Base(e.Profile)); err != nil {
				b.Fatal(err)
			}
		}
	}
	p, err := LoadProfile(diario.Profile)
	if err != nil {
		b.Fatal(err)
	}
	src, p, err := openSource(diario.Path, p, "diario.toml")
	if err != nil {
		b.Fatal(err)
	}
	var rows []readResult
	for {
		row, err := src.Read()
		if err == io.EOF {
			break
		}
		rows = append(rows, readResult{row, err})
	}
	header, sheet := src.Header(), src.Meta().Sheet
	src.Close()
	look, err := loadLookups(ctx, db, p)
	if err != nil {
		b.Fatal(err)
	}
	sp := specs[p.Kind]
	mp, r, bb := newMapper(p, testSecret, look), newRow(p, filepath.Base(diario.Path), sheet, header), newBatchBuilder(arrowSchema(sp, false))
	defer bb.release()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu := cpuTime()
	b.ResetTimer()
	accepted := 0
	for range b.N {
		vals := make([]any, 0, len(sp.stage))
		for i, rr := range rows {
			if rr.err != nil {
				continue
			}
			r.reset(rr.row.Line, rr.row.Fields)
			if r.overflow() {
				continue
			}
			if bad, err := r.personShaped(); err != nil || bad {
				continue
			}
			ok, err := mapRow(sp, mp, r, bb, rr.row.Line, &vals)
			if err != nil {
				b.Fatal(err)
			}
			if ok {
				accepted++
			}
			if i%2048 == 2047 {
				flushBatch(b, bb)
			}
		}
		flushBatch(b, bb)
	}
	b.StopTimer()
	cpu = cpuTime() - cpu
	runtime.ReadMemStats(&after)
	n := float64(b.N * len(rows))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/row")
	b.ReportMetric(float64(cpu.Nanoseconds())/n, "cpu-ns/row")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/row")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n, "B/row")
	b.ReportMetric(float64(accepted)/float64(b.N), "accepted")
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func flushBatch(b *testing.B, bb *batchBuilder) {
	rec, err := bb.batch()
	if err != nil {
		b.Fatal(err)
	}
	if rec != nil {
		rec.Release()
	}
}
