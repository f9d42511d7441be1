package facts_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico/facts"
	"github.com/carico/carico/internal/benchdb"
	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/internal/storetest"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

// TestOpenCountsOneRule checks that OpenCounts, which counts the stock of
// every reference day in one pass over the opening, closing and holder
// events (carico_open_events), gives at every day exactly what the rules
// give one day at a time (carico_open_cases, testdata/open_counts_by_day.sql):
// on hand-built edges (holderEdges), on the sample Ambito and on a
// generated archive with reassignments.
func TestOpenCountsOneRule(t *testing.T) {
	t.Parallel()
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	every := func(from, to string) []time.Time {
		var out []time.Time
		for d := day(from); !d.After(day(to)); d = d.AddDate(0, 0, 1) {
			out = append(out, d)
		}
		return out
	}
	monthEnds := func(from, to string) []time.Time {
		var out []time.Time
		for d := day(from); !d.After(day(to)); d = d.AddDate(0, 1, 0) {
			out = append(out, d.AddDate(0, 1, -1))
		}
		return out
	}
	t.Run("edges", func(t *testing.T) {
		t.Parallel()
		db := storetest.Open(t, holderEdges...)
		for _, at := range []string{"2025-03-05", "2025-03-10", "2025-03-31"} {
			sameCounts(t, db, day(at), every("2025-02-25", "2025-03-25"))
		}
		// Imported data keeps the events added up by day (facts/kept.go),
		// and counts from them.
		markImported(t, db)
		if !facts.DerivedKept(context.Background(), db) {
			t.Fatal("the open events were not kept")
		}
		for _, at := range []string{"2025-03-05", "2025-03-10", "2025-03-31"} {
			sameCounts(t, db, day(at), every("2025-02-25", "2025-03-25"))
		}
		// From a year-end stock kept (the open cartelle on 31/12/2025),
		// from before the first event, and past the last year kept.
		sameCounts(t, db, day("2026-02-15"), every("2026-01-01", "2026-02-20"))
		sameCounts(t, db, day("2024-12-31"), every("2024-12-20", "2025-02-05"))
		sameCounts(t, db, day("2027-03-01"), every("2027-02-25", "2027-03-05"))
	})
	t.Run("sample", func(t *testing.T) {
		t.Parallel()
		db := sampledb.Load(t, sampledata.Generate(sampledata.DefaultSeed))
		sameCounts(t, db, day("2025-12-31"), monthEnds("2021-01-01", "2025-12-01"))
		sameCounts(t, db, day("2025-06-30"), every("2025-06-01", "2025-07-10"))
		// Reference days from a 30 and a 31 December: the kept counts start
		// from the year-end stock on or before the first.
		sameCounts(t, db, day("2025-01-02"), every("2024-12-30", "2025-01-02"))
		sameCounts(t, db, day("2024-12-31"), every("2024-12-31", "2025-01-02"))
	})
	t.Run("generated", func(t *testing.T) {
		t.Parallel()
		db := benchdb.Load(t, benchdb.Scale{Operators: 30, Cases: 5_000, People: 4_000, Activities: 10_000})
		sameCounts(t, db, day("2025-12-31"), monthEnds("2021-01-01", "2025-12-01"))
		sameCounts(t, db, day("2024-03-15"), every("2024-03-01", "2024-04-30"))
	})
}

// sameCounts fails unless OpenCounts at at and days equals the reference.
func sameCounts(t *testing.T, db *store.DB, at time.Time, days []time.Time) {
	t.Helper()
	ctx := context.Background()
	got, err := facts.OpenCounts(ctx, db, at, days)
	if err != nil {
		t.Fatal(err)
	}
	q, err := os.ReadFile("testdata/open_counts_by_day.sql")
	if err != nil {
		t.Fatal(err)
	}
	list := []string{at.Format(time.DateOnly)}
	for _, d := range days {
		list = append(list, d.Format(time.DateOnly))
	}
	rows, err := db.QueryContext(ctx, string(q), sql.Named("days", strings.Join(list, ",")), sql.Named("at", at))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var want []string
	for rows.Next() {
		var c facts.OpenCount
		if err := rows.Scan(&c.Day, &c.Operator, &c.ISTAT, &c.Area, &c.Complexity, &c.N); err != nil {
			t.Fatal(err)
		}
		c.Day = facts.Day(c.Day)
		want = append(want, fmt.Sprint(c))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, c := range got {
		have = append(have, fmt.Sprint(c))
	}
	if len(want) == 0 {
		t.Fatal("the reference counts nothing: the test checks nothing")
	}
	if !slices.Equal(have, want) {
		i := 0
		for i < min(len(have), len(want)) && have[i] == want[i] {
			i++
		}
		row := func(rows []string) string {
			if i < len(rows) {
				return rows[i]
			}
			return "(none)"
		}
		t.Fatalf("at %s, row %d: got %s, want %s (%d rows, want %d)", at.Format(time.DateOnly), i, row(have), row(want), len(have), len(want))
	}
}

// holderEdges are hand-built cartelle and assignments at the edges of the
// rules of an open cartella and its holder (store/rules.sql): opened,
// closed or reassigned on a reference day, a cover period, a gap with no
// holder, assignments before the opening, after the closing and ending
// before it, a cartella opened and closed on the same day, no operator,
// no area.
var holderEdges = []string{
	`INSERT INTO cases (id, person, istat, area, complexity, opened, closed, operator_id) VALUES
		('e1', 'p1', '016001', 'anziani', 1, DATE '2025-03-10', NULL, 'a'),
		('e2', 'p2', '016001', 'anziani', 1, DATE '2025-03-01', DATE '2025-03-10', 'a'),
		('e3', 'p3', '016002', 'disabili', 2, DATE '2025-03-05', DATE '2025-03-05', 'b'),
		('e4', 'p4', '016002', 'disabili', 2, DATE '2025-02-01', NULL, 'a'),
		('e5', 'p5', '016001', 'poverta', 3, DATE '2025-02-01', DATE '2025-03-20', 'a'),
		('e6', 'p6', '016003', NULL, NULL, DATE '2025-02-15', NULL, NULL),
		('e7', 'p7', NULL, 'anziani', 2, DATE '2025-03-10', NULL, ''),
		('e8', 'p8', '016003', 'anziani', 2, DATE '2025-03-08', DATE '2025-03-12', 'b'),
		('e9', 'p9', '016003', 'anziani', 1, DATE '2025-03-01', DATE '2025-03-25', 'a'),
		('e10', 'p10', '016001', 'disabili', 3, DATE '2025-03-03', NULL, 'c'),
		('e11', 'p11', '016002', 'poverta', 2, DATE '2025-02-20', NULL, 'a')`,
	// e4: a's, covered by b 05/03–10/03, then a again; e5: a's until
	// 09/03, then nobody's from 10/03, then c's from 15/03; e8: assigned
	// to c from before its opening until after its closing; e9: assigned
	// only after its closing; e10: b's from 07/03, nobody's before; e11:
	// a's until 15/03, nobody's after.
	`INSERT INTO assignment VALUES
		('e4', 'a', DATE '2025-02-01', NULL), ('e4', 'b', DATE '2025-03-05', DATE '2025-03-10'),
		('e5', 'a', DATE '2025-02-01', DATE '2025-03-09'), ('e5', 'c', DATE '2025-03-15', NULL),
		('e8', 'c', DATE '2025-01-01', DATE '2025-12-31'), ('e9', 'b', DATE '2025-04-01', NULL),
		('e10', 'b', DATE '2025-03-07', NULL), ('e11', 'a', DATE '2025-02-20', DATE '2025-03-15')`,
}
