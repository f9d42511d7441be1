package model

import (
	"context"
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
	near(t, "half required FTE", half.RequiredFTE-wc.AllowanceFTE, (wc.RequiredFTE-wc.AllowanceFTE)/2, 1e-9)
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
}

func checkStatus(cs []Check, measure string) Status {
	for _, c := range cs {
		if c.Measure == measure {
			return c.Status
		}
	}
	return ""
}
