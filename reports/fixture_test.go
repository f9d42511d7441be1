package reports

import (
	"fmt"
	"math"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/model"
)

func fp(v float64) *float64 { return &v }

func day(y int, m time.Month, d int) model.Date {
	return model.DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// fixtureMetrics is a hand-built Metrics of a small Ambito: eight operators
// of three roles, five comuni (one without a social worker), a year of
// monthly series, a few dormant cases and rejected rows. It exercises every
// part of the reports without the importers or the model's queries.
func fixtureMetrics() *model.Metrics {
	cfg := model.DefaultConfig()
	m := &model.Metrics{
		Period: model.Period{From: day(2025, 1, 1), To: day(2025, 12, 31), At: day(2025, 12, 31), Years: 1},
		Config: cfg,
	}
	type op struct {
		id, name string
		role     carico.Role
		contract carico.Contract
		hours    float64
		open     int
		weighted float64
		dormant  int
		status   model.Status
		minutes  [6]int64
	}
	ops := []op{
		{"AS01", "Maria Rossi", carico.RoleSocialWorker, carico.ContractPermanent, 36, 112, 1980, 4, model.StatusCritical, [6]int64{60000, 4000, 9000, 6000, 1500, 300}},
		{"AS02", "Giulia Bianchi", carico.RoleSocialWorker, carico.ContractPermanent, 36, 84, 1350, 1, model.StatusWarning, [6]int64{52000, 9000, 8000, 5000, 1800, 200}},
		{"AS03", "Luca Ferrari", carico.RoleSocialWorker, carico.ContractFixedTerm, 18, 31, 520, 0, model.StatusOK, [6]int64{24000, 2500, 3000, 2500, 900, 100}},
		{"AS04", "Anna Colombo", carico.RoleSocialWorker, carico.ContractPermanent, 30, 70, 1100, 2, model.StatusWarning, [6]int64{41000, 12000, 2000, 4000, 1200, 0}},
		{"AS05", "Paolo Ricci", carico.RoleSocialWorker, carico.ContractPermanent, 36, 66, 990, 0, model.StatusOK, [6]int64{50000, 14000, 6000, 5000, 2000, 500}},
		{"ED01", "Sara Marino", carico.RoleEducator, carico.ContractPermanent, 36, 22, 300, 0, model.StatusOK, [6]int64{55000, 20000, 0, 3000, 2500, 400}},
		{"ED02", "Marco Greco", carico.RoleEducator, carico.ContractFixedTerm, 24, 14, 190, 1, model.StatusOK, [6]int64{30000, 9000, 0, 2000, 1000, 0}},
		{"AM01", "Elena Bruno", carico.RoleClerk, carico.ContractPermanent, 36, 0, 0, 0, model.StatusOK, [6]int64{0, 0, 30000, 60000, 800, 1000}},
	}
	rule := map[model.Status]string{
		model.StatusOK:       "Nessuna soglia superata.",
		model.StatusWarning:  "Carico ponderato al 104 % del tempo per i casi, oltre il 100 % (UK probation Workload Measurement Tool; scelta di progetto).",
		model.StatusCritical: "Carico ponderato al 158 % del tempo per i casi, oltre il 110 % (UK probation Workload Measurement Tool; scelta di progetto).",
	}
	// Allocations: Bergamo Alta has one social worker, as Pedrengo in
	// the demo; Seriate several; Adrara two.
	alloc := map[string][]model.Allocation{
		"AS01": {{ISTAT: "016024", Share: 1}},
		"AS02": {{ISTAT: "016203", Share: 0.5}, {ISTAT: "016091", Share: 0.5}},
		"AS03": {{ISTAT: "016001", Share: 1}},
		"AS04": {{ISTAT: "016203", Share: 1}},
		"AS05": {{ISTAT: "016203", Share: 0.5}, {ISTAT: "016091", Share: 0.5}},
		"ED01": {{ISTAT: "016203", Share: 1}},
		"ED02": {{ISTAT: "016001", Share: 1}},
		"AM01": {{ISTAT: "016203", Share: 1}},
	}
	for _, o := range ops {
		fte := o.hours / 36
		avail := 1580 * fte
		mins := model.Minutes{}
		// The fixture's minutes are in the kinds' order before supervision.
		for i, k := range []carico.Kind{carico.KindCase, carico.KindCommunity, carico.KindAccess, carico.KindAdmin, carico.KindTraining, carico.KindOther} {
			mins[k] = o.minutes[i]
		}
		doc := float64(mins.Total()) / 60
		load := o.weighted / (avail * 0.7)
		om := model.OperatorMetrics{
			ID: o.id, Name: o.name, Role: o.role, Contract: o.contract, WeeklyHours: o.hours, FTE: fte, InService: true,
			Caseload: model.Caseload{OpenCases: o.open, WeightedCaseload: o.weighted, Dormant: o.dormant,
				ByArea: map[carico.Area]int{carico.AreaFamily: o.open / 2, carico.AreaElderly: o.open - o.open/2}},
			OpenCasesPerFTE: fp(float64(o.open) / fte), WeightedCaseloadPerFTE: fp(o.weighted / fte), Load: fp(load),
			TimeSplit: model.TimeSplit{Minutes: mins, Shares: mins.Shares(), DocumentedHours: doc, AvailableHours: avail, Coverage: fp(doc / avail)},
			AWT: []model.AWT{{Year: 2025, From: day(2025, 1, 1), To: day(2025, 12, 31), CalendarDays: 365, WeekendDays: 104, Holidays: 10, NetWorkdays: 251,
				LeaveDays: 32, SickDays: 10, OtherDays: 5, AbsenceSource: "parametri", WorkingDays: 204, HoursPerDay: o.hours / 5, Hours: 204 * o.hours / 5}},
			Checks:     []model.Check{{Measure: "load", Value: fp(load), Assessment: model.Assessment{Status: o.status, Rule: rule[o.status]}}, {Measure: "coverage", Value: fp(doc / avail), Assessment: model.Assessment{Status: model.StatusOK, Rule: "Copertura entro le soglie."}}},
			Assessment: model.Assessment{Status: o.status, Rule: rule[o.status]},
		}
		om.Comuni = alloc[o.id]
		if o.open == 0 {
			om.Load, om.OpenCasesPerFTE = nil, fp(0)
			om.Checks = om.Checks[1:]
		}
		m.Operators = append(m.Operators, om)
	}
	// Teams.
	teamOf := func(role, label string, pick func(model.OperatorMetrics) bool) model.TeamMetrics {
		t := model.TeamMetrics{Role: role, Label: label, Caseload: model.Caseload{ByArea: map[carico.Area]int{}}}
		mins := model.Minutes{}
		for _, o := range m.Operators {
			if !pick(o) {
				continue
			}
			t.Operators++
			t.FTE += o.FTE
			t.OpenCases += o.OpenCases
			t.WeightedCaseload += o.WeightedCaseload
			t.Dormant += o.Dormant
			for a, n := range o.ByArea {
				t.ByArea[a] += n
			}
			for k, v := range o.Minutes {
				mins[k] += v
			}
			t.DocumentedHours += o.DocumentedHours
			t.AvailableHours += o.AvailableHours
		}
		t.Minutes, t.Shares, t.Coverage = mins, mins.Shares(), fp(t.DocumentedHours/t.AvailableHours)
		t.OpenCasesPerFTE, t.WeightedCaseloadPerFTE = fp(float64(t.OpenCases)/t.FTE), fp(t.WeightedCaseload/t.FTE)
		t.Checks = []model.Check{
			{Measure: "community_share", Value: fp(t.Shares[carico.KindCommunity]), Assessment: model.Assessment{Status: model.StatusOK, Rule: "Quota di lavoro di comunità pari o superiore all'obiettivo del 10 % (scelta del servizio)."}},
			// The team's worst check is the coverage's: a row showing
			// another figure must not borrow its status (issue 12).
			{Measure: "load", Value: fp(0.98), Assessment: model.Assessment{Status: model.StatusOK, Rule: "Carico ponderato medio al 98 % del tempo per i casi, entro il 100 % (UK probation Workload Measurement Tool)."}},
			{Measure: "coverage", Value: t.Coverage, Assessment: model.Assessment{Status: model.StatusWarning, Rule: "Ore documentate (9.489,0) oltre le ore disponibili: straordinari o errori nel diario."}},
		}
		t.Assessment = model.Assessment{Status: model.StatusWarning, Rule: "Ore documentate (9.489,0) oltre le ore disponibili: straordinari o errori nel diario."}
		return t
	}
	for _, r := range []carico.Role{carico.RoleSocialWorker, carico.RoleEducator, carico.RoleClerk} {
		m.Teams = append(m.Teams, teamOf(string(r), r.Label(), func(o model.OperatorMetrics) bool { return o.Role == r }))
	}
	m.Teams = append(m.Teams, teamOf("totale", "Totale", func(model.OperatorMetrics) bool { return true }))
	// Comuni: one without social workers, two with very few open cases.
	comuni := []struct {
		istat, name string
		res         int
		fte, perm   float64
		open        int
	}{
		{"016024", "Bergamo Alta", 24000, 2.5, 2.0, 210},
		{"016203", "Seriate", 25800, 2.0, 1.5, 148},
		{"016091", "Grassobbio", 6500, 0.5, 0.5, 2},
		{"016185", "Pedrengo", 5900, 0, 0, 2},
		{"016001", "Adrara San Martino", 2100, 0.25, 0.25, 38},
	}
	var res int
	var fte, perm float64
	for _, c := range comuni {
		l := model.LEPS(c.res, c.perm, cfg.LEPS)
		f := model.LEPSFigures{Residents: c.res, ResidentsYear: 2025, SocialWorkerFTE: c.fte, PermanentSocialWorkerFTE: c.perm,
			ResidentsPerSocialWorker: model.ResidentsPer(c.res, c.fte), ResidentsPerPermanentSocialWorker: l.ResidentsPerFTE,
			FTEMissingLEP: l.FTEMissingLEP, FTEMissingTarget: l.FTEMissingTarget, Assessment: l.Assessment}
		m.Comuni = append(m.Comuni, model.ComuneMetrics{ISTAT: c.istat, Name: c.name, LEPSFigures: f, OpenCases: c.open})
		res += c.res
		fte += c.fte
		perm += c.perm
	}
	l := model.LEPS(res, perm, cfg.LEPS)
	m.Ambito = model.AmbitoMetrics{Name: "Seriate", Comuni: len(comuni), ContributionEUR: l.ContributionEUR, LEPS: l,
		LEPSFigures: model.LEPSFigures{Residents: res, ResidentsYear: 2025, SocialWorkerFTE: fte, PermanentSocialWorkerFTE: perm,
			ResidentsPerSocialWorker: model.ResidentsPer(res, fte), ResidentsPerPermanentSocialWorker: l.ResidentsPerFTE,
			FTEMissingLEP: l.FTEMissingLEP, FTEMissingTarget: l.FTEMissingTarget, Assessment: l.Assessment}}
	// Staffing.
	cats := []model.WISNResult{
		model.WISN(model.WISNInput{Category: string(carico.RoleSocialWorker), AWTHours: 1468, ActualFTE: 4.33,
			Main:    []model.WISNActivity{{Name: "Lavoro sul caso", Units: 363, HoursPerUnit: 14}, {Name: "Segretariato", Units: 2100, HoursPerUnit: 0.5}},
			Support: []model.WISNSupport{{Name: "Comunità", Percent: 12}, {Name: "Amministrazione", Percent: 8}}}, cfg.Thresholds),
		model.WISN(model.WISNInput{Category: string(carico.RoleEducator), AWTHours: 1468, ActualFTE: 1.67,
			Main: []model.WISNActivity{{Name: "Lavoro sul caso", Units: 36, HoursPerUnit: 40}}}, cfg.Thresholds),
		model.WISN(model.WISNInput{Category: string(carico.RoleClerk), AWTHours: 1468, ActualFTE: 1,
			Main: []model.WISNActivity{{Name: "Segretariato", Units: 1800, HoursPerUnit: 0.5}}}, cfg.Thresholds),
	}
	var req, act float64
	for _, c := range cats {
		req += c.RequiredFTE
		act += c.ActualFTE
	}
	m.Staffing.WISN = model.WISNStaffing{RequiredFTE: req, ActualFTE: act, Ratio: fp(act / req), Difference: act - req, Categories: cats,
		Assessment: model.Assessment{Status: model.StatusWarning, Rule: "Rapporto WISN sotto 1,00: personale inferiore al fabbisogno (WHO WISN)."}}
	m.Staffing.WeightedCaseload = model.WeightedCaseloadStaffing{RequiredFTE: 6.1, ActualFTE: 5.83, Ratio: fp(5.83 / 6.1),
		HoursPerFTE: 1468, AllowanceFTE: 0.9,
		Weights: []model.CaseWeightRow{
			{Area: carico.AreaFamily, Complexity: 3, CaseYears: 41, StandardHours: 40, ObservedHours: fp(46.5)},
			{Area: carico.AreaFamily, Complexity: 2, CaseYears: 90, StandardHours: 20, ObservedHours: fp(18.2)},
			{Area: carico.AreaElderly, Complexity: 1, CaseYears: 2, StandardHours: 5, ObservedHours: fp(7)},
			{Area: carico.AreaPoverty, Complexity: 0, CaseYears: 12.5, StandardHours: 12, ObservedHours: nil},
		},
		Assessment: model.Assessment{Status: model.StatusWarning, Rule: "Personale pari al 96 % del fabbisogno calcolato con il carico ponderato (NCSC)."}}
	// Monthly series.
	for i := 0; i < 12; i++ {
		month := fmt.Sprintf("2025-%02d", i+1)
		m.Monthly.Months = append(m.Monthly.Months, month)
	}
	seasonal := func(i int) float64 { // August dip
		if i == 7 {
			return 0.55
		}
		return 1 + 0.05*math.Sin(float64(i))
	}
	for _, o := range m.Operators {
		s := model.Series{ID: o.ID, Name: o.Name}
		for i, month := range m.Monthly.Months {
			mins := model.Minutes{}
			for k, v := range o.Minutes {
				mins[k] = int64(float64(v) / 12 * seasonal(i))
			}
			doc := float64(mins.Total()) / 60
			avail := o.AvailableHours / 12
			s.Points = append(s.Points, model.MonthPoint{Month: month, OpenCases: o.OpenCases - 6 + i/2, WeightedCaseload: o.WeightedCaseload * (0.9 + 0.01*float64(i)),
				TimeSplit: model.TimeSplit{Minutes: mins, Shares: mins.Shares(), DocumentedHours: doc, AvailableHours: avail, Coverage: fp(doc / avail)}})
			m.Quality.Coverage = append(m.Quality.Coverage, model.CoverageRow{OperatorID: o.ID, Month: month, DocumentedHours: doc, AvailableHours: avail, Coverage: fp(doc / avail),
				Assessment: model.Assessment{Status: map[bool]model.Status{true: model.StatusWarning, false: model.StatusOK}[doc/avail < 0.5], Rule: "Copertura"}})
		}
		m.Monthly.Operators = append(m.Monthly.Operators, s)
	}
	team := model.Series{ID: "totale", Name: "Totale"}
	for i, month := range m.Monthly.Months {
		p := model.MonthPoint{Month: month, TimeSplit: model.TimeSplit{Minutes: model.Minutes{}}}
		for _, s := range m.Monthly.Operators {
			q := s.Points[i]
			p.OpenCases += q.OpenCases
			p.WeightedCaseload += q.WeightedCaseload
			p.DocumentedHours += q.DocumentedHours
			p.AvailableHours += q.AvailableHours
			for k, v := range q.Minutes {
				p.Minutes[k] += v
			}
		}
		p.Shares, p.Coverage = p.Minutes.Shares(), fp(p.DocumentedHours/p.AvailableHours)
		team.Points = append(team.Points, p)
	}
	m.Monthly.Team = team
	// Quality.
	m.Quality.Rule = "Cartelle aperte senza voci nel diario da 365 giorni: andrebbero chiuse (laboratorio sulla cartella sociale, Bergamo 2018)."
	dormant := []struct{ id, op, istat string }{
		{"C-000117", "AS01", "016024"}, {"C-000245", "AS01", "016024"}, {"C-000311", "AS01", "016203"}, {"C-000390", "AS01", "016024"},
		{"C-000412", "AS02", "016203"}, {"C-000518", "AS04", "016091"}, {"C-000533", "AS04", "016024"}, {"C-000601", "ED02", "016001"},
	}
	for i, d := range dormant {
		last := day(2024, time.Month(1+i), 10)
		dc := model.DormantCase{CaseID: d.id, OperatorID: d.op, ISTAT: d.istat, Area: carico.AreaFamily, Opened: day(2022, 3, 1+i), DaysSilent: 400 + 20*i}
		if i != 2 {
			dc.LastActivity = &last
		}
		m.Quality.Dormant = append(m.Quality.Dormant, dc)
	}
	m.Quality.DormantCases = len(dormant)
	m.Quality.Rejected = []model.RejectedRows{
		{BatchID: 1, File: "diario_2025.csv", Rejected: 14, Reasons: map[string]int{"data non valida": 9, "durata oltre 24 ore": 5}},
		{BatchID: 2, File: "cartelle_2025.xlsx", Rejected: 2, Reasons: map[string]int{"codice fiscale non valido": 2}},
	}
	imported := time.Date(2026, 1, 15, 9, 30, 0, 0, time.UTC)
	m.Sources = []model.Batch{
		{ID: 1, File: "diario_2025.csv", SHA256: "9f2c1e7d4b0a8e5f3c6d2a1b7e9f0c4d8a3b5e6f1c2d7a9b0e4f3c8d6a5b2e1f", Kind: "activities", Profile: "vendor-a-diario.toml", ImportedAt: imported, RowsRead: 41234, Inserted: 41220, Rejected: 14},
		{ID: 2, File: "cartelle_2025.xlsx", SHA256: "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b", Kind: "cases", Profile: "vendor-b-cartelle.toml", ImportedAt: imported, RowsRead: 602, Inserted: 600, Rejected: 2},
		{ID: 3, File: "personale.xlsx", SHA256: "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", Kind: "staff", Profile: "personale.toml", ImportedAt: imported, RowsRead: 9, Inserted: 9},
	}
	return m
}
