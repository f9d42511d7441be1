package model_test

import (
	"slices"
	"testing"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/model"
)

// TestProtectedTime plants, over 2025, a social worker without
// supervision, one below her community target, one whose authorised
// community share (an override) she does not reach, and one with a
// capacity reduction whose diario is all case work; each gap flags
// exactly the workers planted (precision and recall 1), and the team
// counts them.
func TestProtectedTime(t *testing.T) {
	t.Parallel()
	w, p := handBuilt()
	sw := func(id string) facts.Operator {
		return facts.Operator{Operator: carico.Operator{ID: id, Name: id, Role: carico.RoleSocialWorker, WeeklyHours: 36, Contract: carico.ContractPermanent}, InService: true}
	}
	w.Operators = append(w.Operators, sw("as3"), sw("as4"), sw("as5"))
	cell := func(id string, k carico.Kind, hours int64) facts.TimeCell {
		return facts.TimeCell{Key: id, Month: "2025-06", Kind: k, Minutes: hours * 60, Entries: 1}
	}
	// minutes: case, community, supervision (hours in the year)
	plan := map[string][3]int64{
		"as1": {600, 150, 20}, // fine, but a reduction not reflected: 600/770 case > 70 %
		"as2": {600, 150, 0},  // no supervision
		"as3": {600, 50, 20},  // community 50/670 < 10 %
		"as4": {500, 150, 16}, // community 150/666 < her authorised 30 %
		"as5": {500, 150, 20}, // fine
	}
	w.Time = nil
	for id, h := range plan {
		w.Time = append(w.Time, cell(id, carico.KindCase, h[0]), cell(id, carico.KindCommunity, h[1]))
		if h[2] > 0 {
			w.Time = append(w.Time, cell(id, carico.KindSupervision, h[2]))
		}
	}
	w.Reductions = []carico.Reduction{{OperatorID: "as1", From: date("2025-01-01"), To: date("2025-12-31"), Percent: 20, Reason: carico.ReasonCoordination}}
	p.Config = model.DefaultConfig()
	p.Config.Protected.CommunityShare = map[string]float64{"as4": 0.30}
	// The period is the calendar year 2025, 365 days ÷ 365,25: the target
	// is 16 h × that, just below 16 h, which as4's 16 h meet.
	m, err := model.Measure(w, p)
	if err != nil {
		t.Fatal(err)
	}
	flagged := map[string][]string{}
	for _, o := range m.Operators {
		pt := o.ProtectedTime
		if pt == nil {
			if o.Role == carico.RoleSocialWorker {
				t.Errorf("%s: no protected time", o.ID)
			}
			continue
		}
		for name, gap := range map[string]bool{"supervision": pt.SupervisionGap, "community": pt.CommunityGap, "reduction": pt.ReductionNotReflected} {
			if gap {
				flagged[name] = append(flagged[name], o.ID)
			}
		}
	}
	for name, want := range map[string][]string{"supervision": {"as2"}, "community": {"as3", "as4"}, "reduction": {"as1"}} {
		got := flagged[name]
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s gap flags %v, want %v", name, got, want)
		}
	}
	team := m.ProtectedTime
	if team.SocialWorkers != 5 || team.BelowSupervision != 1 || team.BelowCommunity != 2 || team.ReductionNotReflected != 1 {
		t.Errorf("team = %+v", team)
	}
	if team.SupervisionHours != 20+20+16+20 {
		t.Errorf("team supervision hours = %v, want 76", team.SupervisionHours)
	}
}
