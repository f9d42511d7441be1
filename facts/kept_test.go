package facts_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico/facts"
	"github.com/carico/carico/ingest"
	"github.com/carico/carico/internal/benchdb"
	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/internal/storetest"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

// TestDormantKeptOneRule checks that the dormant cartelle read from the
// last entries a database keeps per cartella and year (case_last_entry)
// are exactly those of the rule over the whole diario (store/rules.sql,
// carico_dormant): with no silence asked (every open cartella, with its
// last entry) and with a year's, at year ends, on other days, before the
// first entry and after the last one; on hand-built edges, on the sample
// Ambito and on a generated archive.
func TestDormantKeptOneRule(t *testing.T) {
	t.Parallel()
	ats := []string{"2019-12-31", "2023-06-30", "2024-01-01", "2024-12-31", "2025-03-15", "2025-12-31", "2026-07-01", "2027-12-31"}
	t.Run("edges", func(t *testing.T) {
		t.Parallel()
		db := storetest.Open(t,
			oneBatch,
			`INSERT INTO cases (id, person, istat, area, complexity, opened, closed, operator_id) VALUES
				('k1', 'p1', '016001', 'anziani', 1, DATE '2020-03-10', NULL, 'a'),
				('k2', 'p2', '016001', 'disabili', 2, DATE '2023-01-01', NULL, 'b'),
				('k3', 'p3', '016002', NULL, NULL, DATE '2024-05-01', DATE '2025-06-30', NULL),
				('k4', 'p4', '016002', 'poverta', 3, DATE '2022-02-01', NULL, 'a')`,
			// k1: entries in 2021, on 31/12/2024 and on 01/01/2025; k2: on 15/03/2025
			// and later that year; k3: none; k4: only in 2022. An entry on no
			// cartella and one on a cartella that does not exist.
			`INSERT INTO activity (id, day, operator_id, case_id, kind, minutes) VALUES
				('x1', DATE '2021-05-05', 'a', 'k1', 'case', 30), ('x2', DATE '2024-12-31', 'a', 'k1', 'case', 30),
				('x3', DATE '2025-01-01', 'a', 'k1', 'case', 30), ('x4', DATE '2025-03-15', 'b', 'k2', 'case', 30),
				('x5', DATE '2025-11-30', 'b', 'k2', 'case', 30), ('x6', DATE '2022-02-02', 'a', 'k4', 'case', 30),
				('x7', DATE '2025-02-02', 'a', NULL, 'admin', 30), ('x8', DATE '2023-07-07', 'a', 'zz', 'case', 30)`)
		sameDormant(t, db, ats)
	})
	t.Run("sample", func(t *testing.T) {
		t.Parallel()
		db := sampledb.Load(t, sampledata.Generate(sampledata.DefaultSeed))
		sameDormant(t, db, ats)
	})
	t.Run("generated", func(t *testing.T) {
		t.Parallel()
		db := benchdb.Load(t, benchdb.Scale{Operators: 30, Cases: 5_000, People: 4_000, Activities: 20_000})
		markImported(t, db)
		sameDormant(t, db, ats)
	})
}

// sameDormant fails unless, at each of ats, the dormant cartelle (silent
// for any time, and for a year) read from the kept last entries equal the
// rule's.
func sameDormant(t *testing.T, db *store.DB, ats []string) {
	t.Helper()
	ctx := context.Background()
	if !facts.DerivedKept(ctx, db) {
		t.Fatal("the last entries were not kept")
	}
	for _, s := range ats {
		at, _ := time.Parse(time.DateOnly, s)
		for _, days := range []int{0, 365} {
			want, err := facts.ReadDormant(ctx, db, false, at, days)
			if err != nil {
				t.Fatal(err)
			}
			got, err := facts.ReadDormant(ctx, db, true, at, days)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("at %s, %d days: kept gives %d cartelle, the diario %d\n got %v\nwant %v", s, days, len(got), len(want), head(got), head(want))
			}
		}
	}
}

func head[T any](s []T) []T { return s[:min(len(s), 5)] }

// TestLastEntriesFollowTheImports imports the sample's cartelle and its
// first diario export, keeps the last entries, then imports the second,
// overlapping diario export (new entries, corrected ones): the kept ones
// are no longer current, and once rebuilt they equal the rule over the
// diario again.
func TestLastEntriesFollowTheImports(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	exports, err := sampledata.Generate(sampledata.DefaultSeed).WriteExports(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "carico.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var diari []sampledata.Export
	var rest []sampledata.Export
	for _, e := range exports {
		if e.Kind == "activities" && e.Profile != "" {
			diari = append(diari, e)
		} else if e.Kind == "staff" || e.Kind == "cases" {
			rest = append(rest, e)
		}
	}
	if len(diari) < 2 {
		t.Fatalf("the sample has %d diario exports, want 2", len(diari))
	}
	if err := sampledb.ImportAll(ctx, db, append(rest, diari[0])); err != nil {
		t.Fatal(err)
	}
	at, _ := time.Parse(time.DateOnly, "2025-12-31")
	before := keptDormant(t, db, at)
	im := &ingest.Importer{DB: db, Secret: sampledb.Secret}
	p, err := ingest.LoadProfile(diari[1].Profile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Import(ctx, diari[1].Path, p, filepath.Base(diari[1].Profile)); err != nil {
		t.Fatal(err)
	}
	var version string
	if err := db.QueryRowContext(ctx, `SELECT version FROM kept_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if now, _ := facts.DataVersion(ctx, db); now == version {
		t.Fatal("the import left the data version the last entries were kept on")
	}
	after := keptDormant(t, db, at)
	if fmt.Sprint(after) == fmt.Sprint(before) {
		t.Error("the second diario export changed no last entry: the test proves nothing")
	}
	for _, s := range []string{"2024-06-30", "2025-06-30"} {
		d, _ := time.Parse(time.DateOnly, s)
		keptDormant(t, db, d)
	}
}

// keptDormant returns every open cartella at at with its last entry, read
// from the kept last entries (rebuilt when not current), and fails unless
// it equals the rule over the diario.
func keptDormant(t *testing.T, db *store.DB, at time.Time) []facts.Dormant {
	t.Helper()
	ctx := context.Background()
	if !facts.DerivedKept(ctx, db) {
		t.Fatal("the last entries were not kept")
	}
	got, err := facts.ReadDormant(ctx, db, true, at, 0)
	if err != nil {
		t.Fatal(err)
	}
	want, err := facts.ReadDormant(ctx, db, false, at, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("at %s: kept last entries differ from the diario's\n got %v\nwant %v", at.Format(time.DateOnly), head(got), head(want))
	}
	return got
}

// TestFlowsOneRule checks that the analysis' flows, whose open cartelle at
// each month's end are counted from carico_open_events in one pass, equal
// the same figures counted one month's end at a time
// (testdata/an_flows_by_month.sql): on hand-built edges (opened, closed or
// reassigned on a month's end, a cover period, no holder, no area, no
// comune, opened before the period), on the sample and on a generated
// archive, for a year, five years and a few months.
func TestFlowsOneRule(t *testing.T) {
	t.Parallel()
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	ref, err := os.ReadFile("testdata/an_flows_by_month.sql")
	if err != nil {
		t.Fatal(err)
	}
	same := func(t *testing.T, db *store.DB, from, to string) {
		t.Helper()
		kept := facts.DerivedKept(context.Background(), db)
		got, want, err := facts.FlowRows(context.Background(), db, kept, day(from), day(to), string(ref))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s–%s: flows differ from the month-by-month count:\n got %d rows %v\nwant %d rows %v", from, to, len(got), head(got), len(want), head(want))
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Errorf("first difference at row %d: got %s, want %s", i, got[i], want[i])
					break
				}
			}
		}
	}
	t.Run("edges", func(t *testing.T) {
		t.Parallel()
		db := storetest.Open(t,
			`INSERT INTO cases (id, person, istat, area, complexity, opened, closed, operator_id) VALUES
				('e1', 'p1', '016001', 'anziani', 1, DATE '2025-03-31', NULL, 'a'),
				('e2', 'p2', '016001', 'anziani', 1, DATE '2024-11-01', DATE '2025-03-31', 'a'),
				('e3', 'p3', '016002', 'disabili', 2, DATE '2025-03-05', DATE '2025-03-05', 'b'),
				('e4', 'p4', '016002', 'disabili', 2, DATE '2025-02-01', NULL, 'a'),
				('e5', 'p5', '016001', 'poverta', 3, DATE '2025-02-01', DATE '2025-05-20', 'a'),
				('e6', 'p6', '016003', NULL, NULL, DATE '2025-02-15', NULL, NULL),
				('e7', 'p7', NULL, 'anziani', 2, DATE '2025-03-10', NULL, ''),
				('e8', 'p8', '016003', 'anziani', 2, DATE '2025-03-08', DATE '2025-04-12', 'b'),
				('e9', 'p9', '016003', 'anziani', 2, DATE '2023-03-08', DATE '2024-12-31', 'b')`,
			`INSERT INTO assignment VALUES
				('e4', 'a', DATE '2025-02-01', NULL), ('e4', 'b', DATE '2025-03-05', DATE '2025-03-31'),
				('e5', 'a', DATE '2025-02-01', DATE '2025-02-28'), ('e5', 'c', DATE '2025-04-30', NULL),
				('e8', 'c', DATE '2025-01-01', DATE '2025-12-31')`)
		for range 2 { // as computed, then as kept by imported data
			same(t, db, "2025-01-01", "2025-12-31")
			same(t, db, "2025-03-15", "2025-05-10")
			same(t, db, "2021-01-01", "2025-12-31")
			markImported(t, db)
		}
	})
	t.Run("sample", func(t *testing.T) {
		t.Parallel()
		db := sampledb.Load(t, sampledata.Generate(sampledata.DefaultSeed))
		same(t, db, "2025-01-01", "2025-12-31")
		same(t, db, "2021-01-01", "2025-12-31")
		same(t, db, "2024-03-15", "2024-08-31")
	})
	t.Run("generated", func(t *testing.T) {
		t.Parallel()
		db := benchdb.Load(t, benchdb.Scale{Operators: 30, Cases: 5_000, People: 4_000, Activities: 10_000})
		same(t, db, "2025-01-01", "2025-12-31")
		same(t, db, "2021-01-01", "2025-12-31")
	})
}

// TestDiarioMonthOneRule checks that the time split and the case minutes
// read from the diario a database keeps added up by month (diario_month)
// are exactly those read from the diario: for periods of whole months, of
// parts of months at either end and within one month; on hand-built edges
// (an entry on a cartella not in the cartelle, one on no cartella, a
// standard duration, no comune), on the sample Ambito and on
// a generated archive.
func TestDiarioMonthOneRule(t *testing.T) {
	t.Parallel()
	periods := [][2]string{{"2025-01-01", "2025-12-31"}, {"2021-01-01", "2025-12-31"}, {"2024-03-15", "2024-08-31"},
		{"2025-02-01", "2025-03-10"}, {"2025-03-05", "2025-03-20"}, {"2024-12-31", "2025-01-01"}}
	same := func(t *testing.T, db *store.DB) {
		t.Helper()
		ctx := context.Background()
		if !facts.DerivedKept(ctx, db) {
			t.Fatal("the monthly diario was not kept")
		}
		for _, p := range periods {
			from, _ := time.Parse(time.DateOnly, p[0])
			to, _ := time.Parse(time.DateOnly, p[1])
			sameKept(t, p[0]+"–"+p[1]+": time split", func(kept bool) ([]facts.TimeCell, error) {
				return facts.ReadTimeSplit(ctx, db, kept, from, to)
			})
			sameKept(t, p[0]+"–"+p[1]+": case minutes", func(kept bool) ([]facts.CaseMinutes, error) {
				return facts.ReadCaseMinutes(ctx, db, kept, from, to)
			})
		}
	}
	t.Run("edges", func(t *testing.T) {
		t.Parallel()
		db := storetest.Open(t,
			oneBatch,
			`INSERT INTO cases (id, person, istat, area, complexity, opened, closed, operator_id) VALUES
				('k1', 'p1', '016001', 'anziani', 1, DATE '2020-03-10', NULL, 'a'),
				('k2', 'p2', '016001', NULL, NULL, DATE '2023-01-01', NULL, 'b')`,
			`INSERT INTO activity (id, day, operator_id, case_id, kind, minutes, istat, estimated) VALUES
				('x1', DATE '2025-03-05', 'a', 'k1', 'case', 30, '016001', false),
				('x2', DATE '2025-03-20', 'a', 'k1', 'case', 45, '016001', true),
				('x3', DATE '2025-03-31', 'b', 'k2', 'case', 15, NULL, false),
				('x4', DATE '2025-01-01', 'a', 'zz', 'case', 60, '016002', false),
				('x5', DATE '2024-12-31', 'a', NULL, 'admin', 20, NULL, true),
				('x6', DATE '2025-02-10', 'c', NULL, 'access', 10, '016001', false),
				('x7', DATE '2024-08-31', 'b', 'k1', 'case', 25, '016001', false),
				('x8', DATE '2024-03-14', 'b', 'k1', 'case', 35, '016001', false)`)
		same(t, db)
	})
	t.Run("sample", func(t *testing.T) {
		t.Parallel()
		same(t, sampledb.Load(t, sampledata.Generate(sampledata.DefaultSeed)))
	})
	t.Run("generated", func(t *testing.T) {
		t.Parallel()
		db := benchdb.Load(t, benchdb.Scale{Operators: 30, Cases: 5_000, People: 4_000, Activities: 20_000})
		markImported(t, db)
		same(t, db)
	})
}

// sameKept fails unless read gives the same rows from what is kept as from
// the diario.
func sameKept[T any](t *testing.T, what string, read func(kept bool) ([]T, error)) {
	t.Helper()
	want, err := read(false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := read(true)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: kept %d rows, diario %d\n got %v\nwant %v", what, len(got), len(want), head(got), head(want))
	}
}

// oneBatch records an import batch, as imported data has: the data then
// has a version, and a database keeps what it derives from it.
const oneBatch = `INSERT INTO import_batch (file, sha256, kind, started_at, finished_at)
	VALUES ('t', 't', 'activities', TIMESTAMP '2026-01-01', TIMESTAMP '2026-01-01')`

// markImported records an import batch in db (oneBatch).
func markImported(t *testing.T, db *store.DB) {
	t.Helper()
	if _, err := db.ExecContext(context.Background(), oneBatch); err != nil {
		t.Fatal(err)
	}
}

// TestTimelineOneRule checks the kept timeline of the cartelle
// (case_timeline: each one's open life cut by holder) against the rules it
// stands for (store/rules.sql, carico_open_cases and carico_holder_spans):
// the cartelle open on a day with their holder (the dormant cartelle,
// silent for any time and for a year) on every day around the edges, and
// the case-years of periods of whole and part months; on hand-built edges
// (a cover period, a gap with no holder, assignments before the opening
// and after the closing, an assignment wholly outside the cartella's life,
// a cartella opened and closed on the same day, no operator, no area), on
// the sample Ambito and on a generated archive with reassignments.
func TestTimelineOneRule(t *testing.T) {
	t.Parallel()
	periods := [][2]string{{"2025-01-01", "2025-12-31"}, {"2021-01-01", "2025-12-31"}, {"2025-03-05", "2025-03-10"},
		{"2025-02-01", "2025-03-31"}, {"2025-03-10", "2025-03-10"}, {"2026-01-01", "2026-06-30"}}
	same := func(t *testing.T, db *store.DB, days []string) {
		t.Helper()
		sameDormant(t, db, days)
		ctx := context.Background()
		for _, p := range periods {
			from, _ := time.Parse(time.DateOnly, p[0])
			to, _ := time.Parse(time.DateOnly, p[1])
			sameKept(t, p[0]+"–"+p[1]+": case-years", func(kept bool) ([]facts.CaseYears, error) {
				return facts.ReadCaseYears(ctx, db, kept, from, to)
			})
		}
	}
	t.Run("edges", func(t *testing.T) {
		t.Parallel()
		db := storetest.Open(t, append([]string{oneBatch}, holderEdges...)...)
		var days []string
		for d := time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC); d.Before(time.Date(2025, 4, 5, 0, 0, 0, 0, time.UTC)); d = d.AddDate(0, 0, 1) {
			days = append(days, d.Format(time.DateOnly))
		}
		same(t, db, days)
	})
	ats := []string{"2019-12-31", "2023-06-30", "2024-01-01", "2024-12-31", "2025-03-15", "2025-12-31", "2026-07-01"}
	t.Run("sample", func(t *testing.T) {
		t.Parallel()
		same(t, sampledb.Load(t, sampledata.Generate(sampledata.DefaultSeed)), ats)
	})
	t.Run("generated", func(t *testing.T) {
		t.Parallel()
		db := benchdb.Load(t, benchdb.Scale{Operators: 30, Cases: 5_000, People: 4_000, Activities: 20_000})
		markImported(t, db)
		same(t, db, ats)
	})
}
