package evidence

import (
	"context"

	"fmt"
	"github.com/carico/carico"
	"os"
	"path/filepath"

	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/model"
	"github.com/carico/carico/reports"
	"github.com/carico/carico/store"
)

// buildPlan computes the Ufficio di Piano's part: the Ambito's forecasts,
// the scenarios and, when the data allow, the zones.
func buildPlan(ctx context.Context, db *store.DB, m *model.Metrics, p Params) (*reports.Plan, error) {
	plan := &reports.Plan{}
	var err error
	if plan.Forecasts, err = forecasts(ctx, db); err != nil {
		return nil, err
	}
	base, err := planning.LoadBaseline(ctx, db.DB, m.Period.At.Time, m.Config)
	if err != nil {
		return nil, err
	}
	if plan.Hires, err = planning.RunScenarios(base, thresholdScenarios(m), m.Config); err != nil {
		return nil, err
	}
	plan.Scenarios = plan.Hires
	if p.Scenarios != "" {
		if plan.Scenarios, plan.ScenarioFile, err = scenarios(base, m.Config, p.Scenarios); err != nil {
			return nil, err
		}
	}
	if plan.Zones, err = zones(ctx, db, base, m, p); err != nil {
		return nil, err
	}
	return plan, nil
}

// forecasts projects the Ambito's new and open cartelle.
func forecasts(ctx context.Context, db *store.DB) ([]reports.Forecast, error) {
	from, to, err := planning.DataWindow(ctx, db.DB)
	if err != nil {
		return nil, err
	}
	first, last := planning.CompleteMonths(from, to)
	var out []reports.Forecast
	for _, measure := range []planning.Measure{planning.NewCases, planning.OpenCases} {
		series, err := planning.MonthlySeries(ctx, db.DB, measure, first, last)
		if err != nil {
			return nil, err
		}
		for _, s := range series {
			if s.Name != "ambito" {
				continue
			}
			f, err := planning.ForecastSeries(s, planning.DefaultForecastOptions())
			if err != nil {
				return nil, fmt.Errorf("previsione %s: %w", measure, err)
			}
			out = append(out, reports.Forecast{Measure: measure, Observed: s, SeriesForecast: f})
		}
	}
	return out, nil
}

// thresholdScenarios hires the permanent social-worker FTE the Ambito
// lacks to 1:5.000 and to 1:4.000, spread over the comuni by residents.
func thresholdScenarios(m *model.Metrics) *planning.ScenarioFile {
	f := &planning.ScenarioFile{}
	for _, t := range []struct {
		name string
		fte  float64
	}{{"Assunzioni per 1:5.000", m.Ambito.FTEMissingLEP}, {"Assunzioni per 1:4.000", m.Ambito.FTEMissingTarget}} {
		if t.fte <= 0 {
			continue
		}
		f.Scenarios = append(f.Scenarios, planning.Scenario{Name: t.name,
			Description: "Assistenti sociali a tempo indeterminato mancanti alla soglia, ripartiti tra i comuni per residenti.",
			Staff:       []planning.StaffChange{{Action: "hire", Role: carico.RoleSocialWorker, Contract: carico.ContractPermanent, FTE: t.fte}}})
	}
	return f
}

// scenarios runs the scenario file at path.
func scenarios(base planning.Baseline, cfg *model.Config, path string) ([]planning.ScenarioResult, string, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("scenari %s: file non leggibile", path)
	}
	sf, err := planning.ParseScenarios(path, text)
	if err != nil {
		return nil, "", err
	}
	res, err := planning.RunScenarios(base, sf, cfg)
	return res, filepath.Base(path), err
}

// zones proposes the zones of p.ZoneComune's quartieri (or of the comune
// whose cartelle carry them), when an adjacency file is given.
func zones(ctx context.Context, db *store.DB, base planning.Baseline, m *model.Metrics, p Params) (*reports.Zones, error) {
	if p.Adjacency == "" {
		return nil, nil
	}
	at := m.Period.At.Time
	istat := p.ZoneComune
	if istat == "" {
		var err error
		if istat, err = planning.ZonedComune(ctx, db.DB, at); err != nil || istat == "" {
			return nil, err
		}
	}
	k := p.Zones
	if k == 0 {
		k = 3
	}
	z, err := planning.PlanZones(ctx, db.DB, base, at, m.Config, planning.ZoneRequest{Comune: istat, K: k, Adjacency: p.Adjacency, Current: "area"})
	if err != nil {
		return nil, err
	}
	name := istat
	for _, c := range m.Comuni {
		if c.ISTAT == istat {
			name = c.Name
		}
	}
	return &reports.Zones{Comune: name, Units: z.Units, Edges: z.Edges, Proposed: z.Proposed,
		Current: z.Current.Partition, CurrentBasis: z.Current.Basis}, nil
}
