package model_test

import (
	"context"
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/model"
	sampledata "github.com/carico/carico/sample-data"
)

// TestSampleAmbito imports the bundled sample's exports through the real
// import path and checks the model's caseload and time split against a
// plain loop over the generator's records. The records are the ground
// truth: they hold none of the rows broken on purpose (Ambito.Bad) and the
// corrected minutes of the revised diario entries.
func TestSampleAmbito(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole sample Ambito")
	}
	ctx := context.Background()
	a := sampledata.Generate(sampledata.DefaultSeed)
	db := sampledb.Load(t, a)

	at := a.RefDate
	m, err := model.Compute(ctx, db, model.Params{From: a.From, To: a.To, At: at})
	if err != nil {
		t.Fatal(err)
	}

	// Independent caseload: open at d when opened <= d and (not closed or
	// closed after d); holder = the assignment in force at d with the latest
	// start, else the case's operator.
	d := model.DateOf(at).Time
	wantOpen := map[string]int{}
	wantWeighted := map[string]float64{}
	cfg := model.DefaultConfig()
	for _, c := range a.Cases {
		if model.DateOf(c.Opened).After(d) || (!c.Closed.IsZero() && !model.DateOf(c.Closed).After(d)) {
			continue
		}
		holder, start := c.OperatorID, time.Time{}
		if len(c.Assignments) > 0 {
			holder = ""
			for _, as := range c.Assignments {
				from := model.DateOf(as.From).Time
				if from.After(d) || (!as.To.IsZero() && model.DateOf(as.To).Before(d)) {
					continue
				}
				if holder == "" || from.After(start) {
					holder, start = as.OperatorID, from
				}
			}
		}
		if holder == "" {
			continue
		}
		wantOpen[holder]++
		wantWeighted[holder] += cfg.Caseload.Weight(c.Area, c.Complexity)
	}
	// Independent time split: minutes by operator and kind in the period.
	wantMin := map[string]map[carico.Kind]int64{}
	var total int64
	for _, act := range a.Activities {
		day := model.DateOf(act.Date).Time
		if day.Before(model.DateOf(a.From).Time) || day.After(model.DateOf(a.To).Time) {
			continue
		}
		if wantMin[act.OperatorID] == nil {
			wantMin[act.OperatorID] = map[carico.Kind]int64{}
		}
		wantMin[act.OperatorID][act.Kind] += int64(act.Minutes)
		total += int64(act.Minutes)
	}

	// Independent case hours by area and complexity: case work on a known
	// cartella, joined to it by id. This is what observed case weights rest on.
	type cell struct {
		area       carico.Area
		complexity int
	}
	caseOf := map[string]carico.Case{}
	for _, c := range a.Cases {
		caseOf[c.ID] = c
	}
	// Observed weights count the case work of the roles that hold cartelle.
	roleOf := map[string]carico.Role{}
	for _, o := range a.Operators {
		roleOf[o.ID] = o.Role
	}
	holding := map[carico.Role]bool{}
	for _, c := range a.Cases {
		holding[roleOf[c.OperatorID]] = true
		for _, as := range c.Assignments {
			holding[roleOf[as.OperatorID]] = true
		}
	}
	wantCaseHours := map[cell]float64{}
	for _, act := range a.Activities {
		c, ok := caseOf[act.CaseID]
		if act.Kind != carico.KindCase || !ok || !holding[roleOf[act.OperatorID]] {
			continue
		}
		wantCaseHours[cell{c.Area, c.Complexity}] += float64(act.Minutes) / 60
	}

	if len(wantOpen) == 0 || total == 0 || len(wantCaseHours) == 0 {
		t.Fatalf("empty ground truth: %d holders, %d minutes", len(wantOpen), total)
	}
	got := map[string]model.OperatorMetrics{}
	for _, o := range m.Operators {
		got[o.ID] = o
	}
	for id, n := range wantOpen {
		o, ok := got[id]
		if !ok {
			t.Errorf("operator %s missing from the metrics", id)
			continue
		}
		if o.OpenCases != n {
			t.Errorf("%s: %d open cases at %s, want %d", id, o.OpenCases, d.Format("02/01/2006"), n)
		}
		if diff := o.WeightedCaseload - wantWeighted[id]; diff > 1e-9 || diff < -1e-9 {
			t.Errorf("%s: weighted caseload %.2f, want %.2f", id, o.WeightedCaseload, wantWeighted[id])
		}
	}
	for _, o := range m.Operators {
		if wantOpen[o.ID] == 0 && o.OpenCases != 0 {
			t.Errorf("%s: %d open cases, want 0", o.ID, o.OpenCases)
		}
		for _, k := range carico.Kinds {
			if o.Minutes[k] != wantMin[o.ID][k] {
				t.Errorf("%s %s: %d minutes, want %d", o.ID, k, o.Minutes[k], wantMin[o.ID][k])
			}
		}
	}
	for _, w := range m.Staffing.WeightedCaseload.Weights {
		var got float64
		if w.ObservedHours != nil {
			got = *w.ObservedHours * w.CaseYears
		}
		want := wantCaseHours[cell{w.Area, w.Complexity}]
		if diff := got - want; diff > 1e-6 || diff < -1e-6 {
			t.Errorf("case hours %s/%d: %.2f, want %.2f", w.Area, w.Complexity, got, want)
		}
	}
	team := m.Teams[len(m.Teams)-1]
	if team.Minutes.Total() != total {
		t.Errorf("team minutes %d, want %d", team.Minutes.Total(), total)
	}
	t.Logf("sample: %d operators, %d open cases at %s, %.0f documented hours, WISN ratio %.2f, LEPS 1:%.0f, contribution €%.0f",
		len(m.Operators), team.OpenCases, d.Format("02/01/2006"), team.DocumentedHours, deref(m.Staffing.WISN.Ratio),
		deref(m.Ambito.ResidentsPerPermanentSocialWorker), m.Ambito.ContributionEUR)
}

func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}
