package model

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
)

// WeightSet is a named set of case weights (hours per case-year by area and
// complexity 1–3) whose consequences the metrics show side by side with
// those of the weights in use.
type WeightSet struct {
	Name    string                     `json:"name"`  // standard | osservati | pannello | configurati
	Label   string                     `json:"label"` // Italian, for reports
	Weights map[carico.Area][3]float64 `json:"weights"`
	// Note says where the weights come from, in Italian.
	Note string `json:"note"`
}

// Names of the weight sets.
const (
	SetStandard   = "standard"
	SetObserved   = "osservati"
	SetPanel      = "pannello"
	SetConfigured = "configurati"
)

// WeightSensitivity is the staffing need and every operator's load under
// each weight set: how much the conclusions depend on the weights.
type WeightSensitivity struct {
	// InUse names the set every other figure of the metrics uses.
	InUse     string              `json:"in_use"`
	Sets      []WeightSetResult   `json:"sets"`
	Operators []OperatorWeighting `json:"operators"`
}

// WeightSetResult is what one weight set concludes.
type WeightSetResult struct {
	WeightSet
	InUse bool `json:"in_use"`
	// RequiredFTE is the weighted-caseload staffing need with these
	// weights (same case-years, hours per FTE and allowance as
	// staffing.weighted_caseload).
	RequiredFTE float64  `json:"required_fte"`
	ActualFTE   float64  `json:"actual_fte"`
	Ratio       *float64 `json:"ratio"`
	Assessment
	// Statuses counts the operators in service holding open cartelle by
	// load status.
	Statuses  map[Status]int `json:"statuses"`
	Operators []SetLoad      `json:"operators"`
	// WISN is the WHO WISN staffing need with the case work of the
	// cartelle timed by these weights (per case-year, as design weights
	// are, not the hours registered in the diario).
	WISN WISNStaffing `json:"wisn"`
}

// SetLoad is one operator's load under one weight set.
type SetLoad struct {
	ID               string   `json:"id"`
	WeightedCaseload float64  `json:"weighted_caseload"`
	Load             *float64 `json:"load"`
	Status           Status   `json:"status"`
	Rule             string   `json:"rule"`
}

// OperatorWeighting is what any weight set needs to weigh an operator's
// caseload: the open cartelle by area and complexity at the reference date
// and the yearly hours for case work.
type OperatorWeighting struct {
	ID   string      `json:"id"`
	Role carico.Role `json:"role"`
	// CaseHours is the yearly available hours × case_time_share × the
	// capacity factor; null when the operator is not in service at the
	// reference date.
	CaseHours *float64 `json:"case_hours"`
	// CapacityFactor is the operator's (see Capacity); 1 when not in service.
	CapacityFactor float64 `json:"capacity_factor"`
	// Capacity is the yearly available hours before the case-time share,
	// and CapacityAWT its computation day by day.
	Capacity    *float64   `json:"capacity"`
	CapacityAWT *AWT       `json:"capacity_awt"`
	Cells       []CellOpen `json:"cells"`
}

// CellOpen is a count of open cartelle of one area and complexity.
type CellOpen struct {
	Area       carico.Area `json:"area"`
	Complexity int         `json:"complexity"` // 0 = not recorded
	OpenCases  int         `json:"open_cases"`
}

// weightSets is the standard set, the extra sets and, when the weights in
// use are none of them, the configured set; and the index of the set in use.
func weightSets(inUse map[carico.Area][3]float64, extra []WeightSet) ([]WeightSet, int) {
	sets := []WeightSet{{Name: SetStandard, Label: "Pesi standard (valori di progetto)",
		Weights: DefaultConfig().Caseload.Weights, Note: "Valori di progetto di carico, con le loro fonti nel foglio «Metodo e fonti»: nessuno standard italiano fissa i pesi delle cartelle."}}
	sets = append(sets, extra...)
	for i, s := range sets {
		if maps.Equal(s.Weights, inUse) {
			return sets, i
		}
	}
	sets = append(sets, WeightSet{Name: SetConfigured, Label: "Pesi del file di configurazione", Weights: inUse,
		Note: "Pesi indicati con --config."})
	return sets, len(sets) - 1
}

// sensitivity gathers what every weight set needs of each operator, then
// weighs the sets of the params.
func (c *computation) sensitivity(m *Metrics) {
	ws := &m.Weights
	ws.Operators = []OperatorWeighting{}
	cells := map[string][]CellOpen{}
	for _, cc := range c.open {
		if cc.Day.Equal(c.p.At) && cc.Operator != "" {
			cells[cc.Operator] = append(cells[cc.Operator], CellOpen{cc.Area, cc.Complexity, cc.N})
		}
	}
	for i := range m.Operators {
		om := &m.Operators[i]
		ow := OperatorWeighting{ID: om.ID, Role: om.Role, Cells: mergeCells(cells[om.ID]), CapacityFactor: 1}
		if om.InService {
			awt := c.yearlyAWT(om)
			cp := c.capacity(om, awt.Hours)
			ow.Capacity, ow.CaseHours, ow.CapacityAWT, ow.CapacityFactor = &awt.Hours, &cp.CaseHours, &awt, cp.Factor
		}
		ws.Operators = append(ws.Operators, ow)
	}
	m.weigh(c.p.WeightSets)
}

// ErrNoBasis is returned by AddWeightSets on metrics that were not
// computed in this process (read back from JSON, say).
var ErrNoBasis = errors.New("misure senza i dati di base: i pesi si confrontano solo su misure appena calcolate")

// AddWeightSets adds further case-weight sets (the observed, the panel's)
// to the comparison in m.Weights, from the figures m already holds: the
// data are not measured again and every other figure keeps the weights in
// use.
func (m *Metrics) AddWeightSets(sets ...WeightSet) error {
	if m.basis == nil {
		return ErrNoBasis
	}
	m.weigh(append(slices.Clone(m.extraSets), sets...))
	return nil
}

// weigh computes the staffing need (weighted caseload and WISN) and the
// loads under the standard set, the extra sets and the configured one.
func (m *Metrics) weigh(extra []WeightSet) {
	m.extraSets = extra
	cfg := m.Config
	wc := m.Staffing.WeightedCaseload
	ws := &m.Weights
	sets, inUse := weightSets(cfg.Caseload.Weights, extra)
	ws.InUse = sets[inUse].Name
	ws.Sets = []WeightSetResult{}
	for i, s := range sets {
		weights := CaseloadConfig{Weights: s.Weights}
		r := WeightSetResult{WeightSet: s, InUse: i == inUse, ActualFTE: wc.ActualFTE,
			Statuses: map[Status]int{StatusOK: 0, StatusWarning: 0, StatusCritical: 0}, Operators: []SetLoad{}}
		r.RequiredFTE = m.basis.requiredFTE(weights, cfg.Thresholds)
		r.Ratio = ratio(r.ActualFTE, r.RequiredFTE)
		r.Assessment = assessWISN(r.Ratio, cfg.Thresholds)
		if r.Ratio != nil {
			r.Rule = fmt.Sprintf("Personale %s FTE su %s richiesti dal carico ponderato con i %s (rapporto %s; metodo NCSC, soglie come per WISN).",
				FormatFTE(r.ActualFTE), FormatFTE(r.RequiredFTE), italian.LowerFirst(s.Label), italian.Number(*r.Ratio, 2))
		}
		r.WISN = m.basis.wisn(weights, cfg.Thresholds)
		for j, ow := range ws.Operators {
			l := SetLoad{ID: ow.ID, WeightedCaseload: WeighCells(ow.Cells, weights)}
			if lc := m.Operators[j].Check("load"); lc != nil && lc.Status == StatusNotApplicable {
				l.Status, l.Rule = lc.Status, lc.Rule
			} else if ow.Capacity != nil {
				ch := loadCheck(cfg, l.WeightedCaseload, *ow.Capacity, ow.CapacityFactor)
				l.Load, l.Status, l.Rule = ch.Value, ch.Status, ch.Rule
				if len(ow.Cells) > 0 {
					r.Statuses[l.Status]++
				}
			}
			r.Operators = append(r.Operators, l)
		}
		ws.Sets = append(ws.Sets, r)
	}
	staffing := &m.Staffing.WeightedCaseload
	staffing.WeightsLabel = sets[inUse].Label
	if ws.Sets[inUse].Ratio != nil {
		staffing.Rule = ws.Sets[inUse].Rule
	}
}

// WeighCells is the weighted caseload of open cartelle under cfg's weights.
func WeighCells(cells []CellOpen, cfg CaseloadConfig) float64 {
	var h float64
	for _, cl := range cells {
		h += cfg.Weigh(cl.Area, cl.Complexity, cl.OpenCases)
	}
	return h
}

// mergeCells sums the counts of the same cell (open cases come by comune
// too) and orders them by area (ISTAT order) and complexity.
func mergeCells(cs []CellOpen) []CellOpen {
	sum := map[[2]any]int{}
	for _, c := range cs {
		sum[[2]any{c.Area, c.Complexity}] += c.OpenCases
	}
	rank := map[carico.Area]int{"": len(carico.Areas)}
	for i, a := range carico.Areas {
		rank[a] = i
	}
	out := []CellOpen{}
	for k, n := range sum {
		out = append(out, CellOpen{k[0].(carico.Area), k[1].(int), n})
	}
	slices.SortFunc(out, func(a, b CellOpen) int {
		if rank[a.Area] != rank[b.Area] {
			return rank[a.Area] - rank[b.Area]
		}
		return a.Complexity - b.Complexity
	})
	return out
}
