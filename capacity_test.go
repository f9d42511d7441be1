package carico

import (
	"testing"
	"time"
)

// TestReductionProblems: the rules of an entry of the capacity register,
// field by field, on hand-built reductions.
func TestReductionProblems(t *testing.T) {
	t.Parallel()
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	ok := Reduction{From: day("2025-01-01"), To: day("2025-12-31"), Percent: 20, Reason: ReasonCoordination}
	with := func(change func(*Reduction)) Reduction { r := ok; change(&r); return r }
	for _, tc := range []struct {
		name  string
		r     Reduction
		field string // "" = valid
	}{
		{"valid", ok, ""},
		{"open-ended", with(func(r *Reduction) { r.To = time.Time{} }), ""},
		{"one day", with(func(r *Reduction) { r.To = r.From }), ""},
		{"hours", with(func(r *Reduction) { r.Percent, r.HoursPerWeek = 0, 60 }), ""},
		{"100 %", with(func(r *Reduction) { r.Percent = 100 }), ""},
		{"no start", with(func(r *Reduction) { r.From = time.Time{} }), "from"},
		{"end before start", with(func(r *Reduction) { r.To = day("2024-12-31") }), "to"},
		{"over 100 %", with(func(r *Reduction) { r.Percent = 100.5 }), "percent"},
		{"negative", with(func(r *Reduction) { r.Percent = -5 }), "percent"},
		{"neither", with(func(r *Reduction) { r.Percent = 0 }), "percent"},
		{"both", with(func(r *Reduction) { r.HoursPerWeek = 6 }), "hours_per_week"},
		{"over 60 hours", with(func(r *Reduction) { r.Percent, r.HoursPerWeek = 0, 61 }), "hours_per_week"},
		{"unknown reason", with(func(r *Reduction) { r.Reason = "ferie" }), "reason"},
	} {
		ps := tc.r.Problems()
		switch {
		case tc.field == "" && len(ps) > 0:
			t.Errorf("%s: refused: %+v", tc.name, ps)
		case tc.field != "" && (len(ps) != 1 || ps[0].Field != tc.field || ps[0].Reason == ""):
			t.Errorf("%s: problems %+v, want one on %s", tc.name, ps, tc.field)
		}
	}
}
