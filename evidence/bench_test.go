package evidence

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/carico/carico/facts"
	"github.com/carico/carico/internal/benchdb"
	"github.com/carico/carico/store"
)

// BenchmarkPipeline times what `carico metrics` and `carico analyze` run
// (Metrics; Workload then Analyze) on a generated archive of
// CARICO_BENCH_ROWS diario rows (default 1,000,000), for the last year and
// for all five, each step in a child process of its own, as the CLI runs
// it, with its peak resident memory. The baseline, in the same run and a
// child of its own too, is one grouped scan of the period's diario
// (minutes by operator, month and kind; benchdb.ScanBaseline): x_scan is a
// step's time ÷ the scan's.
//
//   - metrics_cold: the first request after an import, which calibrates
//     the observed weights and keeps them (weights.CalibrateCached), and
//     keeps what the model reads over the whole history (facts.Keep);
//   - metrics: any later request, which reads them back;
//   - analyze: the model and the analysis.
//
// The archive carries one import batch, as imported data does.
// CARICO_BENCH_DIR=DIR keeps it in DIR (pipeline-ROWS.duckdb) and builds
// it only when missing. Each step also reports its CPU time (the whole
// process's, DuckDB's threads included: cpu_x_scan is a second ratio,
// steadier than the time's on a busy machine).
//
//	CARICO_BENCH_ROWS=10000000 go test -tags duckdb_arrow -run '^$' -bench Pipeline -benchtime 3x -timeout 2h ./evidence/
func BenchmarkPipeline(b *testing.B) {
	rows := benchdb.Rows(b)
	// The shapes of the model's (1M) and the analytics' (10M) benchmarks.
	scale := benchdb.Scale{Operators: 40, Cases: 60_000, People: 60_000, Activities: rows}
	if rows >= 5_000_000 {
		scale = benchdb.Scale{Operators: 400, Cases: 500_000, People: 450_000, Activities: rows}
	}
	path := pipelineArchive(b, rows, scale)
	b.ResetTimer()
	for _, period := range []struct{ name, from, to string }{
		{"year", "2025-01-01", "2025-12-31"},
		{"5years", "2021-01-01", "2025-12-31"},
	} {
		b.Run(period.name, func(b *testing.B) {
			sum := map[string]float64{}
			for i := range b.N {
				figures, cpu, peak := map[string]time.Duration{}, map[string]float64{}, map[string]float64{}
				for _, side := range []string{"scan", "metrics_cold", "metrics", "analyze"} {
					elapsed, rss, out := benchdb.RunChild(b, "TestHelperPipeline", "CARICO_BENCH_SIDE="+side,
						"CARICO_BENCH_DB="+path, "CARICO_BENCH_FROM="+period.from, "CARICO_BENCH_TO="+period.to)
					figures[side], cpu[side], peak[side] = elapsed, childCPU(out), float64(rss)/1024
					sum[side+"-s"] += elapsed.Seconds()
					sum[side+"-peak-MB"] += peak[side]
				}
				scan := figures["scan"].Seconds()
				line := fmt.Sprintf("run %d: scan %.3f s (cpu %.3f s, %.0f MB)", i+1, scan, cpu["scan"], peak["scan"])
				for _, s := range []string{"metrics_cold", "metrics", "analyze"} {
					sum[s+"-x_scan"] += figures[s].Seconds() / scan
					sum[s+"-cpu_x_scan"] += cpu[s] / cpu["scan"]
					line += fmt.Sprintf("; %s %.2f s = %.1f x scan (cpu %.2f s = %.1f x, %.0f MB)", s, figures[s].Seconds(),
						figures[s].Seconds()/scan, cpu[s], cpu[s]/cpu["scan"], peak[s])
				}
				b.Log(line)
			}
			for k, v := range sum {
				b.ReportMetric(v/float64(b.N), k)
			}
		})
	}
}

// pipelineArchive builds the benchmark's archive of rows diario rows, in
// CARICO_BENCH_DIR when set (reused when already there), else in the
// benchmark's temporary directory.
func pipelineArchive(b *testing.B, rows int, scale benchdb.Scale) string {
	dir := os.Getenv("CARICO_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("pipeline-%d.duckdb", rows))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".part"
	os.Remove(tmp)
	db, err := store.Open(context.Background(), tmp)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	err = benchdb.Fill(context.Background(), db, scale, 0)
	db.Close()
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d diario rows in %s", rows, time.Since(start).Round(time.Second))
	return path
}

// childCPU is the "CPU <seconds>" a helper printed.
func childCPU(out []byte) float64 {
	for _, line := range strings.Split(string(out), "\n") {
		if s, ok := strings.CutPrefix(line, "CPU "); ok {
			v, _ := strconv.ParseFloat(s, 64)
			return v
		}
	}
	return 0
}

// cpuTime is the CPU time the process has used so far, user and system.
func cpuTime() float64 {
	var u syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return time.Duration(u.Utime.Nano() + u.Stime.Nano()).Seconds()
}

// TestHelperPipeline is not a test: BenchmarkPipeline runs it in a child
// process to time one step and prints "ELAPSED <seconds>".
func TestHelperPipeline(t *testing.T) {
	side := os.Getenv("CARICO_BENCH_SIDE")
	if side == "" {
		t.Skip("helper process for BenchmarkPipeline")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, os.Getenv("CARICO_BENCH_DB"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	from, err1 := time.Parse(time.DateOnly, os.Getenv("CARICO_BENCH_FROM"))
	to, err2 := time.Parse(time.DateOnly, os.Getenv("CARICO_BENCH_TO"))
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	p := Params{From: from, To: to, At: to}
	if _, err := db.ExecContext(ctx, `INSERT INTO import_batch (file, sha256, kind, started_at, finished_at)
		SELECT 'bench', 'bench', 'activities', TIMESTAMP '2026-01-01', TIMESTAMP '2026-01-01'
		WHERE NOT EXISTS (SELECT 1 FROM import_batch)`); err != nil {
		t.Fatal(err)
	}
	var elapsed time.Duration
	cpu := cpuTime()
	switch side {
	case "scan":
		elapsed = benchdb.ScanBaseline(t, db, from, to)
	case "metrics_cold", "metrics":
		if side == "metrics_cold" {
			if err := facts.ForgetCalibrations(ctx, db); err != nil {
				t.Fatal(err)
			}
			if err := facts.ForgetKept(ctx, db); err != nil {
				t.Fatal(err)
			}
		}
		start := time.Now()
		if _, _, err := Metrics(ctx, db, p); err != nil {
			t.Fatal(err)
		}
		elapsed = time.Since(start)
	case "analyze":
		start := time.Now()
		m, err := Workload(ctx, db, p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Analyze(ctx, db, p, m); err != nil {
			t.Fatal(err)
		}
		elapsed = time.Since(start)
	default:
		t.Fatalf("unknown side %q", side)
	}
	if side == "scan" {
		cpu = (cpuTime() - cpu) / 3 // ScanBaseline runs it three times
	} else {
		cpu = cpuTime() - cpu
	}
	fmt.Printf("ELAPSED %f\nCPU %f\n", elapsed.Seconds(), cpu)
}
