package sioss_test

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/model"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/sioss"
)

// TestSampleReturn imports the sample Ambito as a user would and checks
// the 2025 return against a hand computation over the generator's own
// contract periods (a day-by-day loop, not the package's formula), and
// against the model's snapshot at 31 December: the two differ by exactly
// the reconciliation's rows, each with its reason.
func TestSampleReturn(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole sample Ambito")
	}
	ctx := context.Background()
	a := sampledata.Generate(sampledata.DefaultSeed)
	db := sampledb.Load(t, a)
	const year = 2025
	recs, err := facts.LoadSioss(ctx, db, year)
	if err != nil {
		t.Fatal(err)
	}
	f := sioss.FromFacts(recs)
	cfg := model.DefaultConfig()
	r := sioss.Build(f, sioss.Params{Year: year, AWT: cfg.AWT, LEPS: cfg.LEPS})

	// Hand computation: every day of the year, every counted period in
	// force that day adds hours ÷ 36 ÷ 365, by comune through its share.
	social := map[string]bool{}
	for _, o := range a.Operators {
		social[o.ID] = o.Role == carico.RoleSocialWorker
	}
	counts := map[carico.Employer]bool{carico.EmployerComune: true, carico.EmployerAssociation: true,
		carico.EmployerInstrumental: true, carico.EmployerHealthReimbursed: true}
	want, byComune := 0.0, map[string]float64{}
	for d := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == year; d = d.AddDate(0, 0, 1) {
		for _, p := range a.Periods {
			if !social[p.OperatorID] || p.Contract != carico.ContractPermanent || !counts[p.Employer] || !*p.SocialServices {
				continue
			}
			if p.Start.After(d) || (!p.End.IsZero() && p.End.Before(d)) {
				continue
			}
			v := p.WeeklyHours / 36 / 365 * p.Share
			want += v
			byComune[p.ISTAT] += v
		}
	}
	if math.Abs(r.FTEYear-want) > 1e-9 {
		t.Errorf("FTE of %d = %.6f, hand computation %.6f", year, r.FTEYear, want)
	}
	for _, c := range r.Comuni {
		if math.Abs(c.FTEYear-byComune[c.ISTAT]) > 1e-9 {
			t.Errorf("%s: FTE of the year %.6f, hand computation %.6f", c.Name, c.FTEYear, byComune[c.ISTAT])
		}
	}
	if !r.Ready || r.FTEAssumed != 0 {
		t.Errorf("the sample's roster is complete, yet ready = %v, assumed %v: %v", r.Ready, r.FTEAssumed, r.Problems)
	}

	// The snapshot is the model's permanent social-worker FTE at 31 December.
	m, err := model.Compute(ctx, db, model.Params{At: time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC), Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if snap := m.Ambito.PermanentSocialWorkerFTE; math.Abs(r.FTESnapshot-snap) > 1e-9 {
		t.Errorf("FTE at 31/12 = %.6f, the model's %.6f", r.FTESnapshot, snap)
	}
	// They differ by exactly the listed differences, each with a reason.
	sum, who := 0.0, []string{}
	for _, d := range r.Reconciliation {
		sum += d.Difference
		who = append(who, d.ID)
		if d.Reason == "" || strings.Contains(d.Reason, "senza un evento") {
			t.Errorf("%s: difference %.4f without a reason: %q", d.ID, d.Difference, d.Reason)
		}
	}
	if math.Abs(r.FTEYear-r.FTESnapshot-sum) > 1e-9 {
		t.Errorf("year %.6f − snapshot %.6f ≠ Σ differences %.6f", r.FTEYear, r.FTESnapshot, sum)
	}
	// The generator's events of 2025: hours from 24 to 30 in October
	// (M004), an ASST worker whose cost is not reimbursed (M015), a
	// fixed-term made permanent in March (M017).
	if got := strings.Join(who, " "); got != "M004 M015 M017" {
		t.Errorf("differences for %s, want M004 M015 M017", got)
	}
	t.Logf("sample %d: FTE of the year %.4f, at 31/12 %.4f, residents %d, contribution %.0f € (snapshot %.0f €)",
		year, r.FTEYear, r.FTESnapshot, r.Residents, r.ContributionEUR, r.SnapshotContributionEUR)
}
