package planning

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

// This file is the only one that asks for data: it turns the facts
// (package facts, which reads the store) into the plain slices the
// algorithms take. db is passed through to facts, never queried here.

// Measure is what a forecast series counts.
type Measure string

// The forecast measures.
const (
	NewCases  Measure = "new"  // cartelle opened in the month
	OpenCases Measure = "open" // cartelle open on the month's last day
)

// DataWindow is the period the store covers: the diario's first and last
// day, or the cartelle's when there is no diario.
func DataWindow(ctx context.Context, db facts.Queryer) (from, to time.Time, err error) {
	from, to, err = facts.DataWindow(ctx, db)
	if err != nil {
		return from, to, fmt.Errorf("read data window: %w", err)
	}
	if from.IsZero() || to.IsZero() {
		return from, to, fmt.Errorf("nessun dato nel database: importare prima cartelle e diario")
	}
	return from, to, nil
}

// CompleteMonths returns the first and last month of the window that are
// covered in full: a month whose data end in its last week counts as
// complete (the last working day may fall before the 31st).
func CompleteMonths(from, to time.Time) (first, last time.Time) {
	first = time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
	if from.Day() > 7 {
		first = first.AddDate(0, 1, 0)
	}
	last = time.Date(to.Year(), to.Month(), 1, 0, 0, 0, 0, time.UTC)
	if end := last.AddDate(0, 1, -1); end.Sub(to) >= 7*24*time.Hour {
		last = last.AddDate(0, -1, 0)
	}
	return first, last
}

// History is the run of complete months a forecast learns from, and where
// those months come from (Source, in Italian, for the reader of the
// forecast).
type History struct {
	Measure     Measure
	First, Last time.Time // first days of the first and last month
	Source      string    // e.g. "aperture dalle cartelle, gen 2023 – dic 2025"
}

// MarshalJSON writes the months as yyyy-mm.
func (h History) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		From   string `json:"from"`
		To     string `json:"to"`
		Source string `json:"source"`
	}{h.First.Format("2006-01"), h.Last.Format("2006-01"), h.Source})
}

// Months is the length of the history in months.
func (h History) Months() int { return monthsBetween(h.First, h.Last) + 1 }

// ErrNoHistory is HistoryWindow's error when the cartelle cover no
// complete month: there is nothing to forecast from.
var ErrNoHistory = errors.New("storia insufficiente per una previsione")

// archiveGap is how long, in days, the first cartelle of a whole archive
// may wait for the first closure; a first opening further back marks an
// export limited to the cartelle open in its window (HistoryWindow).
const archiveGap = 365

var historySources = map[Measure]string{
	NewCases:  "aperture dalle cartelle",
	OpenCases: "cartelle aperte a fine mese, dalle date di apertura e chiusura delle cartelle",
}

// Between is h over the months first…last the user chose instead.
func (h History) Between(first, last time.Time) History {
	return newHistory(h.Measure, first, last, " (mesi scelti)")
}

func newHistory(m Measure, first, last time.Time, note string) History {
	return History{Measure: m, First: first, Last: last,
		Source: fmt.Sprintf("%s, %s – %s%s", historySources[m], italian.ShortMonth(first), italian.ShortMonth(last), note)}
}

// HistoryWindow is the longest complete history of measure the store
// holds. Both measures are counted from the cartelle, so their history is
// the months the cartelle export covers, whatever the diario's window.
//
// An export may carry only the cartelle open at some time in its window:
// then one opened and closed before the window is missing, and neither the
// openings nor the open stock of a month before the window are complete.
// Such an export shows itself by cartelle opened long before its earliest
// closure (still open from 2011 when the first closure is of 2023): when
// the first opening precedes the earliest closure by more than a year
// (archiveGap), the history starts at the earliest closure, or at the
// diario's first day if that is earlier (the cartelle are taken to cover
// at least the diario's window); otherwise the export is the whole archive
// and the history starts at the first opening. The end is the cartelle's
// latest opening or closure. Both are then trimmed to complete months
// (CompleteMonths).
func HistoryWindow(ctx context.Context, db facts.Queryer, measure Measure) (History, error) {
	h := History{Measure: measure}
	if _, ok := historySources[measure]; !ok {
		return h, fmt.Errorf("misura sconosciuta %q: usare new o open", measure)
	}
	from, to, err := facts.HistoryWindow(ctx, db, archiveGap)
	if err != nil {
		return h, fmt.Errorf("read cartelle window: %w", err)
	}
	if from.IsZero() || to.IsZero() {
		return h, fmt.Errorf("%w: nessuna cartella nel database", ErrNoHistory)
	}
	first, last := CompleteMonths(from, to)
	if last.Before(first) {
		return h, fmt.Errorf("%w: nessun mese completo nelle cartelle (dal %s al %s)", ErrNoHistory, italian.Date(from), italian.Date(to))
	}
	return newHistory(measure, first, last, ""), nil
}

// MonthlySeries reads the monthly series of measure for the Ambito (named
// "ambito") and for each area di utenza present, months first…last
// (first days of months). Cases without an area count in the Ambito only.
// Open cartelle are counted with the store's rule (carico_open_on): open at
// the end of the month's last day, so one closed on that day is not.
func MonthlySeries(ctx context.Context, db facts.Queryer, measure Measure, first, last time.Time) ([]Series, error) {
	var counts []facts.MonthCount
	var err error
	switch measure {
	case NewCases:
		counts, err = facts.MonthlyNew(ctx, db, first, last)
	case OpenCases:
		counts, err = facts.MonthlyOpen(ctx, db, first, last)
	default:
		return nil, fmt.Errorf("misura sconosciuta %q: usare new o open", measure)
	}
	if err != nil {
		return nil, fmt.Errorf("read monthly series: %w", err)
	}
	return seriesOf(counts, first, last), nil
}

// seriesOf lays the monthly counts out as the Ambito's series and one per
// area met; cartelle without an area count in the Ambito only.
func seriesOf(counts []facts.MonthCount, first, last time.Time) []Series {
	n := monthsBetween(first, last) + 1
	ambito := make([]float64, n)
	byArea := map[carico.Area][]float64{}
	for _, c := range counts {
		i := monthsBetween(first, c.Month)
		switch {
		case i < 0 || i >= n:
		case c.Total:
			ambito[i] = c.N
		case c.Area != "":
			if byArea[c.Area] == nil {
				byArea[c.Area] = make([]float64, n)
			}
			byArea[c.Area][i] = c.N
		}
	}
	out := []Series{{Name: "ambito", Start: first, Values: ambito}}
	for _, a := range carico.Areas {
		if v := byArea[a]; v != nil {
			out = append(out, Series{Name: string(a), Start: first, Values: v})
		}
	}
	return out
}

func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// NewBaseline is the Ambito at the model's reference date, as the model
// measured it: the comuni and their residents (m.Comuni), the staff in
// service with their FTE and allocation shares (m.Operators: FTE already
// uses the configured full-time hours), the hours of one FTE in a year and
// the social workers' WISN worksheet of the model's staffing, and the open
// cartelle by comune, area and complexity at m.Period.At, counted with the
// store's rule (carico_open_cases). Nothing the model defines is read or
// computed a second time. Cases without a comune cannot be placed and are
// left out of Cases; the share of an operator allocated to no comune
// stays in Staff with an empty ISTAT code and counts for the Ambito only,
// as in the model.
func NewBaseline(ctx context.Context, db facts.Queryer, m *model.Metrics) (Baseline, error) {
	at := m.Period.At.Time
	b := Baseline{At: at, Year: at.Year(), HoursPerFTE: m.Staffing.WeightedCaseload.HoursPerFTE}
	for _, c := range m.Comuni {
		b.Comuni = append(b.Comuni, BaseComune{ISTAT: c.ISTAT, Name: c.Name, Residents: c.Residents})
	}
	if len(b.Comuni) == 0 {
		return b, fmt.Errorf("nessun comune nel database: importare prima la popolazione")
	}
	for _, o := range m.Operators {
		if !o.InService || o.FTE == 0 {
			continue
		}
		rest := 1.0
		for _, a := range o.Comuni {
			b.Staff = append(b.Staff, StaffShare{OperatorID: o.ID, Role: o.Role, Contract: o.Contract, ISTAT: a.ISTAT, FTE: o.FTE * a.Share, Capacity: o.CapacityFactor()})
			rest -= a.Share
		}
		if rest > 1e-9 {
			b.Staff = append(b.Staff, StaffShare{OperatorID: o.ID, Role: o.Role, Contract: o.Contract, FTE: o.FTE * rest, Capacity: o.CapacityFactor()})
		}
	}
	for _, w := range m.Staffing.WISN.Categories {
		if w.Category == string(carico.RoleSocialWorker) {
			b.WISN = w.WISNInput
		}
	}
	groups, err := facts.OpenByComune(ctx, db, at)
	if err != nil {
		return b, fmt.Errorf("read open cases: %w", err)
	}
	for _, g := range groups {
		b.Cases = append(b.Cases, CaseGroup{ISTAT: g.Key, Area: g.Area, Complexity: g.Complexity, Open: g.N})
	}
	return b, nil
}

// ZoneUnits gives the territorial units and their workload on date at
// (base is NewBaseline at the same date). With comune empty the units are
// the comuni of the Ambito; otherwise they
// are the quartieri (cases.zone) of that comune — every quartiere met in its
// cartelle, with no workload when none is open on the date — whose
// residents the store does not hold (0). Workload is the weighted caseload: Σ over open cases
// of the case weight (model config, hours per case-year). byArea gives the
// same workload split among the thematic teams of the area model
// (ThematicTeam): the current organisation the zones are compared with.
func ZoneUnits(ctx context.Context, db facts.Queryer, base Baseline, at time.Time, comune string, weights model.CaseloadConfig) (units []Unit, byArea []Zone, err error) {
	unitOf := map[string]int{} // index into units
	add := func(id string, residents int) *Unit {
		i, ok := unitOf[id]
		if !ok {
			i = len(units)
			units = append(units, Unit{ID: id, Residents: residents})
			unitOf[id] = i
		}
		return &units[i]
	}
	areas := map[carico.Area]float64{}
	if comune == "" {
		for _, c := range base.Comuni {
			add(c.ISTAT, c.Residents)
		}
		for _, g := range base.Cases {
			w := g.Open * weights.Weight(g.Area, g.Complexity)
			if i, ok := unitOf[g.ISTAT]; ok {
				units[i].Workload += w
				areas[g.Area] += w
			}
		}
	} else {
		groups, err := facts.Quartieri(ctx, db, at, comune)
		if err != nil {
			return nil, nil, fmt.Errorf("read quartieri: %w", err)
		}
		for _, g := range groups {
			w := g.N * weights.Weight(g.Area, g.Complexity)
			add(g.Key, 0).Workload += w
			if g.N > 0 {
				areas[g.Area] += w
			}
		}
		if len(units) == 0 {
			return nil, nil, fmt.Errorf("nessun quartiere nelle cartelle del comune %s", comune)
		}
	}
	teams := map[string]*Zone{}
	for _, a := range append(slices.Clone(carico.Areas), "") {
		w, ok := areas[a]
		if !ok {
			continue
		}
		name := ThematicTeam(a)
		t := teams[name]
		if t == nil {
			t = &Zone{ID: name}
			teams[name] = t
		}
		t.WorkloadHours += w
		code := string(a)
		if a == "" {
			code = "non_indicata"
		}
		t.Units = append(t.Units, code)
	}
	for _, name := range ThematicTeams {
		if t := teams[name]; t != nil {
			byArea = append(byArea, *t)
		}
	}
	sort.Slice(units, func(i, j int) bool { return units[i].ID < units[j].ID })
	return units, byArea, nil
}

// ThematicTeams are the teams of the area model that the Comune di Crema
// replaced with territorial micro-équipes in 2013 (seed 004: "Aree
// Tematiche (Anziani, Disabili, Minori e Famiglia, Adulti a rischio di
// emarginazione)").
var ThematicTeams = []string{"Minori e famiglia", "Disabili", "Anziani", "Adulti a rischio di emarginazione"}

// ThematicTeam maps an ISTAT area di utenza to its thematic team: the
// areas without a team of their own (dipendenze, immigrati, povertà,
// multiutenza, unknown) go to the adults' team.
func ThematicTeam(a carico.Area) string {
	switch a {
	case carico.AreaFamily:
		return ThematicTeams[0]
	case carico.AreaDisability:
		return ThematicTeams[1]
	case carico.AreaElderly:
		return ThematicTeams[2]
	}
	return ThematicTeams[3]
}

// RoleMix is the FTE of each role of a micro-équipe — social workers,
// educators and ASA/OSS, as in Crema's integrated teams; administrative
// staff stay out — among the staff in service (in the given comuni; all
// when nil): the mix each zone's FTE need is split by.
func RoleMix(base Baseline, comuni map[string]bool) map[carico.Role]float64 {
	mix := map[carico.Role]float64{}
	for _, s := range base.Staff {
		if s.Role == carico.RoleClerk {
			continue
		}
		if comuni == nil || comuni[s.ISTAT] {
			mix[s.Role] += s.FTE
		}
	}
	return mix
}

// MeanCaseWeight is the mean standard weight (hours per case-year) of the
// open cases of the baseline, of one area or of all when area is empty;
// 0 without open cases.
func MeanCaseWeight(base Baseline, weights model.CaseloadConfig, area carico.Area) float64 {
	var hours, cases float64
	for _, g := range base.Cases {
		if area == "" || g.Area == area {
			hours += g.Open * weights.Weight(g.Area, g.Complexity)
			cases += g.Open
		}
	}
	if cases == 0 {
		return 0
	}
	return hours / cases
}
