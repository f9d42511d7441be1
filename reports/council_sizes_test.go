package reports_test

import (
	"context"
	"testing"

	"github.com/carico/carico/evidence"
	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/reports"
	sampledata "github.com/carico/carico/sample-data"
)

// TestCouncilThreeSizes audits the council's document — the one the
// workbook and the page are written from — of three generated Ambiti: 6
// comuni and 7 social workers, the sample (11 comuni, 30 operators), and
// the large one (30 comuni, 73 operators). Read again as an attacker
// would, it shows no sensitive figure in clear and no hidden sensitive
// figure that the rest narrows below its protection interval (0 to 3 for
// a small count).
func TestCouncilThreeSizes(t *testing.T) {
	if testing.Short() {
		t.Skip("imports three Ambiti")
	}
	sample := sampledata.Generate(sampledata.DefaultSeed)
	for _, c := range []struct {
		name string
		a    *sampledata.Ambito
	}{
		{"6 comuni", sample.Subset("Ambito di prova", "016194", "016117", "016066", "016003", "016139", "016160")},
		{"campione", sample},
		{"30 comuni", sampledata.Large(sampledata.DefaultSeed)},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			db := sampledb.Load(t, c.a)
			ev, err := evidence.Build(ctx, db, evidence.Params{})
			if err != nil {
				t.Fatal(err)
			}
			findings, exposed, err := reports.CouncilFindings(ev.Metrics, reports.Options{Analysis: ev.Analysis, Plan: ev.Plan})
			if err != nil {
				t.Fatal(err)
			}
			if len(findings) == 0 {
				t.Error("no sensitive cell: the audit had nothing to check")
			}
			for _, id := range exposed {
				t.Errorf("%s: sensitive, printed in clear", id)
			}
			for _, f := range findings {
				if !f.Safe {
					t.Errorf("%s: a reader narrows it to [%g, %g], the rules need [%g, %g]", f.ID, f.Lo, f.Hi, f.Need[0], f.Need[1])
				}
			}
			t.Logf("%d comuni, %d operators: %d sensitive cells audited, all safe", len(c.a.Comuni), len(c.a.Operators), len(findings))
		})
	}
}
