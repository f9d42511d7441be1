package model

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/carico/carico"
)

// scaled is the default weights times f.
func scaled(f float64) map[carico.Area][3]float64 {
	out := map[carico.Area][3]float64{}
	for a, w := range DefaultConfig().Caseload.Weights {
		out[a] = [3]float64{w[0] * f, w[1] * f, w[2] * f}
	}
	return out
}

// TestWeightSensitivity checks that the standard set reproduces the
// headline figures and that another set weighs the same open cartelle with
// its own weights: at 30/06 as1 holds c2 (anziani bassa, 5 h) — c1 was
// closed that day — so half the weights give 2,5 h.
func TestWeightSensitivity(t *testing.T) {
	db := openFixture(t)
	m, err := Compute(context.Background(), db, Params{From: day("2025-01-01"), To: day("2025-06-30"), At: day("2025-06-30"),
		WeightSets: []WeightSet{{Name: SetObserved, Label: "Pesi osservati", Weights: scaled(0.5)}}})
	if err != nil {
		t.Fatal(err)
	}
	ws := m.Weights
	if ws.InUse != SetStandard || len(ws.Sets) != 2 || !ws.Sets[0].InUse || ws.Sets[1].InUse {
		t.Fatalf("sets %+v, in use %q; want standard in use, then osservati", ws.Sets, ws.InUse)
	}
	std, half := ws.Sets[0], ws.Sets[1]
	near(t, "standard required FTE", std.RequiredFTE, m.Staffing.WeightedCaseload.RequiredFTE, 1e-9)
	wc := m.Staffing.WeightedCaseload
	near(t, "half required FTE", half.RequiredFTE, wc.RequiredFTE/2, 1e-9)
	// WISN under each set: the standard set's is the headline's, and half
	// the weights halve the staff for the case work of the cartelle.
	near(t, "standard WISN", std.WISN.RequiredFTE, m.Staffing.WISN.RequiredFTE, 1e-12)
	caseStaff := func(w WISNStaffing) float64 {
		var s float64
		for _, c := range w.Categories {
			for _, a := range c.Main {
				if strings.HasPrefix(a.Name, "Lavoro sul caso: ") {
					s += a.Staff
				}
			}
		}
		return s
	}
	if caseStaff(std.WISN) == 0 {
		t.Fatal("no case work in the standard WISN: the test proves nothing")
	}
	near(t, "case work staff under half weights", caseStaff(half.WISN), caseStaff(std.WISN)/2, 1e-9)
	for i, o := range m.Operators {
		if std.Operators[i].ID != o.ID || std.Operators[i].WeightedCaseload != o.WeightedCaseload || std.Operators[i].Status != checkStatus(o.Checks, "load") {
			t.Errorf("%s: standard set %+v, metrics %v / %v", o.ID, std.Operators[i], o.WeightedCaseload, o.Checks)
		}
	}
	as1 := operator(t, m, "as1")
	for i, l := range half.Operators {
		if l.ID == "as1" {
			near(t, "as1 under half weights", l.WeightedCaseload, 2.5, 1e-9)
			near(t, "as1 load under half weights", *l.Load, *as1.Load/2, 1e-9)
			if got := ws.Operators[i].Cells; len(got) != 1 || got[0].Area != carico.AreaElderly || got[0].Complexity != 1 || got[0].OpenCases != 1 {
				t.Errorf("as1 cells %+v", got)
			}
		}
	}
	// Three operators in service hold cartelle at 30/06 (as1, as2, as3);
	// ed1 is in service with none and is not counted.
	if n := std.Statuses[StatusOK] + std.Statuses[StatusWarning] + std.Statuses[StatusCritical]; n != 3 {
		t.Errorf("statuses %v: %d operators, want 3", std.Statuses, n)
	}

	cfg := DefaultConfig()
	cfg.Caseload.Weights = scaled(2)
	m, err = Compute(context.Background(), db, Params{From: day("2025-01-01"), To: day("2025-06-30"), At: day("2025-06-30"), Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if m.Weights.InUse != SetConfigured || len(m.Weights.Sets) != 2 || !m.Weights.Sets[1].InUse {
		t.Errorf("custom config: in use %q, %d sets; want configurati, 2", m.Weights.InUse, len(m.Weights.Sets))
	}
	// The staffing row says which weights it used: not «standard» when
	// the configuration gives others.
	staffing := m.Staffing.WeightedCaseload
	if staffing.WeightsLabel != "Pesi del file di configurazione" || !strings.Contains(staffing.Rule, "con i pesi del file di configurazione") || strings.Contains(staffing.Rule, "standard") {
		t.Errorf("custom config: staffing weights %q, rule %q", staffing.WeightsLabel, staffing.Rule)
	}
	if staffing.RequiredFTE != m.Weights.Sets[1].RequiredFTE {
		t.Errorf("custom config: staffing needs %v FTE, the configured set %v", staffing.RequiredFTE, m.Weights.Sets[1].RequiredFTE)
	}
}

func checkStatus(cs []Check, measure string) Status {
	for _, c := range cs {
		if c.Measure == measure {
			return c.Status
		}
	}
	return ""
}

// TestAddWeightSets checks that sets added to computed metrics give what
// the same sets give when passed to Compute: the model need not run twice.
func TestAddWeightSets(t *testing.T) {
	db := openFixture(t)
	p := Params{From: day("2025-01-01"), To: day("2025-06-30"), At: day("2025-06-30")}
	sets := []WeightSet{{Name: SetObserved, Label: "Pesi osservati", Weights: scaled(0.5)}, {Name: SetPanel, Label: "Pesi del pannello", Weights: scaled(1.5)}}
	m, err := Compute(context.Background(), db, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Weights.Sets) != 1 {
		t.Fatalf("%d sets before adding, want 1", len(m.Weights.Sets))
	}
	if err := m.AddWeightSets(sets[0]); err != nil {
		t.Fatal(err)
	}
	if err := m.AddWeightSets(sets[1]); err != nil {
		t.Fatal(err)
	}
	p.WeightSets = sets
	want, err := Compute(context.Background(), db, p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m.Weights, want.Weights) {
		t.Errorf("added sets\n%+v\nwant\n%+v", m.Weights.Sets, want.Weights.Sets)
	}
	if err := (&Metrics{}).AddWeightSets(sets...); err != ErrNoBasis {
		t.Errorf("metrics without basis: %v, want ErrNoBasis", err)
	}
}
