package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/carico/carico/internal/storetest"
	"github.com/carico/carico/store"
)

// TestRules checks the shared definitions on a hand-made history: a cover
// period over an open-ended assignment, a cartella closed on the day, one
// opened on the day, and one with no assignment rows.
func TestRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `
		INSERT INTO cases (id, person, opened, closed, operator_id) VALUES
			('c1', 'p1', DATE '2025-01-01', NULL, NULL),
			('c2', 'p2', DATE '2025-01-01', DATE '2025-06-30', NULL),
			('c3', 'p3', DATE '2025-06-30', NULL, 'C'),
			('c4', 'p4', DATE '2025-01-01', NULL, NULL);
		INSERT INTO assignment VALUES
			('c1', 'A', DATE '2025-01-01', NULL),
			('c1', 'B', DATE '2025-03-01', DATE '2025-04-30'),
			('c2', 'A', DATE '2025-01-01', DATE '2025-06-30');
		INSERT INTO activity (id, day, operator_id, case_id, kind, minutes) VALUES
			('a1', DATE '2024-12-01', 'A', 'c4', 'case', 30),
			('a2', DATE '2025-06-01', 'A', 'c1', 'case', 30)`); err != nil {
		t.Fatal(err)
	}
	holder := func(caseID, day string) string {
		t.Helper()
		var op *string
		err := db.QueryRowContext(ctx, `SELECT any_value(operator_id) FROM carico_open_cases([CAST(? AS DATE)]) WHERE id = ?`, day, caseID).Scan(&op)
		if err != nil {
			t.Fatal(err)
		}
		if op == nil {
			return "-"
		}
		return *op
	}
	for _, tc := range []struct{ caseID, day, want string }{
		{"c1", "2025-02-28", "A"},
		{"c1", "2025-03-01", "B"},
		{"c1", "2025-04-30", "B"},
		{"c1", "2025-05-01", "A"}, // A again after the cover period
		{"c2", "2025-06-29", "A"},
		{"c2", "2025-06-30", "-"}, // closed on the day: not open that evening
		{"c3", "2025-06-30", "C"}, // opened on the day: open, held by its own operator
		{"c4", "2025-06-30", "-"}, // open, nobody holds it
	} {
		if got := holder(tc.caseID, tc.day); got != tc.want {
			t.Errorf("holder of %s on %s = %s, want %s", tc.caseID, tc.day, got, tc.want)
		}
	}
	// The spans themselves: c1 cut by the cover period, c2 up to its
	// assignment's end (after it, nobody), c3 its own operator's from the
	// opening, c4 none.
	var spans string
	if err := db.QueryRowContext(ctx, `SELECT string_agg(case_id || ' ' || operator_id || ' ' || from_date || '/' || until, ', '
		ORDER BY case_id, from_date) FROM carico_holder_spans()`).Scan(&spans); err != nil {
		t.Fatal(err)
	}
	if want := "c1 A 2025-01-01/2025-02-28, c1 B 2025-03-01/2025-04-30, c1 A 2025-05-01/9999-12-31, " +
		"c2 A 2025-01-01/2025-06-30, c3 C 2025-06-30/9999-12-31"; spans != want {
		t.Errorf("holder spans:\n got %s\nwant %s", spans, want)
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM carico_open_cases([DATE '2025-06-30', DATE '2025-06-29'])`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 3+3 { // 30/06: c1 c3 c4; 29/06: c1 c2 c4
		t.Errorf("open cartelle on two days = %d, want 6", n)
	}
	var dormant []string
	rows, err := db.QueryContext(ctx, `SELECT id FROM carico_dormant(DATE '2025-12-31', 365) ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		dormant = append(dormant, id)
	}
	rows.Close()
	// c1 had an entry on 01/06/2025; c3 opened on 30/06/2025; c4's last entry is of 01/12/2024 (395 days).
	if len(dormant) != 1 || dormant[0] != "c4" {
		t.Errorf("dormant on 31/12/2025 = %v, want [c4]", dormant)
	}
	var in bool
	d := time.Date(2025, 8, 31, 0, 0, 0, 0, time.UTC)
	if err := db.QueryRowContext(ctx, `SELECT carico_in_service(DATE '2024-01-01', DATE '2025-08-31', ?::DATE)
		AND NOT carico_in_service(NULL, DATE '2025-08-31', ?::DATE + 1)`, d, d).Scan(&in); err != nil || !in {
		t.Errorf("in service on the last day of the contract and not the day after: %v %v", in, err)
	}
}

// TestOpenDuring checks carico_open_during at the edges of a period
// (2025-03-01 to 2025-03-31): a cartella closed on the first day belongs
// to the period (it was in its opening stock), one closed the day before
// does not; one opened on the last day does, one opened the day after does
// not. And the flows add up over exactly these cartelle.
func TestOpenDuring(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	for _, tc := range []struct {
		name           string
		opened, closed string // closed "" = still open
		want           bool
	}{
		{"closed the day before the period", "2025-01-10", "2025-02-28", false},
		{"closed on the first day", "2025-01-10", "2025-03-01", true},
		{"closed on the second day", "2025-01-10", "2025-03-02", true},
		{"closed after the period", "2025-01-10", "2025-05-01", true},
		{"still open, opened before", "2024-06-01", "", true},
		{"opened on the first day", "2025-03-01", "", true},
		{"opened on the last day", "2025-03-31", "", true},
		{"opened the day after", "2025-04-01", "", false},
		{"opened and closed inside", "2025-03-05", "2025-03-20", true},
		{"opened and closed on the first day", "2025-03-01", "2025-03-01", true},
	} {
		var got bool
		var closed any
		if tc.closed != "" {
			closed = tc.closed
		}
		if err := db.QueryRowContext(ctx, `SELECT carico_open_during($1::DATE, $2::DATE, DATE '2025-03-01', DATE '2025-03-31')`,
			tc.opened, closed).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("%s (%s–%s): open during = %v, want %v", tc.name, tc.opened, tc.closed, got, tc.want)
		}
	}
	// Flows: open the evening before + opened − closed = open at the end,
	// counting openings and closings only among the cartelle open during.
	if _, err := db.ExecContext(ctx, `INSERT INTO cases (id, person, opened, closed) VALUES
		('a', 'p', DATE '2025-01-10', DATE '2025-02-28'), ('b', 'p', DATE '2025-01-10', DATE '2025-03-01'),
		('c', 'p', DATE '2025-03-31', NULL), ('d', 'p', DATE '2025-04-01', NULL), ('e', 'p', DATE '2025-03-05', DATE '2025-03-20'),
		('f', 'p', DATE '2024-06-01', NULL)`); err != nil {
		t.Fatal(err)
	}
	var before, opened, closed, after int
	if err := db.QueryRowContext(ctx, `SELECT
		count(*) FILTER (carico_open_on(opened, closed, DATE '2025-02-28')),
		count(*) FILTER (opened BETWEEN DATE '2025-03-01' AND DATE '2025-03-31'),
		count(*) FILTER (closed BETWEEN DATE '2025-03-01' AND DATE '2025-03-31'),
		count(*) FILTER (carico_open_on(opened, closed, DATE '2025-03-31'))
		FROM cases WHERE carico_open_during(opened, closed, DATE '2025-03-01', DATE '2025-03-31')`).Scan(&before, &opened, &closed, &after); err != nil {
		t.Fatal(err)
	}
	if before+opened-closed != after || before != 2 || after != 2 {
		t.Errorf("flows: %d + %d − %d ≠ %d (want 2 + 2 − 2 = 2)", before, opened, closed, after)
	}
}
