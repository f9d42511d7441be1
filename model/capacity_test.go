package model_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/model"
)

func date(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }

// TestCapacityFactor weighs reductions by the working days they cover in
// 2025, whose 251 working days (Monday to Friday less the national
// holidays falling on them, no patron) split 123 in January–June and
// 128 in July–December.
func TestCapacityFactor(t *testing.T) {
	t.Parallel()
	hol := model.HolidaysOf(2025, 0, 0, model.DefaultConfig().AWT)
	red := func(from, to string, pct, hours float64) carico.Reduction {
		r := carico.Reduction{From: date(from), Percent: pct, HoursPerWeek: hours, Reason: carico.ReasonOther}
		if to != "" {
			r.To = date(to)
		}
		return r
	}
	for _, tc := range []struct {
		name string
		rs   []carico.Reduction
		want float64
	}{
		{"none", nil, 1},
		{"20 % all year", []carico.Reduction{red("2025-01-01", "2025-12-31", 20, 0)}, 0.8},
		{"20 % over more than the year", []carico.Reduction{red("2024-06-01", "2026-06-30", 20, 0)}, 0.8},
		{"7,2 h of 36 per week", []carico.Reduction{red("2025-01-01", "2025-12-31", 0, 7.2)}, 0.8},
		{"50 % for the first half", []carico.Reduction{red("2025-01-01", "2025-06-30", 50, 0)}, 1 - 0.5*123.0/251},
		{"open-ended from July", []carico.Reduction{red("2025-07-01", "", 100, 0)}, 1 - 128.0/251},
		{"two periods", []carico.Reduction{red("2025-01-01", "2025-06-30", 100, 0), red("2025-07-01", "2025-12-31", 100, 0)}, 0},
		{"another year", []carico.Reduction{red("2024-01-01", "2024-12-31", 50, 0)}, 1},
	} {
		if got := model.CapacityFactor(tc.rs, 36, 2025, hol); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s: factor = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestMeasureCapacity: a 20 % all-year reduction lowers the worker's hours
// for case work by exactly 20 % and raises her load by exactly 1/0,8, in
// her metrics, in the figures every weight set and allocate read, and in
// the staff time WISN counts; the other worker is untouched.
func TestMeasureCapacity(t *testing.T) {
	t.Parallel()
	w, p := handBuilt()
	before, err := model.Measure(w, p)
	if err != nil {
		t.Fatal(err)
	}
	w, p = handBuilt()
	w.Reductions = []carico.Reduction{{OperatorID: "as1", From: date("2025-01-01"), To: date("2025-12-31"), Percent: 20, Reason: carico.ReasonCoordination}}
	after, err := model.Measure(w, p)
	if err != nil {
		t.Fatal(err)
	}
	op := func(m *model.Metrics, id string) (model.OperatorMetrics, model.OperatorWeighting) {
		for i, o := range m.Operators {
			if o.ID == id {
				return o, m.Weights.Operators[i]
			}
		}
		t.Fatalf("no operator %s", id)
		return model.OperatorMetrics{}, model.OperatorWeighting{}
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b)) }
	b1, bw1 := op(before, "as1")
	a1, aw1 := op(after, "as1")
	if b1.Capacity == nil || a1.Capacity == nil {
		t.Fatal("no capacity for an operator in service")
	}
	if b1.Capacity.Factor != 1 || a1.Capacity.Factor != 0.8 {
		t.Errorf("factor before %v, after %v; want 1 and 0,8", b1.Capacity.Factor, a1.Capacity.Factor)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"case hours", a1.Capacity.CaseHours, 0.8 * b1.Capacity.CaseHours},
		{"case hours of the weight sets (allocate)", *aw1.CaseHours, 0.8 * *bw1.CaseHours},
		{"load", *a1.Load, *b1.Load / 0.8},
		{"load check", *a1.Check("load").Value, *b1.Check("load").Value / 0.8},
		{"load in use of the weight sets", *after.Weights.Sets[0].Operators[0].Load, *before.Weights.Sets[0].Operators[0].Load / 0.8},
		{"WISN actual FTE", after.Staffing.WISN.ActualFTE, before.Staffing.WISN.ActualFTE - 0.2},
	} {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if b2, _ := op(before, "as2"); !near(*b2.Load, *func() *float64 { a2, _ := op(after, "as2"); return a2.Load }()) {
		t.Error("the reduction of as1 changed the load of as2")
	}
	if len(a1.Capacity.Reductions) != 1 {
		t.Fatalf("reductions = %+v", a1.Capacity.Reductions)
	}
	if got, want := a1.Capacity.Reductions[0].Sentence(), "riduzione del 20 % per coordinamento dal 01/01/2025 al 31/12/2025"; got != want {
		t.Errorf("sentence = %q, want %q", got, want)
	}
	if r := a1.Check("load").Rule; !strings.Contains(r, "ridotte all'80 % dal registro delle riduzioni di capacità") {
		t.Errorf("load rule does not say the reduction: %s", r)
	}
}

// TestFirstYear: a social worker in her first year of service carries the
// configured share of a caseload from her start in the roster to the day
// before the anniversary, unless the register already lists her first
// year; other roles, unknown starts and a share of 1 get nothing.
func TestFirstYear(t *testing.T) {
	t.Parallel()
	as := carico.Operator{ID: "as", Role: carico.RoleSocialWorker, Start: date("2025-03-03")}
	edu := carico.Operator{ID: "edu", Role: carico.RoleEducator, Start: date("2025-03-03")}
	listed := []carico.Reduction{{OperatorID: "as", From: date("2025-03-03"), Percent: 30, Reason: carico.ReasonFirstYear}}
	coord := []carico.Reduction{{OperatorID: "as", From: date("2025-01-01"), Percent: 10, Reason: carico.ReasonCoordination}}
	for _, tc := range []struct {
		name     string
		o        carico.Operator
		register []carico.Reduction
		share    float64
		ok       bool
		percent  float64
		to       string
	}{
		{"newly qualified at 80 %", as, nil, 0.8, true, 20, "2026-03-02"},
		{"beside another reason", as, coord, 0.8, true, 20, "2026-03-02"},
		{"at 75 %", as, nil, 0.75, true, 25, "2026-03-02"},
		{"the register lists her first year", as, listed, 0.8, false, 0, ""},
		{"share 1 turns it off", as, nil, 1, false, 0, ""},
		{"not a social worker", edu, nil, 0.8, false, 0, ""},
		{"no start date", carico.Operator{ID: "x", Role: carico.RoleSocialWorker}, nil, 0.8, false, 0, ""},
	} {
		r, ok := model.FirstYear(tc.o, tc.register, tc.share)
		if ok != tc.ok {
			t.Errorf("%s: ok = %v, want %v", tc.name, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		if math.Abs(r.Percent-tc.percent) > 1e-9 || !r.From.Equal(tc.o.Start) || !r.To.Equal(date(tc.to)) || r.Reason != carico.ReasonFirstYear {
			t.Errorf("%s: reduction = %+v, want %v %% from %v to %s", tc.name, r, tc.percent, tc.o.Start, tc.to)
		}
	}
}

// TestMeasureFirstYear: a social worker who started on 1 January of the
// reference year carries exactly 80 % of a caseload all year (load × 1/0,8),
// the statement's sentence says it comes from the configuration, and a
// «primo anno» entry in the register replaces the default.
func TestMeasureFirstYear(t *testing.T) {
	t.Parallel()
	w, p := handBuilt()
	before, err := model.Measure(w, p)
	if err != nil {
		t.Fatal(err)
	}
	start := func(w *facts.Workload) {
		for i := range w.Operators {
			if w.Operators[i].ID == "as1" {
				w.Operators[i].Start = date("2025-01-01")
			}
		}
	}
	w, p = handBuilt()
	start(w)
	after, err := model.Measure(w, p)
	if err != nil {
		t.Fatal(err)
	}
	w, p = handBuilt()
	start(w)
	w.Reductions = []carico.Reduction{{OperatorID: "as1", From: date("2025-01-01"), To: date("2025-12-31"), Percent: 50, Reason: carico.ReasonFirstYear}}
	listed, err := model.Measure(w, p)
	if err != nil {
		t.Fatal(err)
	}
	op := func(m *model.Metrics) model.OperatorMetrics {
		for _, o := range m.Operators {
			if o.ID == "as1" {
				return o
			}
		}
		t.Fatal("no operator as1")
		return model.OperatorMetrics{}
	}
	b, a, l := op(before), op(after), op(listed)
	if math.Abs(a.Capacity.Factor-0.8) > 1e-12 || math.Abs(*a.Load-*b.Load/0.8) > 1e-9 {
		t.Errorf("first year: factor %v, load %v; want 0,8 and %v", a.Capacity.Factor, *a.Load, *b.Load/0.8)
	}
	if len(a.Capacity.Reductions) != 1 || !a.Capacity.Reductions[0].Assumed {
		t.Fatalf("reductions = %+v, want the assumed first year", a.Capacity.Reductions)
	}
	if s := a.Capacity.Reductions[0].Sentence(); !strings.HasPrefix(s, "riduzione del 20 % per primo anno di servizio dal 01/01/2025 al 31/12/2025 (non dal registro") {
		t.Errorf("sentence = %q", s)
	}
	if math.Abs(l.Capacity.Factor-0.5) > 1e-12 || len(l.Capacity.Reductions) != 1 || l.Capacity.Reductions[0].Assumed {
		t.Errorf("register's first year: factor %v, reductions %+v; want 0,5 from the register only", l.Capacity.Factor, l.Capacity.Reductions)
	}
}
