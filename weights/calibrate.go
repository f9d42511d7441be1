// Package weights derives case weights from the service's own diario, in
// the manner of the NCSC weighted-caseload method: a time study gives the
// observed hours per case-year of each area and complexity (Calibrate), a
// panel of the service's workers then sets the time needed to do the work
// well (ReadPanel, Adjust), and the result is a configuration file the
// responsabile reviews and passes with --config (WriteTOML).
package weights

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
	"github.com/carico/carico/store"
)

// Options tune the calibration; zero values take the defaults.
type Options struct {
	// MinCartelle is the fewest cartelle a cell needs for its own figure
	// (default 10); below it the cell borrows (see Calibration.Cells).
	MinCartelle int
	// Resamples of the bootstrap (default 2000); Seed fixes it.
	Resamples int
	Seed      uint64
}

func (o Options) withDefaults() Options {
	if o.MinCartelle <= 0 {
		o.MinCartelle = 10
	}
	if o.Resamples <= 0 {
		o.Resamples = 2000
	}
	return o
}

// Sources of a calibrated weight.
const (
	SourceObserved = "osservato"   // the cell's own cartelle
	SourceArea     = "area"        // standard weight × the area's observed/standard factor
	SourceOverall  = "complessivo" // standard weight × the service's observed/standard factor
	SourceStandard = "standard"    // nothing observed at all
)

// Cell is one area × complexity cell of the calibration.
type Cell struct {
	Area       carico.Area `json:"area"`
	Complexity int         `json:"complexity"`
	Cartelle   int         `json:"cartelle"`   // cartelle with exposure in adequately covered months
	CaseYears  float64     `json:"case_years"` // their exposure, in years of 365.25 days
	Hours      float64     `json:"hours"`      // case hours recorded on them in those months
	// Observed is Hours ÷ CaseYears; Low and High its 90 % bootstrap
	// interval over cartelle. Null without exposure.
	Observed *float64 `json:"observed_hours"`
	Low      *float64 `json:"ci90_low"`
	High     *float64 `json:"ci90_high"`
	Standard float64  `json:"standard_hours"`
	// Weight is the calibrated weight written to the configuration, and
	// Source says where it comes from.
	Weight float64 `json:"weight"`
	Source string  `json:"source"`
	Note   string  `json:"note"` // Italian
}

// Calibration is the observed hours per case-year of every cell.
type Calibration struct {
	From         model.Date `json:"from"`
	To           model.Date `json:"to"`
	MinCartelle  int        `json:"min_cartelle"`
	Resamples    int        `json:"resamples"`
	Seed         uint64     `json:"seed"`
	CoverageLow  float64    `json:"coverage_low"`
	Roles        []string   `json:"roles"` // roles holding cartelle, whose case hours count
	MonthsTotal  int        `json:"operator_months"`
	MonthsUsed   int        `json:"operator_months_used"`
	Unclassified int        `json:"cartelle_unclassified"` // without area or complexity: left out
	// AreaFactor is observed ÷ standard hours over an area's cells with
	// enough cartelle pooled; Overall the same for the whole service.
	AreaFactor map[carico.Area]*float64 `json:"area_factor"`
	Overall    *float64                 `json:"overall_factor"`
	Cells      []Cell                   `json:"cells"`
}

// Calibrate measures the observed hours per case-year by area and
// complexity over m's period, from the cartelle of db.
//
// Unit: a cartella-month under one holder. It counts only if the holder
// belongs to a role that holds cartelle and the holder's diario covers
// that month adequately (documented ÷ available hours ≥ coverage_low, the
// same coverage as the metrics); its exposure is the days it was open and
// held, its hours the case work recorded on it that month by operators of
// those roles. A month with two holders counts only if both qualify.
func Calibrate(ctx context.Context, db *store.DB, m *model.Metrics, opt Options) (*Calibration, error) {
	opt = opt.withDefaults()
	cfg := m.Config
	if cfg == nil {
		cfg = model.DefaultConfig()
	}
	from, to := m.Period.From.Time, m.Period.To.Time
	holders, err := facts.CaseHolders(ctx, db, from, to)
	if err != nil {
		return nil, fmt.Errorf("calibrazione dei pesi: %w", err)
	}
	role := map[string]carico.Role{}
	for _, o := range m.Operators {
		role[o.ID] = o.Role
	}
	holding := map[carico.Role]bool{}
	for _, id := range holders {
		if r := role[id]; r != "" {
			holding[r] = true
		}
	}
	cal := &Calibration{From: m.Period.From, To: m.Period.To, MinCartelle: opt.MinCartelle, Resamples: opt.Resamples, Seed: opt.Seed,
		CoverageLow: cfg.Thresholds.CoverageLow, Roles: []string{}, AreaFactor: map[carico.Area]*float64{}}
	for _, r := range carico.Roles {
		if holding[r] {
			cal.Roles = append(cal.Roles, string(r))
		}
	}
	var counted []facts.OperatorMonth
	for _, c := range m.Quality.Coverage {
		if !holding[role[c.OperatorID]] {
			continue
		}
		cal.MonthsTotal++
		if c.Coverage != nil && *c.Coverage >= cfg.Thresholds.CoverageLow {
			counted = append(counted, facts.OperatorMonth{Operator: c.OperatorID, Month: c.Month})
			cal.MonthsUsed++
		}
	}
	var workers []string
	for id, r := range role {
		if holding[r] {
			workers = append(workers, id)
		}
	}
	slices.Sort(workers)

	// Cartelle, in the order of their ids for the bootstrap: those with a
	// month that counts, in their cell.
	units, err := facts.CalibrationUnits(ctx, db, from, to, counted, workers)
	if err != nil {
		return nil, fmt.Errorf("calibrazione dei pesi: %w", err)
	}
	slices.SortFunc(units, func(a, b facts.CalibrationUnit) int { return strings.Compare(a.CaseID, b.CaseID) })
	type unit struct{ years, hours float64 }
	byCell := map[[2]any][]unit{}
	for _, u := range units {
		if !u.Area.Valid() || u.Complexity < 1 || u.Complexity > 3 {
			cal.Unclassified++
			continue
		}
		if u.Days == 0 {
			continue
		}
		// Days are summed as integers and turned into years once; the
		// hours are added in the order of operator and month.
		x := unit{years: float64(u.Days) / 365.25}
		for _, mn := range u.Minutes {
			x.hours += float64(mn) / 60
		}
		byCell[[2]any{u.Area, u.Complexity}] = append(byCell[[2]any{u.Area, u.Complexity}], x)
	}
	std := model.DefaultConfig().Caseload            // the standard set, whatever --config says
	cal.Cells = make([]Cell, 0, len(carico.Areas)*3) // no reallocation: the bootstraps hold pointers
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	i := 0
	for _, a := range carico.Areas {
		for cx := 1; cx <= 3; cx++ {
			units := byCell[[2]any{a, cx}]
			c := Cell{Area: a, Complexity: cx, Cartelle: len(units), Standard: std.Weight(a, cx)}
			ys, hs := make([]float64, len(units)), make([]float64, len(units))
			for j, u := range units {
				ys[j], hs[j] = u.years, u.hours
				c.CaseYears += u.years
				c.Hours += u.hours
			}
			cal.Cells = append(cal.Cells, c)
			if c.CaseYears > 0 {
				obs := c.Hours / c.CaseYears
				cal.Cells[i].Observed = &obs
				// The cells' bootstraps run side by side, each on its own
				// seeded stream: the result is the same in any order.
				wg.Add(1)
				go func(c *Cell, seq uint64) {
					defer wg.Done()
					sem <- struct{}{}
					c.Low, c.High = bootstrap(ys, hs, opt.Resamples, rand.New(rand.NewPCG(opt.Seed, seq)))
					<-sem
				}(&cal.Cells[i], uint64(i))
			}
			i++
		}
	}
	wg.Wait()
	cal.borrow()
	return cal, nil
}

// borrow sets each cell's calibrated weight. A cell with at least
// MinCartelle cartelle takes its observed hours. Otherwise it keeps the
// shape of the standard weights and takes the service's level: standard
// weight × (observed ÷ standard hours) pooled over its area's cells with
// enough cartelle, or, if the area has none, over all such cells.
func (cal *Calibration) borrow() {
	var obs, std float64
	areaObs, areaStd := map[carico.Area]float64{}, map[carico.Area]float64{}
	for _, c := range cal.Cells {
		if c.Cartelle >= cal.MinCartelle && c.CaseYears > 0 {
			areaObs[c.Area] += c.Hours
			areaStd[c.Area] += c.Standard * c.CaseYears
			obs += c.Hours
			std += c.Standard * c.CaseYears
		}
	}
	if std > 0 {
		f := obs / std
		cal.Overall = &f
	}
	for a, s := range areaStd {
		if s > 0 {
			f := areaObs[a] / s
			cal.AreaFactor[a] = &f
		}
	}
	for i := range cal.Cells {
		c := &cal.Cells[i]
		f, ok := cal.AreaFactor[c.Area]
		switch {
		case c.Cartelle >= cal.MinCartelle && c.Observed != nil:
			c.Weight, c.Source = *c.Observed, SourceObserved
			c.Note = fmt.Sprintf("Ore osservate su %d cartelle.", c.Cartelle)
		case ok:
			c.Weight, c.Source = c.Standard**f, SourceArea
			c.Note = fmt.Sprintf("Solo %d cartelle (meno di %d): peso standard %s × %s, rapporto tra ore osservate e standard nell'area.",
				c.Cartelle, cal.MinCartelle, italian.Number(c.Standard, 1), italian.Number(*f, 2))
		case cal.Overall != nil:
			c.Weight, c.Source = c.Standard**cal.Overall, SourceOverall
			c.Note = fmt.Sprintf("Solo %d cartelle (meno di %d) e nessuna cella dell'area con abbastanza cartelle: peso standard %s × %s, rapporto tra ore osservate e standard nell'intero servizio.",
				c.Cartelle, cal.MinCartelle, italian.Number(c.Standard, 1), italian.Number(*cal.Overall, 2))
		default:
			c.Weight, c.Source = c.Standard, SourceStandard
			c.Note = "Nessuna cella con abbastanza cartelle osservate: resta il peso standard."
		}
		c.Note += c.outsideNote()
	}
}

// outsideNote says, of a borrowed weight that falls outside the cell's own
// 90 % interval, that its cartelle point elsewhere; "" otherwise.
func (c *Cell) outsideNote() string {
	if c.Source == SourceObserved || c.Low == nil || c.High == nil || (c.Weight >= *c.Low && c.Weight <= *c.High) {
		return ""
	}
	dir := "meno"
	if c.Weight < *c.Low {
		dir = "più"
	}
	return fmt.Sprintf(" Il peso è preso in prestito e cade fuori dall'intervallo al 90 %% delle %d cartelle della cella (%s–%s h, osservate %s h): quelle cartelle indicano %s ore; il pannello ne tenga conto.",
		c.Cartelle, italian.Number(*c.Low, 1), italian.Number(*c.High, 1), italian.Number(*c.Observed, 1), dir)
}

// bootstrap is the 90 % percentile interval of Σhours ÷ Σyears over
// resamples of the cartelle with replacement.
func bootstrap(years, hours []float64, resamples int, rng *rand.Rand) (*float64, *float64) {
	n := len(years)
	est := make([]float64, 0, resamples)
	for range resamples {
		var y, h float64
		for range n {
			j := rng.IntN(n)
			y += years[j]
			h += hours[j]
		}
		if y > 0 {
			est = append(est, h/y)
		}
	}
	if len(est) == 0 {
		return nil, nil
	}
	slices.Sort(est)
	lo, hi := quantile(est, 0.05), quantile(est, 0.95)
	return &lo, &hi
}

// quantile of sorted xs, by linear interpolation between order statistics.
func quantile(xs []float64, p float64) float64 {
	pos := p * float64(len(xs)-1)
	i := int(pos)
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[i] + (pos-float64(i))*(xs[i+1]-xs[i])
}

// Weights is the calibrated weights in the configuration's shape.
func (cal *Calibration) Weights() map[carico.Area][3]float64 {
	out := map[carico.Area][3]float64{}
	for _, c := range cal.Cells {
		w := out[c.Area]
		w[c.Complexity-1] = round1(c.Weight)
		out[c.Area] = w
	}
	return out
}

func round1(v float64) float64 {
	return float64(int64(v*10+0.5)) / 10
}
