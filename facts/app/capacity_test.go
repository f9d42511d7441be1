package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/storetest"
)

// TestSaveReduction: the responsabile adds, edits and ends a reduction;
// each change is in the register and in the trail (who, when, before,
// after), newest first; an overlapping period and a vanished reduction
// change nothing, the trail included; the reductions ending within 30
// days are listed.
func TestSaveReduction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	now := time.Date(2025, 6, 10, 9, 0, 0, 0, time.UTC)
	add := &carico.Reduction{From: day("2025-01-01"), To: day("2025-12-31"), Percent: 20, Reason: carico.ReasonCoordination, Note: "coordina Seriate"}
	edit := &carico.Reduction{From: day("2025-01-01"), To: day("2025-12-31"), Percent: 25, Reason: carico.ReasonCoordination}
	end := &carico.Reduction{From: day("2025-01-01"), To: day("2025-06-30"), Percent: 25, Reason: carico.ReasonCoordination}
	for _, ch := range []app.ReductionChange{
		{At: now, Username: "anna", OperatorID: "as1", Action: app.ActionAdd, After: add},
		{At: now.Add(time.Minute), Username: "anna", OperatorID: "as1", Action: app.ActionEdit, Before: add, After: edit},
		{At: now.Add(2 * time.Minute), Username: "carla", OperatorID: "as1", Action: app.ActionEnd, Before: edit, After: end},
	} {
		if err := app.SaveReduction(ctx, db, ch); err != nil {
			t.Fatalf("%s: %v", ch.Action, err)
		}
	}
	overlap := &carico.Reduction{From: day("2025-06-01"), Percent: 10, Reason: carico.ReasonUnion}
	later := &carico.Reduction{From: day("2026-01-01"), Percent: 10, Reason: carico.ReasonUnion}
	var oe *app.OverlapError
	if err := app.SaveReduction(ctx, db, app.ReductionChange{At: now, Username: "anna", OperatorID: "as1", Action: app.ActionAdd, After: overlap}); !errors.As(err, &oe) || !oe.With.From.Equal(day("2025-01-01")) {
		t.Errorf("overlapping period: %v, want an overlap with the reduction from 01/01/2025", err)
	}
	if err := app.SaveReduction(ctx, db, app.ReductionChange{At: now, Username: "anna", OperatorID: "as1", Action: app.ActionEdit, Before: later, After: later}); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("editing a reduction not in the register: %v", err)
	}
	rs, err := facts.Reductions(ctx, db)
	if err != nil || len(rs) != 1 || rs[0].Percent != 25 || !rs[0].To.Equal(day("2025-06-30")) {
		t.Errorf("register = %+v, %v; want the one reduction at 25 %% to 30/06/2025", rs, err)
	}
	trail, err := app.ReductionChanges(ctx, db, "")
	if err != nil || len(trail) != 3 {
		t.Fatalf("trail = %+v, %v; want 3 entries", trail, err)
	}
	if c := trail[0]; c.Action != app.ActionEnd || c.Username != "carla" || c.Before.Percent != 25 || !c.After.To.Equal(day("2025-06-30")) {
		t.Errorf("newest entry = %+v", c)
	}
	if c := trail[2]; c.Action != app.ActionAdd || c.Before != nil || c.After.Note != "coordina Seriate" || !c.At.Equal(now) {
		t.Errorf("oldest entry = %+v", c)
	}
	if other, err := app.ReductionChanges(ctx, db, "as2"); err != nil || len(other) != 0 {
		t.Errorf("trail of another operator = %+v, %v", other, err)
	}
	for _, tc := range []struct {
		today string
		n     int
	}{{"2025-05-31", 1}, {"2025-05-30", 0}, {"2025-06-30", 1}, {"2025-07-01", 0}} {
		if got, err := app.ReductionsEnding(ctx, db, day(tc.today), 30); err != nil || len(got) != tc.n {
			t.Errorf("ending within 30 days of %s = %+v, %v; want %d", tc.today, got, err, tc.n)
		}
	}
}
