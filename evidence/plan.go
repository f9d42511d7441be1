package evidence

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/model"
	"github.com/carico/carico/reports"
	"github.com/carico/carico/store"
)

// buildPlan computes the Ufficio di Piano's part: the Ambito's forecasts,
// the scenarios and, when the data allow, the zones.
func buildPlan(ctx context.Context, db *store.DB, m *model.Metrics, p Params) (*reports.Plan, planning.Baseline, error) {
	plan := &reports.Plan{}
	forecasts := p.Forecasts
	if forecasts == nil {
		forecasts = func(ctx context.Context) ([]reports.Forecast, error) { return Forecasts(ctx, db) }
	}
	var err error
	if plan.Forecasts, err = forecasts(ctx); err != nil {
		return nil, planning.Baseline{}, err
	}
	base, err := Baseline(ctx, db, m)
	if err != nil {
		return nil, base, err
	}
	if plan.Hires, err = planning.RunScenarios(base, planning.DefaultScenarios(base, m.Config), m.Config); err != nil {
		return nil, base, err
	}
	if err := runScenarios(plan, base, m.Config, p); err != nil {
		return nil, base, err
	}
	if plan.Zones, err = zones(ctx, db, base, m, p); err != nil {
		return nil, base, err
	}
	return plan, base, nil
}

// Forecasts projects the Ambito's new and open cartelle, each from the
// longest complete history of its measure (planning.HistoryWindow): they
// depend on the data, not on a period. The result is shared by whoever
// keeps it: it must not be changed.
func Forecasts(ctx context.Context, db *store.DB) ([]reports.Forecast, error) {
	var out []reports.Forecast
	for _, measure := range []planning.Measure{planning.NewCases, planning.OpenCases} {
		hist, err := planning.HistoryWindow(ctx, db.DB, measure)
		if errors.Is(err, planning.ErrNoHistory) {
			continue // no month to learn from: the report goes without
		}
		if err != nil {
			return nil, err
		}
		series, err := planning.MonthlySeries(ctx, db.DB, measure, hist.First, hist.Last)
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
			f.Basis = &hist
			out = append(out, reports.Forecast{Measure: measure, Observed: s, SeriesForecast: f})
		}
	}
	return out, nil
}

// runScenarios sets the plan's scenarios: those of p.ScenarioText or of
// the file p.Scenarios, or the threshold scenarios when neither is given.
func runScenarios(plan *reports.Plan, base planning.Baseline, cfg *model.Config, p Params) error {
	plan.Scenarios, plan.ScenarioFile = plan.Hires, ""
	text, name := []byte(p.ScenarioText), "pubblicati"
	if p.ScenarioText == "" {
		if p.Scenarios == "" {
			return nil
		}
		var err error
		if text, err = os.ReadFile(p.Scenarios); err != nil {
			return fmt.Errorf("scenari %s: file non leggibile", p.Scenarios)
		}
		name, plan.ScenarioFile = p.Scenarios, filepath.Base(p.Scenarios)
	}
	sf, err := planning.ParseScenarios(name, text)
	if err != nil {
		return err
	}
	plan.Scenarios, err = planning.RunScenarios(base, sf, cfg)
	return err
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
