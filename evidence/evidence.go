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
	// ScenarioText is scenarios given as the file's text rather than its
	// path (the web application's published scenarios): the report then
	// names no file, since its reader never saw one.
	ScenarioText string
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
	// Forecasts gives the Ambito's forecasts, which depend on the data
	// only, not on the period: a caller that builds the evidence of many
	// periods over the same data (the web application) passes one that
	// keeps them. Nil computes them (Forecasts).
	Forecasts func(context.Context) ([]reports.Forecast, error)
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
	m, cal, err := Metrics(ctx, db, p)
	if err != nil {
		return nil, err
	}
	return BuildOn(ctx, db, p, m, cal)
}

// BuildOn completes the evidence of p from its metrics m and calibration
// cal, already computed (Metrics): the analysis and the plan. A caller
// that adds weight sets to m between the two stages (the demo adds the
// panel it derives from cal) runs the model once all the same.
func BuildOn(ctx context.Context, db *store.DB, p Params, m *model.Metrics, cal *weights.Calibration) (*Evidence, error) {
	an, err := Analyze(ctx, db, p, m)
	if err != nil {
		return nil, err
	}
	plan, base, err := buildPlan(ctx, db, m, p)
	if err != nil {
		return nil, fmt.Errorf("pianificazione: %w", err)
	}
	return &Evidence{Metrics: m, Analysis: an, Plan: plan, Calibration: cal, base: base}, nil
}

// The stages of Build, for the commands that need only part of the
// evidence: each runs the model at most once, and the later stages take
// the metrics of the earlier ones.

// Workload runs the workload model once for p, without the comparison of
// weight sets: what allocate, plan and the yearly history need.
func Workload(ctx context.Context, db *store.DB, p Params) (*model.Metrics, error) {
	return model.Compute(ctx, db, p.model())
}

// Metrics runs the workload model once for p, calibrates the observed
// weights on its period and adds them, and the panel's when given, to the
// comparison of weight sets (weights.Compute).
func Metrics(ctx context.Context, db *store.DB, p Params) (*model.Metrics, *weights.Calibration, error) {
	return weights.Compute(ctx, db, p.model(), p.PanelWeights, weights.Options{})
}

// Analyze analyses flows, procedures, the cartella and the balance of work
// over the period of m, the workload already computed for p.
func Analyze(ctx context.Context, db *store.DB, p Params, m *model.Metrics) (*analytics.Analysis, error) {
	an, err := analytics.Analyze(ctx, db, analytics.Params{Config: p.config(), Workload: m})
	if err != nil {
		return nil, fmt.Errorf("analisi: %w", err)
	}
	return an, nil
}

// Baseline is the planning baseline of m: FTE, residents, allocation
// shares, hours per FTE and the social workers' WISN are the model's own.
func Baseline(ctx context.Context, db *store.DB, m *model.Metrics) (planning.Baseline, error) {
	return planning.NewBaseline(ctx, db.DB, m)
}

func (p Params) config() *analytics.Config {
	if p.Config == nil {
		return analytics.DefaultConfig()
	}
	return p.Config
}

func (p Params) model() model.Params {
	return model.Params{At: p.At, From: p.From, To: p.To, Config: p.config().Model}
}

// WithScenarios is e with the scenarios of p.Scenarios run again over the
// same baseline, everything else kept: what a change of the scenarios
// alone changes. e is not modified.
func (e *Evidence) WithScenarios(p Params) (*Evidence, error) {
	plan := *e.Plan
	if err := runScenarios(&plan, e.base, e.Metrics.Config, p); err != nil {
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

// Summarize is what a home page shows of the report for one audience: its
// lead, headline figures and the sections named by ids (reports.Summarize),
// from the options Write gives the same report. An operatore's digest adds
// the audit's records among her own.
func (e *Evidence) Summarize(opt reports.Options, ids ...string) (*reports.Digest, error) {
	opt.Analysis = e.Analysis
	if opt.Audience != reports.Operatore {
		opt.Plan = e.Plan
	}
	opt.Calibration = e.Calibration
	return reports.Summarize(e.Metrics, opt, ids...)
}
