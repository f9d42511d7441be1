package reports

import (
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/analytics"
	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/model"
)

// withSections adds the fixture's analysis and plan to the options of the
// audiences that get those sections (not the operatore's statement).
func withSections(opt Options) Options {
	if opt.Audience != Operatore {
		opt.Analysis = fixtureAnalysis()
		opt.Plan = fixturePlan()
	}
	return opt
}

// fixtureAnalysis is a hand-built analysis of the fixture's Ambito for 2025,
// with small counts where the politico version must hide them: one death
// among the closures, two pending procedures over term for one initiative,
// an audit rule with a single finding, two cases opened in August.
func fixtureAnalysis() *analytics.Analysis {
	return fixtureAnalysisOf([]int{30, 25, 28, 31, 22, 27, 24, 2, 29, 33, 26, 20}) // August: small
}

// fixtureAnalysisSmallQuarter is fixtureAnalysis with the third quarter's
// openings small too (0, 2, 0): a small count even by quarter.
func fixtureAnalysisSmallQuarter() *analytics.Analysis {
	return fixtureAnalysisOf([]int{30, 25, 28, 31, 22, 27, 0, 2, 0, 33, 26, 20})
}

func fixtureAnalysisOf(opened []int) *analytics.Analysis {
	a := &analytics.Analysis{
		Audience: analytics.Responsabile,
		Period:   analytics.Period{From: "2025-01-01", To: "2025-12-31", At: "2025-12-31"},
		Config:   analytics.DefaultConfig(),
	}
	open := 300
	closed := []int{22, 27, 30, 25, 24, 21, 28, 18, 20, 35, 24, 27}
	a.FlowTotals.OpenStart = open
	for i := range opened {
		open += opened[i] - closed[i]
		r := float64(opened[i]) / float64(closed[i])
		a.Flows = append(a.Flows, analytics.MonthFlow{Month: time.Date(2025, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC).Format("2006-01"), Opened: opened[i], Closed: closed[i], OpenEnd: open, InflowOutflow: &r})
		a.FlowTotals.Opened += opened[i]
		a.FlowTotals.Closed += closed[i]
		a.Access = append(a.Access, analytics.AccessVolume{Month: a.Flows[i].Month, ISTAT: "016198", Comune: "Seriate", Activities: 40 + i, Minutes: int64(900 + 30*i)})
	}
	a.FlowTotals.OpenEnd = open
	// The same flows by comune and by area, over two months for brevity:
	// Grassobbio's two openings are a small cell.
	for _, g := range []analytics.GroupFlow{
		{Key: "016203", Label: "Seriate", Month: "2025-01", Opened: 20, Closed: 15}, {Key: "016203", Label: "Seriate", Month: "2025-02", Opened: 12, Closed: 14},
		{Key: "016091", Label: "Grassobbio", Month: "2025-01", Opened: 2, Closed: 4}, {Key: "016091", Label: "Grassobbio", Month: "2025-02", Opened: 0, Closed: 5},
		{Key: "016001", Label: "Adrara San Martino", Month: "2025-01", Opened: 8, Closed: 3},
		{Key: "016024", Label: "Bergamo Alta", Month: "2025-01", Opened: 0, Closed: 0},
	} {
		a.FlowsByComune = append(a.FlowsByComune, g)
	}
	a.FlowsByArea = []analytics.GroupFlow{
		{Key: "anziani", Label: "Anziani (65 anni e più)", Month: "2025-01", Opened: 15, Closed: 11},
		{Key: "famiglia_minori", Label: "Famiglia e minori", Month: "2025-01", Opened: 14, Closed: 10},
		{Key: "non_indicata", Label: "Area non indicata", Month: "2025-01", Opened: 1, Closed: 1},
	}
	ratio := float64(a.FlowTotals.Opened) / float64(a.FlowTotals.Closed)
	a.FlowTotals.InflowOutflow = &ratio
	a.ClosedByReason = map[string]int{"conclusione": 180, "inattivita": 60, "trasferimento": 60, "decesso": 1}
	a.TimeToClose = analytics.TimeToClose{
		All: analytics.ClosureTimes{Closed: 301, Median: fp(240), P25: fp(120), P75: fp(400), P90: fp(610)},
		ByArea: []analytics.ClosureTimes{
			{Area: "anziani", Label: "Anziani (65 anni e più)", Closed: 150, Median: fp(200), P25: fp(100), P75: fp(380), P90: fp(560)},
			{Area: "famiglia_minori", Label: "Famiglia e minori", Closed: 149, Median: fp(300), P25: fp(150), P75: fp(450), P90: fp(700)},
			{Area: "dipendenze", Label: "Dipendenze", Closed: 2, Median: fp(90), P25: fp(80), P75: fp(100), P90: fp(108)},
		},
	}
	a.Reopenings = analytics.Reopenings{WindowMonths: 12, Reopened: 14, Opened: a.FlowTotals.Opened, Share: fp(14 / float64(a.FlowTotals.Opened))}
	a.Timeliness = analytics.Timeliness{
		TermDays:          30,
		TimelinessFigures: analytics.TimelinessFigures{Decisions: 140, WithinTerm: 120, OverTerm: 20, MedianDays: fp(18), P90Days: fp(36), Pending: 12, PendingOverTerm: 5},
		ByInitiative: []analytics.InitiativeTimeliness{
			{Initiative: "istanza", Label: "Istanza di parte", TermDays: 30, TimelinessFigures: analytics.TimelinessFigures{Decisions: 100, WithinTerm: 85, OverTerm: 15, MedianDays: fp(17), P90Days: fp(35), Pending: 9, PendingOverTerm: 3}},
			{Initiative: "altro_ente", Label: "Richiesta di altro ente", TermDays: 30, TimelinessFigures: analytics.TimelinessFigures{Decisions: 40, WithinTerm: 35, OverTerm: 5, MedianDays: fp(20), P90Days: fp(38), Pending: 3, PendingOverTerm: 2}},
		},
	}
	a.Audit = []analytics.Rule{
		{Rule: "dormant", Count: 8, Denominator: 320, Share: fp(8.0 / 320), Base: "cartelle aperte alla data di riferimento", Severity: analytics.Medium, Description: "Cartelle aperte senza attività da un anno.",
			Findings: []analytics.Finding{{CaseID: "C-2021-0042", OperatorID: "AS01", Detail: "nessuna attività dal 03/11/2024"}}},
		{Rule: "operator_gone", Count: 1, Denominator: 320, Share: fp(1.0 / 320), Base: "cartelle aperte alla data di riferimento", Severity: analytics.High, Description: "Cartelle aperte assegnate a un operatore non più in servizio.",
			Findings: []analytics.Finding{{CaseID: "C-2022-0107", OperatorID: "AS03", Detail: "operatore cessato il 30/06/2025"}}},
	}
	m := fixtureMetrics()
	a.Balance = analytics.Balance{At: "2025-12-31", CommunityTarget: 0.1}
	a.Balance.Roles = []analytics.RoleBalance{
		{Role: carico.RoleSocialWorker, Label: "Assistente sociale", WeightedCaseloadPerFTE: analytics.Dispersion{N: 5, Median: fp(1100), CV: fp(0.31), MaxOverMedian: fp(1.8), Gini: fp(0.17)}, CommunityShare: analytics.Dispersion{N: 5, Median: fp(0.08)}, BelowCommunityTarget: 3},
		{Role: carico.RoleEducator, Label: "Educatore professionale", WeightedCaseloadPerFTE: analytics.Dispersion{N: 2, Median: fp(300), CV: fp(0.05), MaxOverMedian: fp(1.05), Gini: fp(0.03)}, CommunityShare: analytics.Dispersion{N: 2, Median: fp(0.2)}, BelowCommunityTarget: 0},
	}
	for _, o := range m.Operators {
		if o.Role != carico.RoleSocialWorker && o.Role != carico.RoleEducator {
			continue
		}
		per := o.WeightedCaseload / o.FTE
		med := 1100.0
		if o.Role == carico.RoleEducator {
			med = 300
		}
		from, rel := per-med, per/med-1
		a.Balance.Operators = append(a.Balance.Operators, analytics.OperatorBalance{ID: o.ID, Name: o.Name, Role: o.Role, FTE: o.FTE,
			WeightedCaseloadPerFTE: &per, CaseloadFromMedian: &from, CaseloadRelative: &rel})
	}
	return a
}

// fixturePlan is a forecast of 24 months of history and 12 ahead, the
// baseline and one scenario, and three zones of six quartieri.
func fixturePlan() *Plan {
	hist := planning.Series{Name: "ambito", Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	for i := range 24 {
		hist.Values = append(hist.Values, float64(25+(i*7)%11))
	}
	f := planning.SeriesForecast{Name: "ambito", Method: planning.SeasonalNaive, MASE: fp(0.92), History: 24,
		Backtest: []planning.MethodScore{{Method: planning.SeasonalNaive, MASE: fp(0.92), Coverage80: fp(0.79), Coverage95: fp(0.93), Forecasts: 72}}}
	for i := range 12 {
		v := hist.Values[12+i]
		f.Points = append(f.Points, planning.Point{Month: time.Date(2026, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC).Format("2006-01"),
			Value: v, Lo80: v - 6, Hi80: v + 6, Lo95: v - 9, Hi95: v + 9})
	}
	base := planning.ScenarioResult{Name: "Situazione attuale", Ambito: planning.AmbitoResult{
		Figures:         planning.Figures{Residents: 61200, PermanentSocialWorkerFTE: 6, ResidentsPerPermanentSocialWorker: fp(10200), LEPS: model.Assessment{Status: model.StatusCritical}},
		ContributionEUR: 0}}
	hire := planning.ScenarioResult{Name: "Quattro assunzioni", Ambito: planning.AmbitoResult{
		Figures:         planning.Figures{Residents: 61200, PermanentSocialWorkerFTE: 10, ResidentsPerPermanentSocialWorker: fp(6120), LEPS: model.Assessment{Status: model.StatusWarning}},
		ContributionEUR: 23385, AddedCostEUR: 4 * 42000, NetCostEUR: 4*42000 - 23385}}
	units := []planning.Unit{{ID: "Centro", Workload: 900}, {ID: "Stazione", Workload: 500}, {ID: "Nord", Workload: 450}, {ID: "Sud", Workload: 520}, {ID: "Est", Workload: 430}, {ID: "Ovest", Workload: 480}}
	z := &Zones{
		Comune: "Seriate", Units: units, CurrentBasis: "area",
		Edges: [][2]string{{"Centro", "Stazione"}, {"Centro", "Nord"}, {"Centro", "Sud"}, {"Stazione", "Est"}, {"Nord", "Ovest"}, {"Sud", "Est"}},
		Proposed: planning.Partition{Method: "esatto", Dispersion: planning.Dispersion{CV: 0.04, MaxMin: fp(1.1)}, Zones: []planning.Zone{
			{ID: "Z1", Units: []string{"Centro"}, WorkloadHours: 900, FTENeeded: 0.9},
			{ID: "Z2", Units: []string{"Est", "Stazione"}, WorkloadHours: 930, FTENeeded: 0.93},
			{ID: "Z3", Units: []string{"Nord", "Ovest", "Sud"}, WorkloadHours: 1450, FTENeeded: 1.45},
		}},
		Current: planning.Partition{Dispersion: planning.Dispersion{CV: 0.55, MaxMin: fp(4.2)}, Zones: []planning.Zone{
			{ID: "Minori e famiglia", Units: []string{"famiglia_minori"}, WorkloadHours: 1800, FTENeeded: 1.8},
			{ID: "Anziani", Units: []string{"anziani"}, WorkloadHours: 1050, FTENeeded: 1.05},
			{ID: "Disabili", Units: []string{"disabili"}, WorkloadHours: 430, FTENeeded: 0.43},
		}},
	}
	return &Plan{
		Forecasts:    []Forecast{{Measure: planning.NewCases, Observed: hist, SeriesForecast: f}},
		Scenarios:    []planning.ScenarioResult{base, hire},
		ScenarioFile: "scenari.toml",
		Zones:        z,
	}
}
