package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/carico/carico/internal/benchdb"
)

// BenchmarkImportActivities imports a generated diario CSV of 1,000,000 rows
// (CARICO_BENCH_ROWS for another size) and,
// in the same run, loads the same file with DuckDB's own read_csv into a
// table: the practical limit. Each side runs in a child process, so that its
// peak resident memory (DuckDB's C heap included) can be read from the
// child's rusage. Run it with:
//
//	go test -tags duckdb_arrow ./ingest -run '^$' -bench BenchmarkImportActivities -benchtime 1x
//
// The import runs under the memory limit it sets itself (DefaultMemoryLimit);
// read_csv under DuckDB's default. It reports rows/s for both sides, their ratio, and the peak RSS of each.
func BenchmarkImportActivities(b *testing.B) {
	rows, dir, file := benchDiario(b)
	for i := 0; i < b.N; i++ {
		ours, oursRSS := benchChild(b, "ingest", file, filepath.Join(dir, fmt.Sprintf("ingest-%d.duckdb", i)))
		base, baseRSS := benchChild(b, "read_csv", file, filepath.Join(dir, fmt.Sprintf("read_csv-%d.duckdb", i)))
		alt, altRSS := benchChild(b, "read_csv_sql", file, filepath.Join(dir, fmt.Sprintf("read_csv_sql-%d.duckdb", i)))
		b.ReportMetric(float64(rows)/alt.Seconds(), "read_csv_sql-rows/s")
		b.ReportMetric(float64(altRSS)/1024, "read_csv_sql-peak-MB")
		b.ReportMetric(float64(rows)/ours.Seconds(), "import-rows/s")
		b.ReportMetric(float64(rows)/base.Seconds(), "read_csv-rows/s")
		b.ReportMetric(base.Seconds()/ours.Seconds(), "ratio")
		b.ReportMetric(float64(oursRSS)/1024, "import-peak-MB")
		b.ReportMetric(float64(baseRSS)/1024, "read_csv-peak-MB")
	}
}

// benchDiario writes the benchmarks' diario, of CARICO_BENCH_ROWS rows or
// 1,000,000, in a temporary dir, and resets the timer.
func benchDiario(b *testing.B) (rows int, dir, file string) {
	rows = benchdb.Rows(b)
	dir = b.TempDir()
	file = filepath.Join(dir, "diario.csv")
	writeActivities(b, file, rows)
	b.ResetTimer()
	return rows, dir, file
}

// BenchmarkImportAllRejected imports the same 1,000,000-row diario into a
// database that knows none of its operators: every row is rejected. Peak
// memory must stay flat and rejected_row sane (one short row per bad cell,
// values capped). Run it with:
//
//	go test -tags duckdb_arrow ./ingest -run '^$' -bench BenchmarkImportAllRejected -benchtime 1x
func BenchmarkImportAllRejected(b *testing.B) {
	rows, dir, file := benchDiario(b)
	for i := 0; i < b.N; i++ {
		db := filepath.Join(dir, fmt.Sprintf("rejected-%d.duckdb", i))
		took, rss := benchChild(b, "ingest_rejected", file, db)
		b.ReportMetric(float64(rows)/took.Seconds(), "rows/s")
		b.ReportMetric(float64(rss)/1024, "peak-MB")
		var size int64
		for _, f := range []string{db, db + ".wal"} {
			if fi, err := os.Stat(f); err == nil {
				size += fi.Size()
			}
		}
		b.ReportMetric(float64(size)/(1<<20), "db-MB")
	}
}

// benchChild runs TestHelperBench in a child process and returns the time
// it measured and its peak RSS in KiB.
func benchChild(b *testing.B, side, file, db string) (time.Duration, int64) {
	b.Helper()
	elapsed, rss, out := benchdb.RunChild(b, "TestHelperBench", "CARICO_BENCH="+side, "CARICO_BENCH_FILE="+file, "CARICO_BENCH_DB="+db)
	b.Logf("%s:\n%s", side, out)
	return elapsed, rss
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
		// CARICO_BENCH_MEMLIMIT tries another memory limit.
		im := &Importer{DB: db, Secret: testSecret, MemoryLimit: os.Getenv("CARICO_BENCH_MEMLIMIT")}
		importAll(t, im, "population", "staff")
		// The phases' timings go to the benchmark's log.
		im.Log = slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelDebug}))
		p, err := LoadProfile("testdata/activities.toml")
		if err != nil {
			t.Fatal(err)
		}
		start = time.Now()
		res, err := im.Import(ctx, file, p, "activities.toml")
		if err != nil || res.Inserted != res.Read {
			t.Fatalf("import: %+v, %v", res, err)
		}
	case "ingest_rejected":
		im := &Importer{DB: db, Secret: testSecret}
		importAll(t, im, "population")
		p, err := LoadProfile("testdata/activities.toml")
		if err != nil {
			t.Fatal(err)
		}
		start = time.Now()
		res, err := im.Import(ctx, file, p, "activities.toml")
		if err != nil || res.Rejected != res.Read || len(res.Rejections) > MaxRejections {
			t.Fatalf("import: read %d, rejected %d, %d rejections kept, %v", res.Read, res.Rejected, len(res.Rejections), err)
		}
		elapsed := time.Since(start)
		var n, bytes int64
		if err := db.QueryRowContext(ctx, `SELECT count(*), sum(length(coalesce(value, '')) + length(reason) + length(file) + length(coalesce(col, '')))
			FROM rejected_row`).Scan(&n, &bytes); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("rejected_row: %d rows, %d MB of text\n", n, bytes>>20)
		start = time.Now().Add(-elapsed)
	case "read_csv_sql":
		// The alternative design: DuckDB's CSV reader into the real table,
		// with the mapping done in SQL. It has no per-row error reporting
		// (a bad date fails the whole statement), so it is measured, not used.
		importAll(t, &Importer{DB: db, Secret: testSecret}, "population", "staff")
		start = time.Now()
		_, err := db.ExecContext(ctx, `INSERT INTO activity (id, day, start_time, operator_id, case_id, kind, minutes, istat, raw_label)
			SELECT r."ID intervento", strptime(r.Data, '%d/%m/%Y %H:%M')::DATE, strptime(r.Data, '%d/%m/%Y %H:%M')::TIME,
			       o.operator_id, r."N. cartella",
			       CASE r."Tipo attività" WHEN 'Colloquio in sede' THEN 'case' WHEN 'Segretariato sociale' THEN 'access'
			            WHEN 'Visita domiciliare' THEN 'case' WHEN 'Corso di formazione' THEN 'training' END,
			       r.Durata::INTEGER, coalesce(c.istat, r.Comune), r."Tipo attività"
			FROM read_csv(?, delim = ';', header = true, all_varchar = true) r
			LEFT JOIN operator_alias o
			  ON o.alias = array_to_string(list_sort(regexp_split_to_array(lower(strip_accents(trim(r.Operatore))), '\s+')), ' ')
			LEFT JOIN comune c ON lower(c.name) = lower(r.Comune)`, file)
		if err != nil {
			t.Fatal(err)
		}
	case "read_csv":
		start = time.Now()
		if _, err := db.ExecContext(ctx, `CREATE TABLE diario AS SELECT * FROM read_csv(?, delim = ';', header = true)`, file); err != nil {
			t.Fatal(err)
		}
	}
	fmt.Printf("ELAPSED %f\n", time.Since(start).Seconds())
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("go heap peak (HeapSys) %d MB\n", ms.HeapSys>>20)
}
