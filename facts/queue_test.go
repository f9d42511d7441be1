package facts_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico/facts"
	"github.com/carico/carico/internal/storetest"
)

// TestUnheldCases checks each way a cartella open on 31/12/2025 enters the
// queue, on hand-built records: c1 never assigned; c2 whose assignment
// ended on 30/11 with none after; c3 held by b, whose contract ended on
// 15/12; c4 held by c, whose last diario entry (10/11) is 51 days old; c5
// held by a, who wrote yesterday (not in the queue); c6 held by c since
// 01/12 (silent since before she took it: waiting from 01/12); c7 closed.
func TestUnheldCases(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t,
		`INSERT INTO operator (id, name, role, weekly_hours, contract, end_date) VALUES
			('a', 'A', 'assistente_sociale', 36, 'indeterminato', NULL),
			('b', 'B', 'assistente_sociale', 36, 'indeterminato', DATE '2025-12-15'),
			('c', 'C', 'assistente_sociale', 36, 'indeterminato', NULL)`,
		`INSERT INTO cases (id, person, area, complexity, opened, closed, operator_id) VALUES
			('c1', 'p1', 'anziani', 1, DATE '2025-12-20', NULL, NULL),
			('c2', 'p2', 'disabili', 2, DATE '2025-01-10', NULL, 'a'),
			('c3', 'p3', 'poverta', 3, DATE '2024-05-01', NULL, 'b'),
			('c4', 'p4', 'anziani', 2, DATE '2025-02-01', NULL, 'c'),
			('c5', 'p5', 'anziani', 2, DATE '2025-02-01', NULL, 'a'),
			('c6', 'p6', 'anziani', 2, DATE '2025-02-01', NULL, 'c'),
			('c7', 'p7', 'anziani', 2, DATE '2025-02-01', DATE '2025-06-01', NULL)`,
		`INSERT INTO assignment VALUES ('c2', 'a', DATE '2025-01-10', DATE '2025-11-30'),
			('c6', 'a', DATE '2025-02-01', DATE '2025-11-30'), ('c6', 'c', DATE '2025-12-01', NULL)`,
		`INSERT INTO activity (id, day, operator_id, kind, minutes) VALUES
			('x1', DATE '2025-12-30', 'a', 'admin', 30), ('x2', DATE '2025-11-10', 'c', 'case', 30),
			('x3', DATE '2026-01-05', 'c', 'case', 30)`)
	got, err := facts.UnheldCases(context.Background(), db, time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), 30)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ id, kind, since string }{
		{"c1", "mai_assegnata", "2025-12-20"},
		{"c2", "titolare_cessato", "2025-12-01"},
		{"c3", "titolare_cessato", "2025-12-16"},
		{"c4", "titolare_assente", "2025-11-11"},
		{"c6", "titolare_assente", "2025-12-01"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d cartelle, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.CaseID != w.id || g.Kind != w.kind || g.Since.Format(time.DateOnly) != w.since {
			t.Errorf("%d: %s %s since %s, want %s %s since %s", i, g.CaseID, g.Kind, g.Since.Format(time.DateOnly), w.id, w.kind, w.since)
		}
	}
}

// TestPendingIstanze checks the pending rule on each side of its edges at
// 31/12/2025, over the list LoadIstanze reads: filed that day (pending),
// decided that day (not), decided later (pending), cartella closed that
// day (not), filed later (not); and an istanza of the istanze kind
// replaces its cartella's own columns (i6: two istanze, one pending).
func TestPendingIstanze(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t,
		`INSERT INTO cases (id, person, initiative, opened, closed, application, decision, operator_id) VALUES
			('i1', 'p', 'istanza', DATE '2025-12-31', NULL, DATE '2025-12-31', NULL, 'a'),
			('i2', 'p', 'istanza', DATE '2025-10-01', NULL, DATE '2025-10-01', DATE '2025-12-31', 'a'),
			('i3', 'p', NULL, DATE '2025-10-01', NULL, DATE '2025-10-01', DATE '2026-01-10', NULL),
			('i4', 'p', 'istanza', DATE '2025-10-01', DATE '2025-12-31', DATE '2025-10-01', NULL, 'a'),
			('i5', 'p', 'istanza', DATE '2025-10-01', NULL, DATE '2026-01-02', NULL, 'a'),
			('i6', 'p', 'istanza', DATE '2025-10-01', NULL, DATE '2025-10-01', NULL, 'a'),
			('n1', 'p', 'ufficio', DATE '2025-10-01', NULL, NULL, NULL, 'a')`,
		`INSERT INTO istanza (case_id, received, protocol, procedure, decision) VALUES
			('i6', DATE '2025-11-03', 'P/1', 'ADI', DATE '2025-11-20'),
			('i6', DATE '2025-12-01', 'P/2', 'SAD', NULL)`)
	got, err := facts.PendingIstanze(context.Background(), db, time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, is := range got {
		ids = append(ids, is.CaseID+" "+is.Protocol+" "+is.Initiative+" "+is.Holder)
	}
	want := "i1  istanza a|i3  non_indicata |i6 P/2 istanza a"
	if strings.Join(ids, "|") != want {
		t.Errorf("pending:\n got %q\nwant %q", strings.Join(ids, "|"), want)
	}
}
