package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/carico/carico/internal/benchdb"
)

// BenchmarkImportCLI times the import of a diario as a user runs it: the
// built carico binary (release tags), `carico import` with the sample's
// mapping profile (Windows-1252, dates and times in two columns, h:mm
// durations, the vendor's labels and comune spellings mapped, operators by
// name, cartelle linked, a pseudonym key), in a process of its own, on a
// generated CSV of CARICO_BENCH_ROWS rows (default 1,000,000). In the same
// run, the baseline: DuckDB's own read_csv of the same file into a table,
// in a child process too. Each side is timed from the start of its process
// to its end; its CPU time (user and system, every thread) and its peak
// resident memory are the child's rusage. On a machine shared with other
// jobs the CPU time moves less than the time: cpu-ratio is read_csv's CPU
// time over the first load's.
//
// Each iteration times, in this order: read_csv; the first load of the
// diario into a database holding the sample's population, staff, absences,
// cartelle and assignments; and the re-import of the same file into that
// database, every row unchanged. The import's own log (CARICO_DEBUG) gives
// the time of the weight calibration that `carico import` warms at its end.
//
//	CARICO_BENCH_ROWS=1000000 go test -tags duckdb_arrow ./cmd/carico -run '^$' -bench ImportCLI -benchtime 1x -timeout 2h
//
// CARICO_BENCH_DIR keeps the binary, the database before the diario and
// the CSV in that directory, for profiling by hand; otherwise they go to a
// temporary directory, deleted at the end.
func BenchmarkImportCLI(b *testing.B) {
	rows := benchdb.Rows(b)
	dir := os.Getenv("CARICO_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	bin, base, key, profile, csv := prepareCLIBench(b, dir, rows)
	fi, err := os.Stat(csv)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d diario rows, %d MB of CSV", rows, fi.Size()>>20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rc := runTimed(b, exec.Command(os.Args[0], "-test.run=^TestHelperReadCSV$"),
			"CARICO_BENCH_CSV="+csv, "CARICO_BENCH_DB="+filepath.Join(dir, fmt.Sprintf("read_csv-%d.duckdb", i)))
		db := filepath.Join(dir, fmt.Sprintf("import-%d.duckdb", i))
		copyFile(b, base, db)
		if _, err := os.Stat(base + ".wal"); err == nil {
			copyFile(b, base+".wal", db+".wal")
		}
		args := []string{"import", "--db", db, "--secret", key, "--kind", "activities", "--profile", profile, csv}
		first := runTimed(b, exec.Command(bin, args...), "CARICO_DEBUG=1")
		again := runTimed(b, exec.Command(bin, args...), "CARICO_DEBUG=1")
		if !strings.Contains(again.stdout, "inserite 0, aggiornate 0,") {
			b.Fatalf("the same file again changed rows:\n%s", again.stdout)
		}
		for _, f := range []string{db, db + ".wal", filepath.Join(dir, fmt.Sprintf("read_csv-%d.duckdb", i))} {
			os.Remove(f)
		}
		b.Logf("read_csv %.2f s (CPU %.2f s), %d MB; import %.2f s (CPU %.2f s, calibration %.2f s), %d MB; again %.2f s (CPU %.2f s, calibration %.2f s), %d MB\n%s",
			rc.wall.Seconds(), rc.cpu.Seconds(), rc.peakMB, first.wall.Seconds(), first.cpu.Seconds(), first.calibration.Seconds(), first.peakMB,
			again.wall.Seconds(), again.cpu.Seconds(), again.calibration.Seconds(), again.peakMB, first.stdout+again.stdout)
		b.ReportMetric(rc.wall.Seconds(), "read_csv-s")
		b.ReportMetric(float64(rc.peakMB), "read_csv-peak-MB")
		b.ReportMetric(first.wall.Seconds(), "import-s")
		b.ReportMetric(float64(first.peakMB), "import-peak-MB")
		b.ReportMetric(first.calibration.Seconds(), "import-calibration-s")
		b.ReportMetric(rc.wall.Seconds()/first.wall.Seconds(), "ratio")
		b.ReportMetric(rc.wall.Seconds()/(first.wall-first.calibration).Seconds(), "ratio-without-calibration")
		b.ReportMetric(rc.cpu.Seconds(), "read_csv-cpu-s")
		b.ReportMetric(first.cpu.Seconds(), "import-cpu-s")
		b.ReportMetric(rc.cpu.Seconds()/first.cpu.Seconds(), "cpu-ratio")
		b.ReportMetric(again.wall.Seconds(), "again-s")
		b.ReportMetric(float64(again.peakMB), "again-peak-MB")
		b.ReportMetric(again.wall.Seconds()/first.wall.Seconds(), "again/import")
	}
}

// timed is what runTimed measured of a child process.
type timed struct {
	wall, calibration time.Duration
	cpu               time.Duration // user and system, all threads
	peakMB            int64
	stdout            string
}

// calibrated finds, in the import's debug log, the time of the weight
// calibration at its end.
var calibrated = regexp.MustCompile(`observed weights calibrated"? elapsed=(\S+)`)

// runTimed runs cmd with env added, from its start to its end, and reads
// its peak resident memory from its rusage.
func runTimed(b *testing.B, cmd *exec.Cmd, env ...string) timed {
	b.Helper()
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		b.Fatalf("%s: %v\n%s\n%s", cmd, err, stdout.String(), stderr.String())
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	t := timed{wall: wall, cpu: time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), peakMB: ru.Maxrss >> 10, stdout: stdout.String()}
	if m := calibrated.FindStringSubmatch(stderr.String()); m != nil {
		t.calibration, _ = time.ParseDuration(m[1])
	}
	return t
}

// prepareCLIBench builds carico, writes the sample's exports, imports all
// but the diario into a database (the base every iteration copies) and
// writes a diario of rows rows made of the sample's. It reuses what dir
// already holds for the same number of rows.
func prepareCLIBench(b *testing.B, dir string, rows int) (bin, base, key, profile, csv string) {
	b.Helper()
	bin, base, key = filepath.Join(dir, "carico"), filepath.Join(dir, "base.duckdb"), filepath.Join(dir, "chiave")
	sample := filepath.Join(dir, "sample")
	profile, csv = filepath.Join(sample, "diario.toml"), filepath.Join(dir, fmt.Sprintf("diario-%d.csv", rows))
	build := exec.Command("go", "build", "-tags", "duckdb_arrow", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	if _, err := os.Stat(base); err != nil {
		run := func(args ...string) {
			if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
				b.Fatalf("carico %s: %v\n%s", strings.Join(args, " "), err, out)
			}
		}
		run("sample", "--out", sample)
		for _, f := range [][3]string{
			{"population", "popolazione.toml", "popolazione_residente.csv"},
			{"staff", "personale.toml", "personale.csv"},
			{"absences", "assenze.toml", "assenze.csv"},
			{"cases", "cartelle.toml", "cartelle.xlsx"},
			{"assignments", "assegnazioni.toml", "cartelle.xlsx"},
		} {
			run("import", "--db", base, "--secret", key, "--kind", f[0], "--profile", filepath.Join(sample, f[1]), filepath.Join(sample, f[2]))
		}
	}
	if _, err := os.Stat(csv); err != nil {
		writeBigDiario(b, sample, csv, rows)
	}
	return bin, base, key, profile, csv
}

// writeBigDiario writes a diario of n records in the sample's export
// format (its bytes, Windows-1252 and CRLF): the sample's two diario
// exports, each ID once (the later export's rows that the earlier one has
// are left out), repeated with the IDs shifted by 10,000,000 each time,
// and cut at n records. Its broken, blank and totals rows come along, as
// in a real export: some rows are rejected or skipped.
func writeBigDiario(b *testing.B, sample, path string, n int) {
	b.Helper()
	var header []byte
	var records [][]byte // each with its continuation lines
	seen := map[string]bool{}
	matches, err := filepath.Glob(filepath.Join(sample, "diario_interventi_*.csv"))
	if err != nil || len(matches) != 2 {
		b.Fatalf("the sample's diario exports: %v %v", matches, err)
	}
	for _, name := range matches {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		lines := bytes.SplitAfter(data, []byte("\n"))
		header = lines[0]
		skip := false
		for _, l := range lines[1:] {
			id, _, _ := bytes.Cut(l, []byte(";"))
			if len(id) == 0 || !isDigits(id) {
				if !skip && len(records) > 0 && len(l) > 0 {
					records[len(records)-1] = append(records[len(records)-1], l...)
				}
				continue
			}
			skip = seen[string(id)]
			if !skip {
				seen[string(id)] = true
				records = append(records, append([]byte(nil), l...))
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.Write(header)
	for k := 0; n > 0; k++ {
		for _, r := range records {
			if n == 0 {
				break
			}
			n--
			if k == 0 {
				w.Write(r)
				continue
			}
			id, rest, _ := bytes.Cut(r, []byte(";"))
			v, _ := strconv.Atoi(string(id))
			fmt.Fprintf(w, "%d;", v+k*10_000_000)
			w.Write(rest)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}

func isDigits(s []byte) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func copyFile(b *testing.B, from, to string) {
	b.Helper()
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// TestHelperReadCSV is not a test: BenchmarkImportCLI runs it in a child
// process as its baseline, DuckDB's own read_csv of the diario into a
// table of a new database.
func TestHelperReadCSV(t *testing.T) {
	csv := os.Getenv("CARICO_BENCH_CSV")
	if csv == "" {
		t.Skip("helper process for BenchmarkImportCLI")
	}
	db, err := sql.Open("duckdb", os.Getenv("CARICO_BENCH_DB"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE diario AS SELECT * FROM read_csv(?, delim = ';', header = true, encoding = 'latin-1', ignore_errors = true)`, csv); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}
