package planning

import (
	"context"
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/model"
)

// On the sample Ambito imported as a user would, the planning figures are
// the model's: the baseline scenario repeats the model's FTE, LEPS figures
// and social workers' WISN ratio — also with a 38-hour full time, where a
// second reading of the roster with 36 hours used to give other FTE — and
// the default scenarios reach the levels they are named after. One
// database for all the checks (it takes the whole import).
func TestSampleDB(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole sample Ambito")
	}
	ctx := context.Background()
	db := sampledb.Load(t, sampleAmbito)
	at := sampleAmbito.RefDate

	for _, hours := range []float64{36, 38} {
		cfg := model.DefaultConfig()
		cfg.AWT.FullTimeHours = hours
		m, base := modelBaseline(t, db, at, cfg)
		res, err := RunScenarios(base, DefaultScenarios(base, cfg), cfg)
		if err != nil {
			t.Fatal(err)
		}
		b, lep, goal := res[0].Ambito, res[1].Ambito, res[2].Ambito
		a := m.Ambito
		t.Logf("%v h: FTE %.4f (permanent %.4f), missing to 1:5.000 %.4f, to 1:4.000 %.4f, WISN %.4f; hires %.2f and %.2f FTE",
			hours, b.SocialWorkerFTE, b.PermanentSocialWorkerFTE, b.FTEMissingLEP, b.FTEMissingTarget, *b.WISNRatio,
			lep.PermanentSocialWorkerFTE-b.PermanentSocialWorkerFTE, goal.PermanentSocialWorkerFTE-b.PermanentSocialWorkerFTE)
		approx(t, "FTE", b.SocialWorkerFTE, a.SocialWorkerFTE, 1e-9)
		approx(t, "permanent FTE", b.PermanentSocialWorkerFTE, a.PermanentSocialWorkerFTE, 1e-9)
		approx(t, "missing to 1:5.000", b.FTEMissingLEP, a.FTEMissingLEP, 1e-9)
		approx(t, "missing to 1:4.000", b.FTEMissingTarget, a.FTEMissingTarget, 1e-9)
		approx(t, "contribution", b.ContributionEUR, a.ContributionEUR, 1e-6)
		if b.Residents != a.Residents {
			t.Errorf("residents %d, the model's %d", b.Residents, a.Residents)
		}
		var wisn *float64
		for _, c := range m.Staffing.WISN.Categories {
			if c.Category == string(carico.RoleSocialWorker) {
				wisn = c.Ratio
				approx(t, "WISN required FTE", b.WISNRequiredFTE, c.RequiredFTE, 1e-9)
			}
		}
		if wisn == nil || b.WISNRatio == nil {
			t.Fatalf("WISN ratio: model %v, baseline %v", wisn, b.WISNRatio)
		}
		approx(t, "social workers' WISN ratio", *b.WISNRatio, *wisn, 1e-12)
		for i, c := range res[0].Comuni {
			mc := m.Comuni[i]
			if c.ISTAT != mc.ISTAT || c.Residents != mc.Residents {
				t.Fatalf("comune %s/%s residents %d/%d", c.ISTAT, mc.ISTAT, c.Residents, mc.Residents)
			}
			approx(t, c.Name+" FTE", c.SocialWorkerFTE, mc.SocialWorkerFTE, 1e-9)
			approx(t, c.Name+" missing to 1:5.000", c.FTEMissingLEP, mc.FTEMissingLEP, 1e-9)
		}
		if b.FTEMissingLEP == 0 {
			t.Fatal("the sample Ambito is below 1:5.000: the hires scenario needs something to hire")
		}
		if *lep.ResidentsPerPermanentSocialWorker > 5000 || lep.FTEMissingLEP != 0 || lep.PermanentSocialWorkerFTE-b.PermanentSocialWorkerFTE > b.FTEMissingLEP+0.01+1e-9 {
			t.Errorf("1:5.000 scenario: 1:%.1f, %.4f missing, %.4f permanent FTE", *lep.ResidentsPerPermanentSocialWorker, lep.FTEMissingLEP, lep.PermanentSocialWorkerFTE)
		}
		if *goal.ResidentsPerPermanentSocialWorker > 4000 || goal.FTEMissingTarget != 0 || goal.FTEMissingLEP != 0 {
			t.Errorf("1:4.000 scenario: 1:%.1f, %.4f missing", *goal.ResidentsPerPermanentSocialWorker, goal.FTEMissingTarget)
		}
	}

	// The sample's cartelle reach back to 2011 (those still open in 2023),
	// but the export covers 2023–2025: the history starts with the first
	// closure.
	for _, measure := range []Measure{NewCases, OpenCases} {
		h, err := HistoryWindow(ctx, db.DB, measure)
		if err != nil {
			t.Fatal(err)
		}
		if !h.First.Equal(time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)) || !h.Last.Equal(time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: history %s", measure, h.Source)
		}
	}
}
