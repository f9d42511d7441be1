package model

import (
	"fmt"
	"sort"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
)

type cell struct {
	area       carico.Area
	complexity int
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
	years := m.Period.Years
	perFTE := c.fullTimeAWT().Hours
	roleOf := map[string]carico.Role{"": carico.RoleSocialWorker}
	fteOf := map[carico.Role]float64{}
	for _, om := range m.Operators {
		roleOf[om.ID] = om.Role
		fteOf[om.Role] += om.FTE
	}

	cyRole := map[carico.Role]map[cell]float64{}
	cyAll := map[cell]float64{}
	for _, cy := range c.caseYears {
		r := roleOf[cy.Operator]
		if cyRole[r] == nil {
			cyRole[r] = map[cell]float64{}
		}
		k := cell{cy.Area, cy.Complexity}
		cyRole[r][k] += cy.Years
		cyAll[k] += cy.Years
	}
	var totalCaseYears float64
	for _, v := range cyAll {
		totalCaseYears += v
	}
	minutes := map[carico.Role]Minutes{}
	access := map[carico.Role]int64{}
	all := newMinutes()
	for _, t := range c.time {
		if t.ByComune {
			continue
		}
		r := roleOf[t.Key]
		if minutes[r] == nil {
			minutes[r] = newMinutes()
		}
		minutes[r][t.Kind] += t.Minutes
		all[t.Kind] += t.Minutes
		if t.Kind == carico.KindAccess {
			access[r] += t.Entries
		}
	}

	// WISN, one worksheet per category with staff or workload.
	w := &m.Staffing.WISN
	w.Categories = []WISNResult{}
	roles := append([]carico.Role{}, carico.Roles...)
	if _, ok := fteOf[""]; ok {
		roles = append(roles, "")
	}
	for _, r := range roles {
		if fteOf[r] == 0 && len(cyRole[r]) == 0 && minutes[r] == nil {
			continue
		}
		in := WISNInput{Category: string(r), AWTHours: perFTE, ActualFTE: fteOf[r], Main: []WISNActivity{}, Support: []WISNSupport{}, Individual: []WISNIndividual{}}
		for _, a := range append(append([]carico.Area{}, carico.Areas...), "") {
			var units, hours float64
			for k, v := range cyRole[r] {
				if k.area == a {
					units += v
					hours += v * cfg.Caseload.Weight(k.area, k.complexity)
				}
			}
			if units > 0 {
				in.Main = append(in.Main, WISNActivity{Name: CaseWorkActivity(a), Units: units / years, HoursPerUnit: hours / units})
			}
		}
		// A role that holds no cases but works on them (educators, ASA/OSS)
		// has its recorded case hours per case-year as time per unit.
		if len(cyRole[r]) == 0 && minutes[r] != nil && minutes[r][carico.KindCase] > 0 && totalCaseYears > 0 {
			in.Main = append(in.Main, WISNActivity{Name: "Lavoro sul caso su cartelle di altri operatori (tempo osservato nel diario)",
				Units: totalCaseYears / years, HoursPerUnit: float64(minutes[r][carico.KindCase]) / 60 / totalCaseYears})
		}
		if n := access[r]; n > 0 {
			in.Main = append(in.Main, WISNActivity{Name: carico.KindAccess.Label() + " (contatti)", Units: float64(n) / years, HoursPerUnit: cfg.WISN.AccessMinutesPerContact / 60})
		}
		if mins := minutes[r]; mins != nil && mins.Total() > 0 {
			for _, k := range cfg.WISN.SupportKinds {
				in.Support = append(in.Support, WISNSupport{Name: k.Label(), Percent: 100 * float64(mins[k]) / float64(mins.Total())})
			}
		}
		names := make([]string, 0, len(cfg.WISN.Individual[r]))
		for n := range cfg.WISN.Individual[r] {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			in.Individual = append(in.Individual, WISNIndividual{Name: n, Hours: cfg.WISN.Individual[r][n]})
		}
		res := WISN(in, cfg.Thresholds)
		w.Categories = append(w.Categories, res)
		w.RequiredFTE += res.RequiredFTE
		w.ActualFTE += res.ActualFTE
	}
	w.Ratio = ratio(w.ActualFTE, w.RequiredFTE)
	w.Difference = w.ActualFTE - w.RequiredFTE
	w.Assessment = assessWISN(w.Ratio, cfg.Thresholds)

	// Weighted caseload (NCSC), standard and observed weights.
	// Observed weights count the case work of the roles that hold cases, the
	// same staff the actual FTE counts.
	observed := map[cell]float64{}
	for _, cm := range c.caseMinutes {
		if len(cyRole[roleOf[cm.Operator]]) > 0 {
			observed[cell{cm.Area, cm.Complexity}] += float64(cm.Minutes) / 60
		}
	}
	wc := &m.Staffing.WeightedCaseload
	wc.HoursPerFTE = perFTE
	wc.Weights = []CaseWeightRow{}
	var std, obs []CaseLoadItem
	for _, a := range append(append([]carico.Area{}, carico.Areas...), "") {
		for cx := 0; cx <= 3; cx++ {
			k := cell{a, cx}
			cy, ok := cyAll[k]
			h, hok := observed[k]
			if !ok && !hok {
				continue
			}
			row := CaseWeightRow{Area: a, Complexity: cx, CaseYears: cy, StandardHours: cfg.Caseload.Weight(a, cx), ObservedHours: ratio(h, cy)}
			wc.Weights = append(wc.Weights, row)
			std = append(std, CaseLoadItem{Cases: cy / years, Hours: row.StandardHours})
			obs = append(obs, CaseLoadItem{Cases: 1, Hours: h / years})
		}
	}
	if perFTE > 0 {
		wc.AllowanceFTE = float64(all[carico.KindCommunity]+all[carico.KindAccess]) / 60 / years / perFTE
	}
	wc.RequiredFTE = WeightedCaseloadFTE(std, perFTE) + wc.AllowanceFTE
	wc.ObservedRequiredFTE = WeightedCaseloadFTE(obs, perFTE) + wc.AllowanceFTE
	for r, cells := range cyRole {
		if len(cells) > 0 {
			wc.ActualFTE += fteOf[r]
		}
	}
	wc.Ratio = ratio(wc.ActualFTE, wc.RequiredFTE)
	wc.ObservedRatio = ratio(wc.ActualFTE, wc.ObservedRequiredFTE)
	wc.Assessment = assessWISN(wc.Ratio, cfg.Thresholds)
	if wc.Ratio != nil {
		wc.Rule = fmt.Sprintf("Personale %s FTE su %s richiesti dal carico ponderato con pesi standard (rapporto %s; metodo NCSC, soglie come per WISN).",
			italian.Number(wc.ActualFTE, 2), italian.Number(wc.RequiredFTE, 2), italian.Number(*wc.Ratio, 2))
	}
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
	endIdx := map[string]int{}
	for j, mo := range c.months {
		endIdx[mo.end.Format("2006-01-02")] = j
	}
	for _, cc := range c.open {
		if j, ok := endIdx[cc.Day.Format("2006-01-02")]; ok && cc.Operator == "" {
			team.Points[j].OpenCases += cc.N
			team.Points[j].WeightedCaseload += float64(cc.N) * c.cfg.Caseload.Weight(cc.Area, cc.Complexity)
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
}
