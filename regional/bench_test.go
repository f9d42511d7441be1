package regional_test

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

	"github.com/carico/carico/analytics"
	"github.com/carico/carico/evidence"
	"github.com/carico/carico/internal/benchdb"
	"github.com/carico/carico/model"
	"github.com/carico/carico/regional"
	"github.com/carico/carico/store"
)

// ambitoScale is one synthetic Ambito of the regional benchmark.
var ambitoScale = benchdb.Ambito

// BenchmarkRegional builds N Ambiti, exports each to one Parquet directory
// and reads the directory back with metrics (with the comparison of the
// Ambiti) and analyze, for the last year of the data. In the same run a
// plain DuckDB scan of the same files — minutes by operator, month and
// kind over the year — gives the baseline every time is reported against
// (x_scan). metrics runs twice: first with an empty cache directory
// (metrics-cold: it calibrates the observed weights and keeps them beside
// the collection, weights.CacheDir), then as every later request does,
// reading them back. Each step runs in a child process, so that its peak
// resident memory (DuckDB's heap included) and CPU time are read from the
// child's rusage; the collection is read under the memory limits
// store.OpenParquet sets, as carico reads it. N comes
// from CARICO_BENCH_AMBITI (default 1; a list such as 1,10,100 runs each):
//
//	CARICO_BENCH_AMBITI=1,10,100 go test ./regional -run '^$' -bench Regional -benchtime 1x -timeout 3h
//
// CARICO_BENCH_LOG=FILE appends each step's figures to FILE as it ends.
// CARICO_BENCH_DIR=DIR keeps the collection of N Ambiti in DIR/ambiti=N and
// builds it only when missing, so that repeated runs read the same files
// (export is then not timed, and not reported).
func BenchmarkRegional(b *testing.B) {
	ns := os.Getenv("CARICO_BENCH_AMBITI")
	if ns == "" {
		ns = "1"
	}
	for _, s := range strings.Split(ns, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 899 {
			b.Fatalf("CARICO_BENCH_AMBITI: %q", s)
		}
		b.Run(fmt.Sprintf("ambiti=%d", n), func(b *testing.B) {
			dir, keep := filepath.Join(b.TempDir(), "regione"), false
			if root := os.Getenv("CARICO_BENCH_DIR"); root != "" {
				dir, keep = filepath.Join(root, fmt.Sprintf("ambiti=%d", n)), true
			}
			for range b.N {
				timed := []string{"export", "metrics-cold", "metrics", "analyze"}
				if keep && built(dir, n) {
					timed = timed[1:]
				} else {
					os.RemoveAll(dir)
				}
				steps := map[string]child{}
				if timed[0] == "export" {
					steps["export"] = runChild(b, "export", dir, n, "")
				}
				cache := b.TempDir() // empty: the first metrics calibrates
				for _, step := range []string{"scan", "metrics-cold", "metrics", "analyze"} {
					steps[step] = runChild(b, step, dir, n, cache)
				}
				base := steps["scan"]
				b.ReportMetric(float64(n*ambitoScale.Activities)/1e6, "Mrows")
				b.ReportMetric(base.elapsed.Seconds(), "scan-s")
				b.ReportMetric(float64(base.rss)/1024, "scan-peak-MB")
				for _, step := range timed {
					c := steps[step]
					b.ReportMetric(c.elapsed.Seconds()/base.elapsed.Seconds(), step+"-x_scan")
					b.ReportMetric(c.elapsed.Seconds(), step+"-s")
					b.ReportMetric(float64(c.rss)/1024, step+"-peak-MB")
					if base.cpu > 0 {
						b.ReportMetric(c.cpu.Seconds()/base.cpu.Seconds(), step+"-cpu_x_scan")
					}
				}
			}
		})
	}
}

// built tells whether dir holds a whole collection of n Ambiti: the
// manifest of each.
func built(dir string, n int) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "_manifest", "*.json"))
	return len(m) == n
}

type child struct {
	elapsed time.Duration
	rss     int64         // KiB
	cpu     time.Duration // user and system, the whole process
}

// runChild runs TestHelperRegional for one step, with cache as the user's
// cache directory, and returns the time it measured, its peak RSS and
// the CPU time it printed.
func runChild(b *testing.B, step, dir string, n int, cache string) child {
	b.Helper()
	elapsed, rss, out := benchdb.RunChild(b, "TestHelperRegional",
		"CARICO_REGIONAL="+step, "CARICO_REGIONAL_DIR="+dir, "CARICO_REGIONAL_N="+strconv.Itoa(n),
		"XDG_CACHE_HOME="+cache)
	b.Logf("%s, %d Ambiti:\n%s", step, n, out)
	c := child{elapsed: elapsed, rss: rss}
	for _, line := range strings.Split(string(out), "\n") {
		if s, ok := strings.CutPrefix(line, "CPU "); ok {
			secs, _ := strconv.ParseFloat(s, 64)
			c.cpu = time.Duration(secs * float64(time.Second))
		}
	}
	// A long run reports each step as it ends, where CARICO_BENCH_LOG says.
	if path := os.Getenv("CARICO_BENCH_LOG"); path != "" {
		if f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
			fmt.Fprintf(f, "%s ambiti=%d %s %.3f s, CPU %.1f s, peak %d MB\n", time.Now().UTC().Format(time.TimeOnly), n, step, c.elapsed.Seconds(), c.cpu.Seconds(), c.rss/1024)
			f.Close()
		}
	}
	return c
}

// year is the period the benchmark reads: the last year of the data.
var year = [2]time.Time{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}

// TestHelperRegional is not a test: BenchmarkRegional runs it in a child
// process for one step.
func TestHelperRegional(t *testing.T) {
	step := os.Getenv("CARICO_REGIONAL")
	if step == "" {
		t.Skip("helper process for BenchmarkRegional")
	}
	ctx := context.Background()
	dir := os.Getenv("CARICO_REGIONAL_DIR")
	n, _ := strconv.Atoi(os.Getenv("CARICO_REGIONAL_N"))
	var elapsed time.Duration
	// Building and scanning run under DuckDB's memory limit of a small
	// regional server; metrics and analyze under the limits OpenParquet
	// sets. The peak RSS the benchmark reports is the whole process's.
	limit := func(db *store.DB) {
		if _, err := db.ExecContext(ctx, `SET memory_limit = '6GB'`); err != nil {
			t.Fatal(err)
		}
	}
	switch step {
	case "export":
		// Each Ambito is built in a database of its own, as each service
		// has one; only the export is timed.
		for i := 1; i <= n; i++ {
			db, err := store.Open(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			limit(db)
			if err := benchdb.Fill(ctx, db, ambitoScale, i); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			if _, err := store.ExportParquet(ctx, db, dir, []byte("chiave di prova del benchmark...")); err != nil {
				t.Fatal(err)
			}
			elapsed += time.Since(start)
			db.Close()
		}
	case "scan":
		db, err := store.Open(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		limit(db)
		elapsed = time.Duration(1<<63 - 1)
		for range 3 {
			start := time.Now()
			var groups int
			if err := db.QueryRowContext(ctx, `SELECT count(*) FROM (
				SELECT operator_id, date_trunc('month', day), kind, sum(minutes)
				FROM read_parquet(?, hive_partitioning = true) WHERE day BETWEEN ? AND ? GROUP BY ALL)`,
				filepath.Join(dir, "activities", "**", "*.parquet"), year[0], year[1]).Scan(&groups); err != nil {
				t.Fatal(err)
			}
			if groups == 0 {
				t.Fatal("no diario rows in the year")
			}
			elapsed = min(elapsed, time.Since(start))
		}
	case "metrics-cold", "metrics", "analyze":
		// The stages `carico metrics --parquet` and `carico analyze
		// --parquet` run, from opening the collection to the comparison:
		// metrics calibrates the observed weights too, or reads back the
		// calibration kept in the cache directory.
		start := time.Now()
		db, err := store.OpenParquet(ctx, dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close() // removes the directory DuckDB spills to
		p := evidence.Params{From: year[0], To: year[1]}
		var m *model.Metrics
		var a *analytics.Analysis
		if step != "analyze" {
			m, _, err = evidence.Metrics(ctx, db, p)
		} else if m, err = evidence.Workload(ctx, db, p); err == nil {
			a, err = evidence.Analyze(ctx, db, p, m)
		}
		if err != nil {
			t.Fatal(err)
		}
		rows, err := regional.Compare(ctx, db.DB, m, a)
		if err != nil {
			t.Fatal(err)
		}
		elapsed = time.Since(start)
		if len(rows) != n {
			t.Fatalf("%d Ambiti compared, want %d", len(rows), n)
		}
		fmt.Printf("operators %d, comuni %d\n", len(m.Operators), len(m.Comuni))
	}
	fmt.Printf("ELAPSED %f\n", elapsed.Seconds())
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		fmt.Printf("CPU %f\n", time.Duration(ru.Utime.Nano()+ru.Stime.Nano()).Seconds())
	}
}
