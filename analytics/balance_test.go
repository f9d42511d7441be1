package analytics

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carico/carico"
	"github.com/carico/carico/model"
)

func operator(id, name string, role carico.Role, fte float64, perFTE *float64, community, total int64) model.OperatorMetrics {
	o := model.OperatorMetrics{ID: id, Name: name, Role: role, FTE: fte, InService: fte > 0}
	o.WeightedCaseloadPerFTE = perFTE
	o.Minutes = model.Minutes{carico.KindCommunity: community, carico.KindCase: total - community}
	return o
}

// balanceWorkload: four social workers with weighted caseload per FTE 100,
// 100, 200, 400 and community shares 0.10, 0.05, 0, 0.20; one educator; one
// social worker no longer in service, who documented time in the period
// before leaving; a clerk, who holds no cartelle and
// does no community work.
func balanceWorkload() *model.Metrics {
	return &model.Metrics{Period: model.Period{From: model.DateOf(from2025), To: model.DateOf(to2025), At: model.DateOf(to2025)},
		Operators: []model.OperatorMetrics{
			operator("a", "Rossi Maria", carico.RoleSocialWorker, 1, ptr(100), 60, 600),
			operator("b", "Bianchi Luca", carico.RoleSocialWorker, 0.5, ptr(100), 30, 600),
			operator("c", "Verdi Anna", carico.RoleSocialWorker, 1, ptr(200), 0, 600),
			operator("d", "Neri Carla", carico.RoleSocialWorker, 1, ptr(400), 120, 600),
			operator("e", "Gialli Pia", carico.RoleEducator, 1, ptr(50), 300, 600),
			operator("gone", "Blu Ugo", carico.RoleSocialWorker, 0, nil, 60, 300),
			operator("f", "Rosa Eva", carico.RoleClerk, 1, ptr(0), 0, 600),
		}}
}

func TestBalance(t *testing.T) {
	b := balanceOf(balanceWorkload(), 0.10)
	if len(b.Roles) != 3 || b.Roles[0].Role != carico.RoleSocialWorker {
		t.Fatalf("roles %+v", b.Roles)
	}
	// [100, 100, 200, 400]: mean 200; population sd √((100² + 100² + 0 +
	// 200²) ÷ 4) = √15000 = 122.474…, CV 0.612372; median 150, max ÷ median
	// 2.6667; Gini Σ|xi − xj| over ordered pairs = 2 × 1000 = 2000,
	// ÷ (2 × 4² × 200) = 0.3125.
	sw := b.Roles[0].WeightedCaseloadPerFTE
	checks := []struct {
		name string
		got  *float64
		want float64
	}{
		{"mean", sw.Mean, 200}, {"median", sw.Median, 150}, {"min", sw.Min, 100}, {"max", sw.Max, 400},
		{"cv", sw.CV, 0.6123724357}, {"max/median", sw.MaxOverMedian, 400.0 / 150}, {"gini", sw.Gini, 0.3125},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("caseload %s = %s, want %.6g", c.name, fmtPtr(c.got), c.want)
		}
	}
	if sw.N != 4 {
		t.Errorf("n = %d, want 4 (the operator out of service is left out)", sw.N)
	}
	// Community shares [0, 0.05, 0.10, 0.20]: median 0.075; two below the
	// 10 % target (0.10 itself is not below).
	cs := b.Roles[0].CommunityShare
	if cs.N != 4 || !near(cs.Median, 0.075) || b.Roles[0].BelowCommunityTarget != 2 {
		t.Errorf("community: n %d median %s below %d; want 4, 0.075, 2", cs.N, fmtPtr(cs.Median), b.Roles[0].BelowCommunityTarget)
	}
	var d OperatorBalance
	for _, o := range b.Operators {
		switch o.ID {
		case "d":
			d = o
		case "gone":
			t.Errorf("the operator out of service is listed: %+v", o)
		}
	}
	if !near(d.CaseloadFromMedian, 250) || !near(d.CaseloadRelative, 400.0/150-1) || !near(d.CommunityFromTarget, 0.10) || !near(d.CommunityFromMedian, 0.125) {
		t.Errorf("operator d: from median %s relative %s community gap %s from median %s",
			fmtPtr(d.CaseloadFromMedian), fmtPtr(d.CaseloadRelative), fmtPtr(d.CommunityFromTarget), fmtPtr(d.CommunityFromMedian))
	}
	if ed := b.Roles[1].WeightedCaseloadPerFTE; ed.N != 1 || !near(ed.Gini, 0) || !near(ed.CV, 0) {
		t.Errorf("one educator: %+v", ed)
	}
	// The clerk: her community share is a fact, but no target applies and a
	// caseload of zero by construction is not compared.
	clerk := b.Roles[2]
	if clerk.Role != carico.RoleClerk || clerk.BelowCommunityTarget != 0 || clerk.WeightedCaseloadPerFTE.N != 0 || clerk.CommunityShare.N != 1 {
		t.Errorf("clerk role: %+v", clerk)
	}
	for _, o := range b.Operators {
		if o.ID == "f" && (o.CommunityFromTarget != nil || o.WeightedCaseloadPerFTE != nil || o.CaseloadFromMedian != nil || !near(o.CommunityShare, 0)) {
			t.Errorf("clerk: %+v", o)
		}
	}
}

func TestDisperseUndefined(t *testing.T) {
	zero := disperse([]float64{0, 0, 0})
	if zero.CV != nil || zero.Gini != nil || zero.MaxOverMedian != nil || !near(zero.Mean, 0) {
		t.Errorf("all zero: %+v; want null cv, gini, max/median", zero)
	}
	if empty := disperse(nil); empty.N != 0 || empty.Mean != nil {
		t.Errorf("empty: %+v", empty)
	}
	// Gini of [1, 2, 3, 4, 5] = 40 ÷ (2 × 25 × 3) = 0.2667.
	if g := disperse([]float64{5, 3, 1, 2, 4}); !near(g.Gini, 40.0/150) || !near(g.Median, 3) {
		t.Errorf("1…5: gini %s median %s", fmtPtr(g.Gini), fmtPtr(g.Median))
	}
}

// TestPoliticoAudience: the politico view carries no case, activity or
// operator identifier and no operator name, while keeping counts.
func TestPoliticoAudience(t *testing.T) {
	fixture := append([]string{
		kase{id: "CASE-SECRET", opened: "2020-01-01", operator: "gone"}.sql(),
		act{id: "ACT-SECRET", day: "2025-12-25", caseID: "CASE-SECRET", minutes: 30}.sql(),
	}, flowFixture...)
	db := newDB(t, fixture...)
	a, err := Analyze(t.Context(), db, Params{At: to2025, From: from2025, To: to2025, Workload: balanceWorkload()})
	if err != nil {
		t.Fatal(err)
	}
	full, _ := json.Marshal(a)
	pol, _ := json.Marshal(a.For(Politico))
	for _, secret := range []string{"CASE-SECRET", "ACT-SECRET", "Rossi Maria", `"op1"`, `"gone"`, "f3"} {
		if !strings.Contains(string(full), secret) {
			t.Errorf("responsabile view lacks %q: the test would prove nothing", secret)
		}
		if strings.Contains(string(pol), secret) {
			t.Errorf("politico view leaks %q", secret)
		}
	}
	p := a.For(Politico)
	if p.Audience != Politico || rule(t, p, "operator_gone").Count != 1 || len(p.Balance.Roles) != 1 || p.Flows[0].Opened != 1 {
		t.Errorf("politico view lost aggregates: %+v", p)
	}
	if a.Audience != Responsabile || a.FlowsByOperator == nil {
		t.Error("For(Politico) modified the receiver")
	}
}
