package analytics

import (
	"context"
	"math"
	"sort"
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/sampledb"
	sampledata "github.com/carico/carico/sample-data"
)

// TestSampleAmbito imports the bundled sample Ambito through its exports and
// profiles, then checks flows, timeliness and dormant cases for 2025
// against a plain loop over the generator's own records (the ground truth,
// which holds none of the deliberately broken rows).
func TestSampleAmbito(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole sample Ambito")
	}
	ctx := context.Background()
	amb := sampledata.Generate(sampledata.DefaultSeed)
	db := sampledb.Load(t, amb)
	var nCases, nActs int
	if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM activity)`).Scan(&nCases, &nActs); err != nil {
		t.Fatal(err)
	}
	if nCases != len(amb.Cases) || nActs != len(amb.Activities) {
		t.Fatalf("imported %d cases and %d activities, generated %d and %d", nCases, nActs, len(amb.Cases), len(amb.Activities))
	}

	from, to, at := date("2025-01-01"), date("2025-12-31"), truncDay(amb.RefDate)
	a, err := Analyze(ctx, db, withWorkload(t, db, Params{From: from, To: to, At: at}))
	if err != nil {
		t.Fatal(err)
	}
	want := expectFromRecords(amb, from, to, at)

	if len(a.Flows) != len(want.flows) {
		t.Fatalf("%d months, want %d", len(a.Flows), len(want.flows))
	}
	for i, m := range a.Flows {
		if got := [3]int{m.Opened, m.Closed, m.OpenEnd}; got != want.flows[i] {
			t.Errorf("%s: opened, closed, open_end %v, want %v", m.Month, got, want.flows[i])
		}
	}
	tm := a.Timeliness
	got := [5]int{tm.Decisions, tm.OverTerm, tm.Pending, tm.PendingOverTerm, tm.DecisionBeforeApplication}
	if got != want.timeliness {
		t.Errorf("decisions, over term, pending, pending over term, decision before application = %v, want %v", got, want.timeliness)
	}
	if !near(tm.MedianDays, want.median) || !near(tm.P90Days, want.p90) {
		t.Errorf("median %s, p90 %s; want %.4f, %.4f", fmtPtr(tm.MedianDays), fmtPtr(tm.P90Days), want.median, want.p90)
	}
	if d := rule(t, a, "dormant"); d.Count != want.dormant || d.Denominator != want.open {
		t.Errorf("dormant %d of %d open, want %d of %d", d.Count, d.Denominator, want.dormant, want.open)
	}
	t.Logf("2025: opened %d, closed %d; %d decisions (%d over term), median %.1f days, p90 %.1f; %d pending over term; %d dormant of %d open",
		a.FlowTotals.Opened, a.FlowTotals.Closed, tm.Decisions, tm.OverTerm, want.median, want.p90, tm.PendingOverTerm, want.dormant, want.open)
	if a.FlowTotals.Opened == 0 || tm.Decisions == 0 || want.dormant == 0 || tm.OverTerm == 0 {
		t.Error("the sample should exercise every measure: some figure is zero")
	}
}

type expected struct {
	flows       [][3]int
	timeliness  [5]int
	median, p90 float64
	dormant     int
	open        int
}

// expectFromRecords computes the figures with plain loops over the
// generated records, without SQL: every term is the 30-day default.
func expectFromRecords(amb *sampledata.Ambito, from, to, at time.Time) expected {
	var e expected
	in := func(d, lo, hi time.Time) bool { return !d.IsZero() && !d.Before(lo) && !d.After(hi) }
	openAtEnd := func(c carico.Case, d time.Time) bool {
		return !truncDay(c.Opened).After(d) && (c.Closed.IsZero() || truncDay(c.Closed).After(d))
	}
	for m := from; !m.After(to); m = m.AddDate(0, 1, 0) {
		end := m.AddDate(0, 1, -1)
		var f [3]int
		for _, c := range amb.Cases {
			if in(truncDay(c.Opened), m, end) {
				f[0]++
			}
			if !c.Closed.IsZero() && in(truncDay(c.Closed), m, end) {
				f[1]++
			}
			if openAtEnd(c, end) {
				f[2]++
			}
		}
		e.flows = append(e.flows, f)
	}
	const term = 30
	var days []float64
	for _, c := range amb.Cases {
		if c.Application.IsZero() {
			continue
		}
		app, dec := truncDay(c.Application), truncDay(c.Decision)
		if !c.Decision.IsZero() && in(dec, from, to) {
			d := dec.Sub(app).Hours() / 24
			switch {
			case d < 0:
				e.timeliness[4]++
			default:
				e.timeliness[0]++
				days = append(days, d)
				if d > term {
					e.timeliness[1]++
				}
			}
		}
		pending := !app.After(at) && (c.Decision.IsZero() || dec.After(at)) && (c.Closed.IsZero() || truncDay(c.Closed).After(at))
		if pending {
			e.timeliness[2]++
			if at.Sub(app).Hours()/24 > term {
				e.timeliness[3]++
			}
		}
	}
	sort.Float64s(days)
	e.median, e.p90 = quantile7(days, 0.5), quantile7(days, 0.9)

	last := map[string]time.Time{}
	for _, act := range amb.Activities {
		d := truncDay(act.Date)
		if act.CaseID != "" && !d.After(at) && d.After(last[act.CaseID]) {
			last[act.CaseID] = d
		}
	}
	for _, c := range amb.Cases {
		if !openAtEnd(c, at) {
			continue
		}
		e.open++
		since := truncDay(c.Opened)
		if l, ok := last[c.ID]; ok {
			since = l
		}
		if at.Sub(since).Hours()/24 >= 365 {
			e.dormant++
		}
	}
	return e
}

// quantile7 is the linear-interpolation quantile of sorted xs (Hyndman and
// Fan type 7, R's default): position p × (n − 1) between order statistics.
func quantile7(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	pos := p * float64(len(xs)-1)
	lo := int(math.Floor(pos))
	if lo+1 >= len(xs) {
		return xs[lo]
	}
	return xs[lo] + (pos-float64(lo))*(xs[lo+1]-xs[lo])
}

func truncDay(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
