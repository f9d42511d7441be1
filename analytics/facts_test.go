package analytics

import (
	"testing"
	"time"

	"github.com/carico/carico/facts"
	"github.com/carico/carico/model"
)

// TestFromFactsHandBuilt builds an analysis from hand-built facts, with no
// database: the flow totals add up from the months, the closure classes
// count the days given, the labels name the keys, and an audit rule's
// share is its count over its base.
func TestFromFactsHandBuilt(t *testing.T) {
	t.Parallel()
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	p := Params{From: day("2025-01-01"), To: day("2025-02-28"), At: day("2025-02-28"), Config: DefaultConfig(),
		Workload: &model.Metrics{}}
	f := &facts.Analytics{
		Flows: []facts.FlowRow{
			{Dim: "", Month: "2025-01", Opened: 3, Closed: 1, OpenEnd: 12},
			{Dim: "", Month: "2025-02", Opened: 2, Closed: 4, OpenEnd: 10},
			{Dim: "comune", Key: "001", Month: "2025-01", Opened: 3, Closed: 1, OpenEnd: 12},
			{Dim: "operator", Key: "", Month: "2025-01", Opened: 1},
		},
		OpenStart:      10,
		ClosedByReason: map[string]int{"obiettivi_raggiunti": 5},
		ClosureTimes:   []facts.ClosureRow{{Overall: true, Closed: 5}, {Area: "anziani", Closed: 5}},
		ClosureDays:    []facts.ClosureDays{{Area: "anziani", Days: 30, N: 2}, {Area: "anziani", Days: 31, N: 1}, {Area: "anziani", Days: 800, N: 2}},
		Opened:         5, Reopened: 1,
		Names: map[string]map[string]string{"comune": {"001": "Uno"}, "operator": {}},
		Audit: []facts.AuditCount{{Rule: "dormant", Count: 2, Denominator: 8, Findings: []facts.Finding{{CaseID: "c1"}}}},
	}
	a := FromFacts(f, p)
	if got := a.FlowTotals; got.OpenStart+got.Opened-got.Closed != got.OpenEnd || got.OpenEnd != 10 {
		t.Errorf("flow totals %+v do not add up to 10", got)
	}
	if len(a.FlowsByComune) != 1 || a.FlowsByComune[0].Label != "Uno" {
		t.Errorf("flows by comune = %+v", a.FlowsByComune)
	}
	if len(a.FlowsByOperator) != 1 || a.FlowsByOperator[0].Label != "Nessun operatore" {
		t.Errorf("flows by operator = %+v", a.FlowsByOperator)
	}
	want := []int{2, 1, 0, 0, 0, 2} // ≤30, 31–90, …, > 2 years
	for i, b := range a.TimeToClose.All.Buckets {
		if b.Count != want[i] || a.TimeToClose.ByArea[0].Buckets[i].Count != want[i] {
			t.Errorf("class %s: %d (area %d), want %d", b.Label, b.Count, a.TimeToClose.ByArea[0].Buckets[i].Count, want[i])
		}
	}
	if r := a.Reopenings; r.Share == nil || *r.Share != 0.2 {
		t.Errorf("reopenings %+v, want share 0,2", r)
	}
	if a.ClosedByReason["obiettivi_raggiunti"] != 5 {
		t.Errorf("closed by reason = %v", a.ClosedByReason)
	}
	r := a.Audit[0]
	if r.Rule != "dormant" || r.Share == nil || *r.Share != 0.25 || !r.FindingsTruncated || len(r.Findings) != 1 {
		t.Errorf("dormant rule = %+v", r)
	}
	if a.Audit[1].Count != 0 || a.Audit[1].Share != nil {
		t.Errorf("a rule with no facts counts nothing: %+v", a.Audit[1])
	}
}
