// Package evidence assembles, for one period and reference date, all that
// carico tells about a service: the workload model, the analysis of flows,
// procedures and the cartella, and the plan (forecasts, staffing scenarios,
// territorial zones). `carico report`, `carico demo` and the web application
// all build their outputs from one Evidence, so that no figure is computed
// twice on the way to a reader.
package evidence

import (
	"context"
	"fmt"
	"time"

	"github.com/carico/carico/analytics"
	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/model"
	"github.com/carico/carico/reports"
	"github.com/carico/carico/store"
	"github.com/carico/carico/weights"
)

// Params selects what Build measures. Zero dates take the model's defaults:
// the last full calendar year of data, and its last day as reference date.
type Params struct {
	At, From, To time.Time
	// Config is the one configuration file's content; nil means the
	// defaults.
	Config *analytics.Config
	// Scenarios is a scenario file (TOML); empty means the default
	// scenarios: the current staff and the hires that reach 1:5.000 and
	// 1:4.000.
	Scenarios string
	// Adjacency is the file of neighbouring territorial units (pairs of
	// quartieri or ISTAT codes); zones are proposed only when it is given
	// and the cartelle carry zones.
	Adjacency string
	// ZoneComune is the comune whose quartieri are grouped; empty means
	// the comune whose cartelle carry a zone most often.
	ZoneComune string
	// Zones is how many zones to propose; 0 means 3.
	Zones int
	// PanelWeights is the panel's weight set (weights.LoadPanelSet), shown
	// beside the standard and observed weights; nil leaves it out.
	PanelWeights *model.WeightSet
}

// Evidence is everything the reports of one period show.
type Evidence struct {
	Metrics  *model.Metrics
	Analysis *analytics.Analysis
	Plan     *reports.Plan
	// Calibration is the case weights observed in the period's diario
	// (the "osservati" set of Metrics.Weights).
	Calibration *weights.Calibration

	base planning.Baseline // what the scenarios run on
}

// Build computes the model, the analysis and the plan for p.
func Build(ctx context.Context, db *store.DB, p Params) (*Evidence, error) {
	if p.Config == nil {
		p.Config = analytics.DefaultConfig()
	}
	m, cal, err := weights.Compute(ctx, db, model.Params{At: p.At, From: p.From, To: p.To, Config: p.Config.Model}, p.PanelWeights, weights.Options{})
	if err != nil {
		return nil, err
	}
	an, err := analytics.Analyze(ctx, db, analytics.Params{Config: p.Config, Workload: m})
	if err != nil {
		return nil, fmt.Errorf("analisi: %w", err)
	}
	plan, base, err := buildPlan(ctx, db, m, p)
	if err != nil {
		return nil, fmt.Errorf("pianificazione: %w", err)
	}
	return &Evidence{Metrics: m, Analysis: an, Plan: plan, Calibration: cal, base: base}, nil
}

// WithScenarios is e with the scenarios of p.Scenarios run again over the
// same baseline, everything else kept: what a change of the scenarios
// alone changes. e is not modified.
func (e *Evidence) WithScenarios(p Params) (*Evidence, error) {
	plan := *e.Plan
	if err := runScenarios(&plan, e.base, e.Metrics.Config, p.Scenarios); err != nil {
		return nil, fmt.Errorf("pianificazione: %w", err)
	}
	c := *e
	c.Plan = &plan
	return &c, nil
}

// Write renders the evidence for one audience into dir: the workbook and
// the dashboard (reports.Write). The operatore's statement carries her own
// figures only; the other audiences get the analysis and the plan.
func (e *Evidence) Write(dir string, opt reports.Options) ([]string, error) {
	if opt.Audience != reports.Operatore {
		opt.Analysis, opt.Plan = e.Analysis, e.Plan
	}
	opt.Calibration = e.Calibration
	return reports.Write(dir, e.Metrics, opt)
}
