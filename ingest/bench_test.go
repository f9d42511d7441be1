package ingest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkImportActivities imports a generated 1,000,000-row diario CSV and,
// in the same run, loads the same file with DuckDB's own read_csv into a
// table: the practical limit. Each side runs in a child process, so that its
// peak resident memory (DuckDB's C heap included) can be read from the
// child's rusage. Run it with:
//
//	go test ./ingest -run '^$' -bench BenchmarkImportActivities -benchtime 1x
//
// It reports rows/s for both sides, their ratio, and the peak RSS of each.
func BenchmarkImportActivities(b *testing.B) {
	const rows = 1_000_000
	dir := b.TempDir()
	file := filepath.Join(dir, "diario-1m.csv")
	writeActivities(b, file, rows)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ours, oursRSS := benchChild(b, "ingest", file, filepath.Join(dir, fmt.Sprintf("ingest-%d.duckdb", i)))
		base, baseRSS := benchChild(b, "read_csv", file, filepath.Join(dir, fmt.Sprintf("read_csv-%d.duckdb", i)))
		b.ReportMetric(rows/ours.Seconds(), "import-rows/s")
		b.ReportMetric(rows/base.Seconds(), "read_csv-rows/s")
		b.ReportMetric(base.Seconds()/ours.Seconds(), "ratio")
		b.ReportMetric(float64(oursRSS)/1024, "import-peak-MB")
		b.ReportMetric(float64(baseRSS)/1024, "read_csv-peak-MB")
	}
}

// benchChild runs TestHelperBench in a child process and returns the time
// it measured and its peak RSS in KiB.
func benchChild(b *testing.B, side, file, db string) (time.Duration, int64) {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBench$")
	cmd.Env = append(os.Environ(), "CARICO_BENCH="+side, "CARICO_BENCH_FILE="+file, "CARICO_BENCH_DB="+db)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("%s: %v\n%s", side, err, out)
	}
	var secs float64
	for _, line := range strings.Split(string(out), "\n") {
		if s, ok := strings.CutPrefix(line, "ELAPSED "); ok {
			secs, _ = strconv.ParseFloat(s, 64)
		}
	}
	if secs == 0 {
		b.Fatalf("%s: no timing in\n%s", side, out)
	}
	return time.Duration(secs * float64(time.Second)), cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
}

// TestHelperBench is not a test: BenchmarkImportActivities runs it in a
// child process to time one side of the comparison.
func TestHelperBench(t *testing.T) {
	side := os.Getenv("CARICO_BENCH")
	if side == "" {
		t.Skip("helper process for BenchmarkImportActivities")
	}
	ctx := context.Background()
	file := os.Getenv("CARICO_BENCH_FILE")
	db := openDB(t, os.Getenv("CARICO_BENCH_DB"))
	var start time.Time
	switch side {
	case "ingest":
		im := &Importer{DB: db, Secret: testSecret}
		importAll(t, im, "population", "staff")
		p, err := LoadProfile("testdata/activities.toml")
		if err != nil {
			t.Fatal(err)
		}
		start = time.Now()
		res, err := im.Import(ctx, file, p, "activities.toml")
		if err != nil || res.Inserted != res.Read {
			t.Fatalf("import: %+v, %v", res, err)
		}
	case "read_csv":
		start = time.Now()
		if _, err := db.ExecContext(ctx, `CREATE TABLE diario AS SELECT * FROM read_csv(?, delim = ';', header = true)`, file); err != nil {
			t.Fatal(err)
		}
	}
	fmt.Printf("ELAPSED %f\n", time.Since(start).Seconds())
}
