package model

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/carico/carico"
)

type cell struct {
	area       carico.Area
	complexity int
}

// sortedCells is the cells of m by area and complexity: the order in which
// their values are added up, so that a sum is the same to the last bit
// from one run to the next (a map's order changes every time).
func sortedCells[V any](m map[cell]V) []cell {
	out := make([]cell, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b cell) int {
		return cmp.Or(strings.Compare(string(a.area), string(b.area)), cmp.Compare(a.complexity, b.complexity))
	})
	return out
}

// fullTimeAWT is the available working time of one full-time worker in the
// last year of the period, with the configured leave and the patron saint
// of the most populous comune: the "hours per FTE" of both staffing methods.
func (c *computation) fullTimeAWT() AWT {
	istat, most := "", -1
	for _, cr := range c.ref.comuni {
		if cr.Residents > most {
			istat, most = cr.ISTAT, cr.Residents
		}
	}
	pm, pd := c.ref.patron(istat, c.cfg.AWT)
	return AvailableTime(AWTInput{Year: c.p.To.Year(), WeeklyHours: c.cfg.AWT.FullTimeHours, PatronMonth: pm, PatronDay: pd}, c.cfg.AWT)
}

// staffing computes the staffing need with WISN per staff category and
// with the weighted caseload, over the period's workload made yearly.
//
// Case-years of cases with no operator are counted with the social
// workers: holding cartelle is their job, and leaving them out would hide
// work the service owes.
func (c *computation) staffing(m *Metrics) {
	cfg := c.cfg
	b := c.staffingBasis(m)
	m.basis = b
	m.Staffing.WISN = b.wisn(cfg.Caseload, cfg.Thresholds)

	// Weighted caseload (NCSC) under the weights in use. The cells also
	// show the case hours recorded in the diario per case-year, counting
	// the case work of the roles that hold cases, the same staff the
	// actual FTE counts.
	observed := map[cell]float64{}
	for _, cm := range c.caseMinutes {
		if len(b.cyRole[b.roleOf[cm.Operator]]) > 0 {
			observed[cell{cm.Area, cm.Complexity}] += float64(cm.Minutes) / 60
		}
	}
	wc := &m.Staffing.WeightedCaseload
	wc.HoursPerFTE = b.perFTE
	wc.CaseHoursPerFTE = CaseHours(b.perFTE, cfg.Thresholds.CaseTimeShare, 1)
	wc.Weights = []CaseWeightRow{}
	for _, a := range append(append([]carico.Area{}, carico.Areas...), "") {
		for cx := 0; cx <= 3; cx++ {
			k := cell{a, cx}
			cy, ok := b.cyAll[k]
			h, hok := observed[k]
			if !ok && !hok {
				continue
			}
			wc.Weights = append(wc.Weights, CaseWeightRow{Area: a, Complexity: cx, CaseYears: cy, StandardHours: cfg.Caseload.Weight(a, cx), ObservedHours: ratio(h, cy)})
		}
	}
	if b.perFTE > 0 {
		wc.AllowanceFTE = float64(b.all[carico.KindCommunity]+b.all[carico.KindAccess]) / 60 / b.years / b.perFTE
	}
	wc.ActualFTE = b.caseFTE
	wc.RequiredFTE = b.requiredFTE(cfg.Caseload, cfg.Thresholds)
	wc.Ratio = ratio(wc.ActualFTE, wc.RequiredFTE)
	wc.Assessment = assessWISN(wc.Ratio, cfg.Thresholds)
	// The rule's sentence names the weight set in use: Metrics.weigh
	// writes it, with every set's.
}

// staffingBasis is what the staffing need under any weight set rests on:
// the period's case-years by role and cell, and the WISN activities that
// do not depend on the weights. Metrics keeps it, so that further weight
// sets are added without measuring the data again (Metrics.AddWeightSets).
type staffingBasis struct {
	years, perFTE float64
	roleOf        map[string]carico.Role
	cyRole        map[carico.Role]map[cell]float64
	cyAll         map[cell]float64
	all           Minutes
	// roles are the WISN categories, in report order; fte their actual
	// FTE; other, support and individual their activities other than
	// the case work on their own cartelle.
	roles      []carico.Role
	fte        map[carico.Role]float64
	other      map[carico.Role][]WISNActivity
	support    map[carico.Role][]WISNSupport
	individual map[carico.Role][]WISNIndividual
	// caseFTE is the actual FTE of the roles that hold cartelle.
	caseFTE float64
}

func (c *computation) staffingBasis(m *Metrics) *staffingBasis {
	cfg := c.cfg
	b := &staffingBasis{years: m.Period.Years, perFTE: c.fullTimeAWT().Hours,
		roleOf: map[string]carico.Role{"": carico.RoleSocialWorker}, fte: map[carico.Role]float64{},
		cyRole: map[carico.Role]map[cell]float64{}, cyAll: map[cell]float64{}, all: newMinutes(),
		other: map[carico.Role][]WISNActivity{}, support: map[carico.Role][]WISNSupport{}, individual: map[carico.Role][]WISNIndividual{}}
	for _, om := range m.Operators {
		b.roleOf[om.ID] = om.Role
		// The staff time that counts is net of the capacity register's
		// reductions: a coordinator at 80 % of her time is 0,8 of her FTE.
		b.fte[om.Role] += om.FTE * om.CapacityFactor()
	}
	for _, cy := range c.caseYears {
		r := b.roleOf[cy.Operator]
		if b.cyRole[r] == nil {
			b.cyRole[r] = map[cell]float64{}
		}
		k := cell{cy.Area, cy.Complexity}
		b.cyRole[r][k] += cy.Years
		b.cyAll[k] += cy.Years
	}
	var totalCaseYears float64
	for _, k := range sortedCells(b.cyAll) {
		totalCaseYears += b.cyAll[k]
	}
	minutes := map[carico.Role]Minutes{}
	access := map[carico.Role]int64{}
	for _, t := range c.time {
		if t.ByComune {
			continue
		}
		r := b.roleOf[t.Key]
		if minutes[r] == nil {
			minutes[r] = newMinutes()
		}
		minutes[r][t.Kind] += t.Minutes
		b.all[t.Kind] += t.Minutes
		if t.Kind == carico.KindAccess {
			access[r] += t.Entries
		}
	}
	roles := append([]carico.Role{}, carico.Roles...)
	if _, ok := b.fte[""]; ok {
		roles = append(roles, "")
	}
	for _, r := range roles {
		if b.fte[r] == 0 && len(b.cyRole[r]) == 0 && minutes[r] == nil {
			continue
		}
		b.roles = append(b.roles, r)
		if len(b.cyRole[r]) > 0 {
			b.caseFTE += b.fte[r]
		}
		// A role that holds no cases but works on them (educators, ASA/OSS)
		// has its recorded case hours per case-year as time per unit.
		if len(b.cyRole[r]) == 0 && minutes[r] != nil && minutes[r][carico.KindCase] > 0 && totalCaseYears > 0 {
			b.other[r] = append(b.other[r], WISNActivity{Name: "Lavoro sul caso su cartelle di altri operatori (tempo osservato nel diario)",
				Units: totalCaseYears / b.years, HoursPerUnit: float64(minutes[r][carico.KindCase]) / 60 / totalCaseYears})
		}
		if n := access[r]; n > 0 {
			b.other[r] = append(b.other[r], WISNActivity{Name: carico.KindAccess.Label() + " (contatti)", Units: float64(n) / b.years, HoursPerUnit: cfg.WISN.AccessMinutesPerContact / 60})
		}
		if mins := minutes[r]; mins != nil && mins.Total() > 0 {
			for _, k := range cfg.WISN.SupportKinds {
				b.support[r] = append(b.support[r], WISNSupport{Name: k.Label(), Percent: 100 * float64(mins[k]) / float64(mins.Total())})
			}
		}
		names := make([]string, 0, len(cfg.WISN.Individual[r]))
		for n := range cfg.WISN.Individual[r] {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			b.individual[r] = append(b.individual[r], WISNIndividual{Name: n, Hours: cfg.WISN.Individual[r][n]})
		}
	}
	return b
}

// wisn is the WISN worksheet of every category with the case work of
// their own cartelle timed by weights: hours per case-year of each area,
// averaged over its complexities.
func (b *staffingBasis) wisn(weights CaseloadConfig, th ThresholdsConfig) WISNStaffing {
	w := WISNStaffing{Categories: []WISNResult{}}
	for _, r := range b.roles {
		in := WISNInput{Category: string(r), AWTHours: b.perFTE, ActualFTE: b.fte[r], Main: []WISNActivity{}, Support: []WISNSupport{}, Individual: []WISNIndividual{}}
		for _, a := range append(append([]carico.Area{}, carico.Areas...), "") {
			var units, hours float64
			for _, k := range sortedCells(b.cyRole[r]) {
				if v := b.cyRole[r][k]; k.area == a {
					units += v
					hours += v * weights.Weight(k.area, k.complexity)
				}
			}
			if units > 0 {
				in.Main = append(in.Main, WISNActivity{Name: CaseWorkActivity(a), Units: units / b.years, HoursPerUnit: hours / units})
			}
		}
		in.Main = append(in.Main, b.other[r]...)
		in.Support = append(in.Support, b.support[r]...)
		in.Individual = append(in.Individual, b.individual[r]...)
		res := WISN(in, th)
		w.Categories = append(w.Categories, res)
		w.RequiredFTE += res.RequiredFTE
		w.ActualFTE += res.ActualFTE
	}
	w.Ratio = ratio(w.ActualFTE, w.RequiredFTE)
	w.Difference = w.ActualFTE - w.RequiredFTE
	w.Assessment = assessWISN(w.Ratio, th)
	return w
}

// requiredFTE is the weighted-caseload staffing need under weights: the
// yearly hours the period's case-years need ÷ the hours one FTE has for
// case work (its available time × case_time_share, the same share the
// load check uses). The rest of each FTE's time is for community work,
// segretariato, administration and training.
func (b *staffingBasis) requiredFTE(weights CaseloadConfig, th ThresholdsConfig) float64 {
	var items []CaseLoadItem
	for _, a := range append(append([]carico.Area{}, carico.Areas...), "") {
		for cx := 0; cx <= 3; cx++ {
			if cy, ok := b.cyAll[cell{a, cx}]; ok {
				items = append(items, CaseLoadItem{Cases: cy / b.years, Hours: weights.Weight(a, cx)})
			}
		}
	}
	return WeightedCaseloadFTE(items, CaseHours(b.perFTE, th.CaseTimeShare, 1))
}

// monthly assembles the month-by-month series.
func (c *computation) monthly(m *Metrics) {
	mm := &m.Monthly
	mm.Months = make([]string, len(c.months))
	team := Series{ID: "totale", Name: "Totale servizio", Points: make([]MonthPoint, len(c.months))}
	for j, mo := range c.months {
		mm.Months[j] = mo.key
		team.Points[j] = MonthPoint{Month: mo.key, TimeSplit: TimeSplit{Minutes: newMinutes()}}
	}
	mm.Operators = []Series{}
	for _, om := range m.Operators {
		pts := c.series[om.ID]
		mm.Operators = append(mm.Operators, Series{ID: om.ID, Name: om.Name, Points: pts})
		for j, p := range pts {
			team.Points[j].OpenCases += p.OpenCases
			team.Points[j].WeightedCaseload += p.WeightedCaseload
			team.Points[j].TimeSplit.merge(p.TimeSplit)
		}
	}
	endIdx := map[time.Time]int{}
	for j, mo := range c.months {
		endIdx[mo.end] = j
	}
	unheld := func(j int, area carico.Area, complexity, n int) {
		team.Points[j].OpenCases += n
		team.Points[j].WeightedCaseload += c.cfg.Caseload.Weigh(area, complexity, n)
	}
	for _, cc := range c.open {
		if j, ok := endIdx[cc.Day]; ok && cc.Operator == "" {
			unheld(j, cc.Area, cc.Complexity, cc.N)
		}
	}
	// The series' cells without a holder one by one, in their order.
	for k, cell := range c.openSeries.Cells {
		if cell.Operator != "" {
			continue
		}
		for d, day := range c.openSeries.Days {
			if j, ok := endIdx[day]; ok && c.openSeries.N[d][k] > 0 {
				unheld(j, cell.Area, cell.Complexity, c.openSeries.N[d][k])
			}
		}
	}
	for j := range team.Points {
		team.Points[j].TimeSplit.finish()
	}
	mm.Team = team

	names := map[string]string{"": "Comune non indicato"}
	for _, cr := range c.ref.comuni {
		names[cr.ISTAT] = cr.Name
	}
	monthIdx := map[string]int{}
	for j, mo := range c.months {
		monthIdx[mo.key] = j
	}
	series := map[string]*ComuneSeries{}
	var keys []string
	for _, t := range c.time {
		if !t.ByComune {
			continue
		}
		s, ok := series[t.Key]
		if !ok {
			name, known := names[t.Key]
			if !known {
				name = t.Key + " (non in anagrafica)"
			}
			s = &ComuneSeries{ISTAT: t.Key, Name: name, Months: make([]Minutes, len(c.months))}
			for j := range s.Months {
				s.Months[j] = newMinutes()
			}
			series[t.Key] = s
			keys = append(keys, t.Key)
		}
		s.Months[monthIdx[t.Month]][t.Kind] += t.Minutes
	}
	sort.Strings(keys)
	mm.Comuni = []ComuneSeries{}
	for _, k := range keys {
		mm.Comuni = append(mm.Comuni, *series[k])
	}
}

// quality gathers dormant cases and monthly coverage per operator.
func (c *computation) quality(m *Metrics) {
	q := &m.Quality
	q.Dormant = c.dormant
	if q.Dormant == nil {
		q.Dormant = []DormantCase{}
	}
	q.DormantCases = len(q.Dormant)
	q.Rule = fmt.Sprintf("Cartella aperta senza voci di diario da almeno %d giorni alla data di riferimento: da chiudere per \"nessun accesso e assenza di interventi per un anno\" (laboratorio sulla cartella sociale, Bergamo 2018).", c.cfg.Caseload.DormantDays)
	q.Coverage = []CoverageRow{}
	for _, s := range m.Monthly.Operators {
		for _, p := range s.Points {
			if p.AvailableHours == 0 && p.DocumentedHours == 0 {
				continue
			}
			ch := c.coverageCheck(p.DocumentedHours, p.AvailableHours)
			q.Coverage = append(q.Coverage, CoverageRow{OperatorID: s.ID, Month: p.Month,
				DocumentedHours: p.DocumentedHours, AvailableHours: p.AvailableHours, Coverage: p.Coverage, Assessment: ch.Assessment})
		}
	}
	if q.Rejected == nil {
		q.Rejected = []RejectedRows{}
	}
	var all, estimated int64
	for _, t := range c.time {
		if !t.ByComune {
			all, estimated = all+t.Minutes, estimated+t.Estimated
		}
	}
	q.EstimatedHours = float64(estimated) / 60
	q.EstimatedShare = ratio(float64(estimated), float64(all))
}
