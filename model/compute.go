package model

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/store"
)

// Params selects what Compute measures. Zero dates take defaults: the last
// full calendar year of activity data (or the only, partial one) for
// From–To, and To for At. Config nil means the defaults.
type Params struct {
	At, From, To time.Time
	Config       *Config
	// WeightSets are further case-weight sets (observed, panel) whose
	// consequences Metrics.Weights shows beside the standard and the
	// configured weights.
	WeightSets []WeightSet
}

// ErrNoData is returned when the database holds no case and no activity to
// measure.
var ErrNoData = errors.New("il database non contiene né cartelle né attività: importare prima i dati")

// DefaultPeriod returns the last full calendar year of activity data: the
// year of the latest activity if it ends on 31 December, else the year
// before — unless the data do not reach back to it, in which case the
// latest (partial) year. Without activities it uses case dates.
func DefaultPeriod(ctx context.Context, db *store.DB) (from, to time.Time, err error) {
	first, last, err := facts.DiarioSpan(ctx, db)
	if err == nil && last.IsZero() {
		first, last, err = facts.CaseSpan(ctx, db)
	}
	if err != nil {
		return from, to, fmt.Errorf("period: %w", err)
	}
	if last.IsZero() {
		return from, to, ErrNoData
	}
	year := last.Year()
	if l := DateOf(last); !(l.Month() == time.December && l.Day() == 31) && first.Year() < year {
		year--
	}
	return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC), nil
}

// resolve fills the defaults of p.
func (p Params) resolve(ctx context.Context, db *store.DB) (Params, error) {
	if p.Config == nil {
		p.Config = DefaultConfig()
	}
	switch {
	case p.From.IsZero() && p.To.IsZero() && !p.At.IsZero():
		p.To = DateOf(p.At).Time
		p.From = p.To.AddDate(-1, 0, 1)
	case p.From.IsZero() || p.To.IsZero():
		from, to, err := DefaultPeriod(ctx, db)
		if err != nil {
			return p, err
		}
		if p.From.IsZero() {
			p.From = from
		}
		if p.To.IsZero() {
			p.To = to
		}
	}
	p.From, p.To = DateOf(p.From).Time, DateOf(p.To).Time
	if p.At.IsZero() {
		p.At = p.To
	}
	p.At = DateOf(p.At).Time
	if p.To.Before(p.From) {
		return p, fmt.Errorf("periodo non valido: %s è dopo %s", p.From.Format("02/01/2006"), p.To.Format("02/01/2006"))
	}
	return p, nil
}

// Compute measures the database for the period and reference date of p:
// it reads the period's facts and measures them (Measure).
func Compute(ctx context.Context, db *store.DB, p Params) (*Metrics, error) {
	p, err := p.resolve(ctx, db)
	if err != nil {
		return nil, err
	}
	w, err := facts.LoadWorkload(ctx, db, p.Facts())
	if err != nil {
		return nil, err
	}
	return Measure(w, p)
}

// Facts says which facts p's measure reads: the period, the reference date,
// the months' ends and the dormancy of the configuration. p must have its
// dates set (Compute fills the defaults).
func (p Params) Facts() facts.WorkloadQuery {
	cfg := p.Config
	if cfg == nil {
		cfg = DefaultConfig()
	}
	at := p.At
	if at.IsZero() {
		at = p.To
	}
	q := facts.WorkloadQuery{At: at, From: p.From, To: p.To, DormantDays: cfg.Caseload.DormantDays}
	for _, m := range monthsOf(DateOf(p.From).Time, DateOf(p.To).Time) {
		q.Days = append(q.Days, m.end)
	}
	q.Days = append(q.Days, weekDays(DateOf(at).Time)...)
	return q
}

// Measure computes the metrics of w, the facts of p.Facts(). It reads no
// database: hand-built facts give the same figures as the stored ones.
// The dates of p must be set.
func Measure(w *facts.Workload, p Params) (*Metrics, error) {
	if p.Config == nil {
		p.Config = DefaultConfig()
	}
	if p.From.IsZero() || p.To.IsZero() {
		return nil, errors.New("periodo non indicato")
	}
	p.From, p.To = DateOf(p.From).Time, DateOf(p.To).Time
	if p.At.IsZero() {
		p.At = p.To
	}
	p.At = DateOf(p.At).Time
	cfg := p.Config
	c := &computation{cfg: cfg, p: p, ref: newReference(w),
		open: w.Open, openSeries: w.Series, held: holderDays(w.Series, cfg.Caseload), dormant: dormantCases(w), time: w.Time, caseYears: w.CaseYears, caseMinutes: w.CaseMinutes}
	c.months = monthsOf(p.From, p.To)
	m := &Metrics{
		Period:  Period{From: Date{p.From}, To: Date{p.To}, At: Date{p.At}, Years: c.years()},
		Config:  cfg,
		Sources: w.Batches,
	}
	if m.Sources == nil {
		m.Sources = []Batch{}
	}
	m.Quality.Rejected = rejectedRows(w)
	c.operators(m)
	c.weekly(m)
	c.teams(m)
	c.comuni(m)
	c.staffing(m)
	c.protectedTime(m)
	c.sensitivity(m)
	c.monthly(m)
	c.quality(m)
	return m, nil
}

// month is one calendar month of the period, clipped to it.
type month struct {
	key        string // yyyy-mm
	start, end time.Time
}

func monthsOf(from, to time.Time) []month {
	var ms []month
	for s := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !s.After(to); s = s.AddDate(0, 1, 0) {
		m := month{key: s.Format("2006-01"), start: s, end: s.AddDate(0, 1, -1)}
		if m.start.Before(from) {
			m.start = from
		}
		if m.end.After(to) {
			m.end = to
		}
		ms = append(ms, m)
	}
	return ms
}

// computation carries the aggregated rows from DuckDB through the assembly.
type computation struct {
	cfg         *Config
	p           Params
	months      []month
	ref         *reference
	open        []facts.OpenCount      // at the reference date
	openSeries  facts.OpenSeries       // at the months' ends and the weekly snapshots
	held        map[string][]holderDay // openSeries by holder and day
	dormant     []DormantCase
	time        []facts.TimeCell
	caseYears   []facts.CaseYears
	caseMinutes []facts.CaseMinutes

	opIndex map[string]int // operator id → index in Metrics.Operators
	series  map[string][]MonthPoint
	// caseHours sums, per role and for "totale", the yearly hours the
	// operators in service have, so that a team's load is judged by the
	// same rule as each operator's.
	caseHours map[string]float64
	// reducedHours is caseHours with each operator's hours × her capacity
	// factor: their ratio is the team's capacity factor.
	reducedHours map[string]float64
}

func (c *computation) years() float64 {
	return float64(c.p.To.Sub(c.p.From).Hours()/24+1) / 365.25
}

func overlaps(o carico.Operator, from, to time.Time) bool {
	return (o.Start.IsZero() || !DateOf(o.Start).After(to)) && (o.End.IsZero() || !DateOf(o.End).Before(from))
}

// operators builds one entry per operator in service during the period or
// appearing in its cases or diario (an id missing from the roster shows up
// as such, so no minute is lost).
func (c *computation) operators(m *Metrics) {
	cfg := c.cfg
	seen := map[string]bool{}
	for _, cc := range c.open {
		seen[cc.Operator] = true
	}
	for op := range c.held {
		seen[op] = true
	}
	for _, t := range c.time {
		if !t.ByComune {
			seen[t.Key] = true
		}
	}
	roster := map[string]bool{}
	ops := []carico.Operator{}
	for _, o := range c.ref.operators {
		roster[o.ID] = true
		if overlaps(o, c.p.From, c.p.To) || c.ref.inService[o.ID] || seen[o.ID] {
			ops = append(ops, o)
		}
	}
	var unknown []string
	for id := range seen {
		if id != "" && !roster[id] {
			unknown = append(unknown, id)
		}
	}
	sort.Strings(unknown)
	for _, id := range unknown {
		ops = append(ops, carico.Operator{ID: id, Name: id + " (non in anagrafica)"})
	}

	c.opIndex = map[string]int{}
	c.caseHours = map[string]float64{}
	c.reducedHours = map[string]float64{}
	c.series = map[string][]MonthPoint{}
	m.Operators = make([]OperatorMetrics, len(ops))
	for i, o := range ops {
		c.opIndex[o.ID] = i
		om := &m.Operators[i]
		*om = OperatorMetrics{
			ID: o.ID, Name: o.Name, Role: o.Role, Contract: o.Contract, WeeklyHours: o.WeeklyHours,
			InService: c.ref.inService[o.ID],
			Comuni:    append([]Allocation{}, c.ref.allocations[o.ID]...),
			Caseload:  newCaseload(),
			TimeSplit: TimeSplit{Minutes: newMinutes()},
			AWT:       []AWT{},
		}
		if om.InService {
			om.FTE = cfg.AWT.FTE(o.WeeklyHours)
		}
		pm, pd := c.operatorPatron(o.ID)
		points := make([]MonthPoint, len(c.months))
		for j, mo := range c.months {
			points[j] = MonthPoint{Month: mo.key, TimeSplit: TimeSplit{Minutes: newMinutes()}}
		}
		if roster[o.ID] {
			for y := c.p.From.Year(); y <= c.p.To.Year(); y++ {
				a := AvailableTime(AWTInput{Year: y, WeeklyHours: o.WeeklyHours, Start: o.Start, End: o.End,
					PatronMonth: pm, PatronDay: pd, Absence: c.ref.absences[o.ID][y]}, cfg.AWT)
				om.AWT = append(om.AWT, a)
				months := a.months(pm, pd, cfg.AWT)
				om.AvailableHours += months.between(c.p.From, c.p.To)
				for j, mo := range c.months {
					if mo.start.Year() == y {
						points[j].AvailableHours = months.between(mo.start, mo.end)
					}
				}
			}
		}
		c.series[o.ID] = points
	}

	// Caseload at the reference date and at each month's end.
	monthOf := map[time.Time]int{}
	for j, mo := range c.months {
		monthOf[mo.end] = j
	}
	for _, cc := range c.open {
		i, ok := c.opIndex[cc.Operator]
		if !ok {
			continue
		}
		h := cfg.Caseload.Weigh(cc.Area, cc.Complexity, cc.N)
		if cc.Day.Equal(c.p.At) {
			m.Operators[i].Caseload.add(cc, h)
		}
		if j, ok := monthOf[cc.Day]; ok {
			pt := &c.series[cc.Operator][j]
			pt.OpenCases += cc.N
			pt.WeightedCaseload += h
		}
	}
	for op, days := range c.held {
		if _, ok := c.opIndex[op]; !ok {
			continue
		}
		for d, day := range c.openSeries.Days {
			if j, ok := monthOf[day]; ok && days[d].open > 0 {
				pt := &c.series[op][j]
				pt.OpenCases += days[d].open
				pt.WeightedCaseload += days[d].weighted
			}
		}
	}
	for _, d := range c.dormant {
		if i, ok := c.opIndex[d.OperatorID]; ok {
			m.Operators[i].Dormant++
		}
	}
	// Time split.
	monthIdx := map[string]int{}
	for j, mo := range c.months {
		monthIdx[mo.key] = j
	}
	for _, t := range c.time {
		if t.ByComune {
			continue
		}
		i := c.opIndex[t.Key]
		m.Operators[i].Minutes[t.Kind] += t.Minutes
		c.series[t.Key][monthIdx[t.Month]].Minutes[t.Kind] += t.Minutes
	}
	// A role holds cartelle if any of its operators has one open at the
	// reference date; for the others the load does not apply.
	holding := map[carico.Role]bool{}
	for _, om := range m.Operators {
		if om.OpenCases > 0 {
			holding[om.Role] = true
		}
	}
	for i := range m.Operators {
		om := &m.Operators[i]
		om.TimeSplit.finish()
		for j := range c.series[om.ID] {
			c.series[om.ID][j].TimeSplit.finish()
		}
		om.OpenCasesPerFTE = ratio(float64(om.OpenCases), om.FTE)
		om.WeightedCaseloadPerFTE = ratio(om.WeightedCaseload, om.FTE)
		om.Checks = []Check{}
		switch {
		case !om.InService:
			om.Checks = append(om.Checks, notApplicable("Operatore non in servizio alla data di riferimento: il carico sul tempo disponibile non si calcola."))
		default:
			capacity := c.yearlyHours(om)
			om.YearlyHours = capacity
			cp := c.capacity(om, capacity)
			om.Capacity = &cp
			om.Load = Load(om.WeightedCaseload, cp.CaseHours)
			if om.OpenCases == 0 && !holding[om.Role] {
				om.Checks = append(om.Checks, notApplicable("Il profilo non ha cartelle aperte: il carico sulle cartelle non si applica."))
			} else {
				om.Checks = append(om.Checks, c.loadCheck(om.WeightedCaseload, capacity, cp.Factor))
			}
			c.caseHours[string(om.Role)] += capacity
			c.caseHours["totale"] += capacity
			c.reducedHours[string(om.Role)] += capacity * cp.Factor
			c.reducedHours["totale"] += capacity * cp.Factor
		}
		if om.AvailableHours > 0 || om.DocumentedHours > 0 {
			om.Checks = append(om.Checks, c.coverageCheck(om.DocumentedHours, om.AvailableHours))
		}
		om.Assessment = worst(om.Checks)
	}
}

// yearlyHours is what an operator's load is measured against: the available
// working time of a whole year of her contract's hours, in the reference
// date's year, with her recorded absences of that year (else the
// configured averages). For an operator under contract all year it is her
// AWT of that year, the figure her statement shows.
func (c *computation) yearlyHours(om *OperatorMetrics) float64 { return c.yearlyAWT(om).Hours }

// yearlyAWT is yearlyHours day by day.
func (c *computation) yearlyAWT(om *OperatorMetrics) AWT {
	pm, pd := c.operatorPatron(om.ID)
	y := c.p.At.Year()
	return AvailableTime(AWTInput{Year: y, WeeklyHours: om.WeeklyHours, PatronMonth: pm, PatronDay: pd,
		Absence: c.ref.absences[om.ID][y]}, c.cfg.AWT)
}

// operatorPatron is the patron day of the comune with the operator's
// largest allocation share.
func (c *computation) operatorPatron(id string) (time.Month, int) {
	if as := c.ref.allocations[id]; len(as) > 0 {
		return c.ref.patron(as[0].ISTAT, c.cfg.AWT)
	}
	return 0, 0
}

func newCaseload() Caseload {
	return Caseload{ByArea: map[carico.Area]int{}, ByComplexity: map[string]int{}}
}

// add counts the open cartelle of cc, whose weighted caseload is hours.
func (cl *Caseload) add(cc facts.OpenCount, hours float64) {
	cl.OpenCases += cc.N
	cl.ByArea[cc.Area] += cc.N
	cl.ByComplexity[complexityKey(cc.Complexity)] += cc.N
	cl.WeightedCaseload += hours
}

func (cl *Caseload) merge(o Caseload) {
	cl.OpenCases += o.OpenCases
	for k, v := range o.ByArea {
		cl.ByArea[k] += v
	}
	for k, v := range o.ByComplexity {
		cl.ByComplexity[k] += v
	}
	cl.WeightedCaseload += o.WeightedCaseload
	cl.Dormant += o.Dormant
}

func complexityKey(c int) string {
	if c < 1 || c > 3 {
		return "nd"
	}
	return fmt.Sprint(c)
}

// finish derives shares, documented hours and coverage from the minutes
// and available hours.
func (t *TimeSplit) finish() {
	t.Shares = t.Minutes.Shares()
	t.DocumentedHours = float64(t.Minutes.Total()) / 60
	t.Coverage = ratio(t.DocumentedHours, t.AvailableHours)
}

// Sum is the time of several spans together (the months of a quarter):
// minutes and available hours added, shares, documented hours and
// coverage derived from them as for one span.
func Sum(spans ...TimeSplit) TimeSplit {
	t := TimeSplit{Minutes: Minutes{}}
	for _, o := range spans {
		t.merge(o)
	}
	t.finish()
	return t
}

func (t *TimeSplit) merge(o TimeSplit) {
	for k, v := range o.Minutes {
		t.Minutes[k] += v
	}
	t.AvailableHours += o.AvailableHours
}

const loadSource = "soglie 100 %/110 % dal Workload Measurement Tool del probation service britannico; pesi e quota di tempo per il lavoro sul caso: scelte di progetto configurabili"

// loadCheck judges a weighted caseload against a year's available hours
// (capacity) under a capacity factor by the one rule of LoadStatus.
func (c *computation) loadCheck(weighted, capacity, factor float64) Check {
	return loadCheck(c.cfg, weighted, capacity, factor)
}

func loadCheck(cfg *Config, weighted, capacity, factor float64) Check {
	th := cfg.Thresholds
	caseHours := CaseHours(capacity, th.CaseTimeShare, factor)
	v := Load(weighted, caseHours)
	st := LoadStatus(weighted, caseHours, th)
	ch := Check{Measure: "load", Value: v, Assessment: Assessment{Status: st}}
	if v == nil {
		ch.Rule = "Nessun tempo disponibile per il lavoro sul caso e nessuna cartella aperta: il carico non si applica."
		if st == StatusCritical {
			ch.Rule = fmt.Sprintf("Carico ponderato %s h/anno senza tempo disponibile per il lavoro sul caso.", italian.Number(weighted, 0))
		}
		return ch
	}
	of := fmt.Sprintf("%s %% di %s h", italian.Number(th.CaseTimeShare*100, 0), italian.Number(capacity, 0))
	if factor != 1 {
		of += fmt.Sprintf(", ridotte %s %% dal registro delle riduzioni di capacità", italian.Before("al", percentOf(factor)))
	}
	desc := fmt.Sprintf("Carico ponderato %s h/anno su %s h disponibili per il lavoro sul caso (%s): %s %%",
		italian.Number(weighted, 0), italian.Number(caseHours, 0), of, italian.Number(*v*100, 0))
	switch st {
	case StatusCritical:
		ch.Rule = fmt.Sprintf("%s, oltre %s %% (%s).", desc, italian.Before("il", italian.Number(th.CaseloadRed*100, 0)), loadSource)
	case StatusWarning:
		ch.Rule = fmt.Sprintf("%s, oltre %s %% (%s).", desc, italian.Before("il", italian.Number(th.CaseloadAmber*100, 0)), loadSource)
	default:
		ch.Rule = fmt.Sprintf("%s, entro %s %% (%s).", desc, italian.Before("il", italian.Number(th.CaseloadAmber*100, 0)), loadSource)
	}
	return ch
}

// notApplicable is the load check of an operator whose load is not judged.
func notApplicable(rule string) Check {
	return Check{Measure: "load", Assessment: Assessment{Status: StatusNotApplicable, Rule: rule}}
}

func (c *computation) coverageCheck(documented, available float64) Check {
	th := c.cfg.Thresholds
	v := ratio(documented, available)
	ch := Check{Measure: "coverage", Value: v}
	switch {
	case v == nil:
		ch.Assessment = Assessment{StatusWarning, fmt.Sprintf("%s ore documentate senza tempo di lavoro disponibile nel periodo: verificare contratto e date.", italian.Number(documented, 1))}
	case *v > th.CoverageHigh:
		ch.Assessment = Assessment{StatusWarning, fmt.Sprintf("Ore documentate (%s) oltre le ore disponibili (%s): straordinari o errori nel diario (regola: ore documentate non superiori al tempo di lavoro disponibile).", italian.Number(documented, 1), italian.Number(available, 1))}
	case *v < th.CoverageLow:
		ch.Assessment = Assessment{StatusWarning, fmt.Sprintf("Ore documentate %s su %s disponibili (%s %%), sotto %s %%: diario incompleto, le misure basate sul diario sottostimano il carico (soglia: scelta di progetto).", italian.Number(documented, 1), italian.Number(available, 1), italian.Number(*v*100, 0), italian.Before("il", italian.Number(th.CoverageLow*100, 0)))}
	default:
		ch.Assessment = Assessment{StatusOK, fmt.Sprintf("Ore documentate %s su %s disponibili (%s %%).", italian.Number(documented, 1), italian.Number(available, 1), italian.Number(*v*100, 0))}
	}
	return ch
}

func (c *computation) communityCheck(t TimeSplit) Check {
	target := c.cfg.Thresholds.CommunityShareTarget
	share := t.Shares[carico.KindCommunity]
	ch := Check{Measure: "community_share", Value: &share}
	if t.Minutes.Total() == 0 {
		ch.Value = nil
		ch.Assessment = Assessment{StatusOK, "Nessuna attività documentata nel periodo."}
		return ch
	}
	if share < target {
		ch.Assessment = Assessment{StatusWarning, fmt.Sprintf("Lavoro di comunità %s %% del tempo documentato, sotto l'obiettivo %s %% (obiettivo fissato dal servizio; raccomandazioni ANCI-CROAS Lombardia §5).", italian.Before("al", italian.Number(share*100, 1)), italian.Before("del", italian.Number(target*100, 1)))}
	} else {
		ch.Assessment = Assessment{StatusOK, fmt.Sprintf("Lavoro di comunità %s %% del tempo documentato (obiettivo %s %%).", italian.Before("al", italian.Number(share*100, 1)), italian.Number(target*100, 1))}
	}
	return ch
}

// teams aggregates operators by role, then all together. The total also
// holds the open cases with no operator.
func (c *computation) teams(m *Metrics) {
	byRole := map[string]*TeamMetrics{}
	var order []string
	total := &TeamMetrics{Role: "totale", Label: "Totale servizio", Caseload: newCaseload(), TimeSplit: TimeSplit{Minutes: newMinutes()}}
	for _, om := range m.Operators {
		key := string(om.Role)
		if key == "" {
			key = "non_in_anagrafica"
		}
		t, ok := byRole[key]
		if !ok {
			label := om.Role.Label()
			if om.Role == "" {
				label = "Operatori non in anagrafica"
			}
			t = &TeamMetrics{Role: key, Label: label, Caseload: newCaseload(), TimeSplit: TimeSplit{Minutes: newMinutes()}}
			byRole[key] = t
			order = append(order, key)
		}
		for _, tt := range []*TeamMetrics{t, total} {
			if om.InService {
				tt.Operators++
			}
			tt.FTE += om.FTE
			tt.Caseload.merge(om.Caseload)
			tt.TimeSplit.merge(om.TimeSplit)
		}
	}
	for _, cc := range c.open {
		if cc.Operator == "" && cc.Day.Equal(c.p.At) {
			total.Caseload.add(cc, c.cfg.Caseload.Weigh(cc.Area, cc.Complexity, cc.N))
		}
	}
	for _, d := range c.dormant {
		if d.OperatorID == "" {
			total.Dormant++
		}
	}
	rank := map[string]int{}
	for i, r := range carico.Roles {
		rank[string(r)] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		ri, oki := rank[order[i]]
		rj, okj := rank[order[j]]
		if oki != okj {
			return oki
		}
		return ri < rj
	})
	m.Teams = []TeamMetrics{}
	for _, key := range order {
		m.Teams = append(m.Teams, *byRole[key])
	}
	m.Teams = append(m.Teams, *total)
	for i := range m.Teams {
		t := &m.Teams[i]
		t.TimeSplit.finish()
		t.OpenCasesPerFTE = ratio(float64(t.OpenCases), t.FTE)
		t.WeightedCaseloadPerFTE = ratio(t.WeightedCaseload, t.FTE)
		t.Checks = []Check{}
		if capacity := c.caseHours[t.Role]; t.WeightedCaseload > 0 && capacity > 0 {
			t.Checks = append(t.Checks, c.loadCheck(t.WeightedCaseload, capacity, c.reducedHours[t.Role]/capacity))
		}
		if t.Role == "totale" || carico.Role(t.Role).DoesCommunityWork() {
			t.Checks = append(t.Checks, c.communityCheck(t.TimeSplit))
		}
		if t.AvailableHours > 0 || t.DocumentedHours > 0 {
			t.Checks = append(t.Checks, c.coverageCheck(t.DocumentedHours, t.AvailableHours))
		}
		t.Assessment = worst(t.Checks)
	}
}

// comuni computes the LEPS figures of each comune from the social workers
// in service at the reference date, through their allocation shares, and of
// the Ambito from all of them.
func (c *computation) comuni(m *Metrics) {
	leps := c.cfg.LEPS
	byComune := map[string]SocialWorkerFTE{}
	var ambito SocialWorkerFTE
	for _, o := range c.ref.operators {
		if !c.ref.inService[o.ID] {
			continue
		}
		fte := c.cfg.AWT.FTE(o.WeeklyHours)
		ambito.Add(o.Role, o.Contract, fte)
		for _, a := range c.ref.allocations[o.ID] {
			f := byComune[a.ISTAT]
			f.Add(o.Role, o.Contract, fte*a.Share)
			byComune[a.ISTAT] = f
		}
	}
	openBy := map[string]int{}
	for _, cc := range c.open {
		if cc.Day.Equal(c.p.At) {
			openBy[cc.ISTAT] += cc.N
		}
	}
	minutesBy := map[string]Minutes{}
	for _, t := range c.time {
		if t.ByComune {
			if minutesBy[t.Key] == nil {
				minutesBy[t.Key] = newMinutes()
			}
			minutesBy[t.Key][t.Kind] += t.Minutes
		}
	}

	m.Comuni = []ComuneMetrics{}
	residents, year := 0, 0
	ambitoNames := map[string]int{}
	for _, cr := range c.ref.comuni {
		mins := minutesBy[cr.ISTAT]
		if mins == nil {
			mins = newMinutes()
		}
		cm := ComuneMetrics{
			ISTAT: cr.ISTAT, Name: cr.Name,
			LEPSFigures:     lepsFigures(cr.Residents, cr.ResidentsYear, byComune[cr.ISTAT].All, byComune[cr.ISTAT].Permanent, leps),
			OpenCases:       openBy[cr.ISTAT],
			Minutes:         mins,
			DocumentedHours: float64(mins.Total()) / 60,
		}
		if pm, pd := c.ref.patron(cr.ISTAT, c.cfg.AWT); pm > 0 && pd > 0 {
			cm.PatronDay = fmt.Sprintf("%02d/%02d", pd, pm)
		}
		m.Comuni = append(m.Comuni, cm)
		residents += cr.Residents
		year = max(year, cr.ResidentsYear)
		if cr.Ambito != "" {
			ambitoNames[cr.Ambito]++
		}
	}
	name, best := "", 0
	for n, k := range ambitoNames {
		if k > best || (k == best && n < name) {
			name, best = n, k
		}
	}
	l := LEPS(residents, ambito.Permanent, leps)
	m.Ambito = AmbitoMetrics{
		Name: name, Comuni: len(c.ref.comuni),
		LEPSFigures:     lepsFigures(residents, year, ambito.All, ambito.Permanent, leps),
		ContributionEUR: l.ContributionEUR,
		LEPS:            l,
	}
}

func lepsFigures(residents, year int, all, perm float64, cfg LEPSConfig) LEPSFigures {
	l := LEPS(residents, perm, cfg)
	return LEPSFigures{
		Residents: residents, ResidentsYear: year,
		SocialWorkerFTE: all, PermanentSocialWorkerFTE: perm,
		ResidentsPerSocialWorker:          ResidentsPer(residents, all),
		ResidentsPerPermanentSocialWorker: l.ResidentsPerFTE,
		FTEMissingLEP:                     l.FTEMissingLEP,
		FTEMissingTarget:                  l.FTEMissingTarget,
		Assessment:                        l.Assessment,
	}
}
