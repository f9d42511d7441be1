package model_test

import (
	"math"
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/model"
)

// handBuilt is a small Ambito as facts, with no database: two social
// workers (one full-time and permanent, one half-time on a fixed term) in
// one comune, and one administrative worker who holds no cartella.
func handBuilt() (*facts.Workload, model.Params) {
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	at := day("2025-12-31")
	op := func(id, role string, hours float64, contract carico.Contract) facts.Operator {
		return facts.Operator{Operator: carico.Operator{ID: id, Name: id, Role: carico.Role(role), WeeklyHours: hours, Contract: contract}, InService: true}
	}
	w := &facts.Workload{
		Operators: []facts.Operator{
			op("as1", "assistente_sociale", 36, carico.ContractPermanent),
			op("as2", "assistente_sociale", 18, carico.ContractFixedTerm),
			op("amm", "amministrativo", 36, carico.ContractPermanent),
		},
		Allocations: []facts.Allocation{{Operator: "as1", ISTAT: "001", Share: 1}, {Operator: "as2", ISTAT: "001", Share: 1}},
		Comuni:      []facts.Comune{{Comune: carico.Comune{ISTAT: "001", Name: "Uno"}, Residents: 9000, ResidentsYear: 2025}},
		Open: []facts.OpenCount{
			{Day: at, Operator: "as1", ISTAT: "001", Area: carico.Area("famiglia_minori"), Complexity: 3, N: 10},
			{Day: at, Operator: "as2", ISTAT: "001", Area: carico.Area("anziani"), Complexity: 1, N: 4},
			{Day: at, Operator: "", ISTAT: "001", Area: carico.Area("anziani"), Complexity: 0, N: 1},
		},
		Time: []facts.TimeCell{
			{Key: "as1", Month: "2025-06", Kind: carico.Kind("case"), Minutes: 600, Entries: 5},
			{Key: "as1", Month: "2025-06", Kind: carico.Kind("community"), Minutes: 120, Entries: 1},
			{ByComune: true, Key: "001", Month: "2025-06", Kind: carico.Kind("case"), Minutes: 600, Entries: 5},
		},
		Batches: []facts.Batch{{ID: 1, File: "diario.csv", Rejected: 3}},
		Rejected: []facts.Rejected{
			{BatchID: 1, File: "diario.csv", Reason: "data non valida", N: 2},
			{BatchID: 1, File: "diario.csv", Reason: "minuti mancanti", N: 1},
		},
	}
	return w, model.Params{From: day("2025-01-01"), To: at, At: at}
}

// TestMeasureHandBuiltFacts measures hand-built facts: the caseload, the
// weighted caseload (standard weights: famiglia e minori alta 40 h,
// anziani bassa 5 h, an unknown complexity counted as media 10 h), the
// time split, the FTE of the comune (all and permanent) and the rejected
// rows, each a figure worked out by hand.
func TestMeasureHandBuiltFacts(t *testing.T) {
	t.Parallel()
	w, p := handBuilt()
	m, err := model.Measure(w, p)
	if err != nil {
		t.Fatal(err)
	}
	ops := map[string]model.OperatorMetrics{}
	for _, o := range m.Operators {
		ops[o.ID] = o
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"as1 open", float64(ops["as1"].OpenCases), 10},
		{"as1 weighted caseload", ops["as1"].WeightedCaseload, 10 * 40},
		{"as2 weighted caseload", ops["as2"].WeightedCaseload, 4 * 5},
		{"as2 FTE", ops["as2"].FTE, 0.5},
		{"as1 documented hours", ops["as1"].DocumentedHours, 12},
		{"as1 case minutes", float64(ops["as1"].Minutes[carico.Kind("case")]), 600},
		{"comune social-worker FTE", m.Comuni[0].SocialWorkerFTE, 1.5},
		{"comune permanent FTE", m.Comuni[0].PermanentSocialWorkerFTE, 1},
		{"comune open cartelle", float64(m.Comuni[0].OpenCases), 15},
		{"rejected rows", float64(m.Quality.Rejected[0].Rejected), 3},
	} {
		if !near(tc.got, tc.want) {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if len(m.Sources) != 1 || m.Sources[0].File != "diario.csv" {
		t.Errorf("sources = %+v", m.Sources)
	}
}

// TestMeasureNeedsAPeriod: facts measured without a period are refused in
// Italian, not measured over a zero year.
func TestMeasureNeedsAPeriod(t *testing.T) {
	t.Parallel()
	w, _ := handBuilt()
	if _, err := model.Measure(w, model.Params{}); err == nil {
		t.Fatal("measured facts with no period")
	}
}

// TestMeasureEmptyFacts: no facts give no operators, and empty lists (not
// null) for the sources and the rejected rows of the JSON.
func TestMeasureEmptyFacts(t *testing.T) {
	t.Parallel()
	_, p := handBuilt()
	m, err := model.Measure(&facts.Workload{}, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Operators) != 0 || m.Sources == nil || m.Quality.Rejected == nil {
		t.Errorf("empty facts: %d operators, sources %v, rejected %v", len(m.Operators), m.Sources, m.Quality.Rejected)
	}
}

// TestSocialWorkerFTE: the LEPS count takes social workers only, every
// contract in All and the permanent ones in Permanent.
func TestSocialWorkerFTE(t *testing.T) {
	t.Parallel()
	var s model.SocialWorkerFTE
	for _, tc := range []struct {
		role     carico.Role
		contract carico.Contract
		fte      float64
	}{
		{carico.RoleSocialWorker, carico.ContractPermanent, 1},
		{carico.RoleSocialWorker, carico.ContractFixedTerm, 0.5},
		{carico.Role("educatore"), carico.ContractPermanent, 1},
		{carico.RoleSocialWorker, carico.ContractPermanent, 0.25},
	} {
		s.Add(tc.role, tc.contract, tc.fte)
	}
	if s.All != 1.75 || s.Permanent != 1.25 {
		t.Errorf("all %v, permanent %v; want 1,75 and 1,25", s.All, s.Permanent)
	}
}
