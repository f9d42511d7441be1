package web

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/carico/carico/analytics"
	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/model"
	"github.com/carico/carico/reports"
)

// filters are what a dashboard is computed for: the period, the reference
// date and, for a statement, the operator.
type filters struct {
	From, To, At time.Time
	Operator     string
}

// parseFilters reads the filters of a dashboard's query string; empty ones
// keep the model's defaults.
func parseFilters(q url.Values) (filters, error) {
	var f filters
	for _, d := range []struct {
		key, label string
		dst        *time.Time
	}{{"dal", "inizio del periodo", &f.From}, {"al", "fine del periodo", &f.To}, {"data", "data di riferimento", &f.At}} {
		v := strings.TrimSpace(q.Get(d.key))
		if v == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return f, fmt.Errorf("%s non valida: %q (usare aaaa-mm-gg)", d.label, v)
		}
		*d.dst = t
	}
	if f.From.IsZero() != f.To.IsZero() {
		return f, fmt.Errorf("indicare sia l'inizio sia la fine del periodo, o nessuno dei due")
	}
	if !f.From.IsZero() && f.To.Before(f.From) {
		return f, fmt.Errorf("la fine del periodo precede l'inizio")
	}
	f.Operator = strings.TrimSpace(q.Get("operatore"))
	return f, nil
}

func (f filters) query() string {
	q := url.Values{}
	if !f.From.IsZero() {
		q.Set("dal", f.From.Format(time.DateOnly))
		q.Set("al", f.To.Format(time.DateOnly))
	}
	if !f.At.IsZero() {
		q.Set("data", f.At.Format(time.DateOnly))
	}
	if f.Operator != "" {
		q.Set("operatore", f.Operator)
	}
	return q.Encode()
}

// evidence is everything the reports render for one set of filters.
type evidence struct {
	Metrics  *model.Metrics
	Analysis *analytics.Analysis
	Plan     *reports.Plan
}

// compute is the one place where the web application asks for figures: the
// model, the analysis and the plan, exactly as `carico report` and the demo
// compute them. The web layer computes nothing of its own.
//
// A personal statement needs the model only (reports.Options leaves the
// analysis and the plan out of it), so full is false for it.
func (s *Server) compute(ctx context.Context, f filters, full bool) (*evidence, error) {
	m, err := model.Compute(ctx, s.db, model.Params{At: f.At, From: f.From, To: f.To, Config: s.opt.Config})
	if err != nil || !full {
		return &evidence{Metrics: m}, err
	}
	an, err := analytics.Analyze(ctx, s.db, analytics.Params{Workload: m})
	if err != nil {
		return nil, fmt.Errorf("analisi: %w", err)
	}
	plan, err := s.plan(ctx, m)
	if err != nil {
		return nil, err
	}
	return &evidence{Metrics: m, Analysis: an, Plan: plan}, nil
}

// plan is the Ambito's forecasts and the scenarios saved in the database.
func (s *Server) plan(ctx context.Context, m *model.Metrics) (*reports.Plan, error) {
	cfg := m.Config
	if cfg == nil {
		cfg = model.DefaultConfig()
	}
	plan := &reports.Plan{}
	from, to, err := planning.DataWindow(ctx, s.db.DB)
	if err != nil {
		return nil, err
	}
	first, last := planning.CompleteMonths(from, to)
	for _, measure := range []planning.Measure{planning.NewCases, planning.OpenCases} {
		series, err := planning.MonthlySeries(ctx, s.db.DB, measure, first, last)
		if err != nil {
			return nil, err
		}
		for _, sr := range series {
			if sr.Name != "ambito" {
				continue
			}
			fc, err := planning.ForecastSeries(sr, planning.DefaultForecastOptions())
			if err != nil {
				continue // too short a history: the page says what it has
			}
			plan.Forecasts = append(plan.Forecasts, reports.Forecast{Measure: measure, Observed: sr, SeriesForecast: fc})
		}
	}
	sf, err := s.savedScenarios(ctx)
	if err != nil || sf == nil {
		return plan, err
	}
	base, err := planning.LoadBaseline(ctx, s.db.DB, m.Period.At.Time, cfg)
	if err != nil {
		return nil, err
	}
	if plan.Scenarios, err = planning.RunScenarios(base, sf, cfg); err != nil {
		return nil, err
	}
	plan.ScenarioFile = "scenari salvati in carico"
	return plan, nil
}

// rendered is one report as the reports package writes it.
type rendered struct {
	HTML, Workbook []byte
	Name           string // the workbook's file name
}

// cache keeps the last reports rendered, until the data change.
type cache struct {
	mu   sync.Mutex
	gen  int // bumped by every import and saved scenario
	keys []string
	m    map[string]*rendered
}

const cacheSize = 12

func (c *cache) invalidate() {
	c.mu.Lock()
	c.gen++
	c.keys, c.m = nil, nil
	c.mu.Unlock()
}

// report renders the report of one audience for f, from the cache when the
// data have not changed since.
func (s *Server) report(ctx context.Context, aud reports.Audience, f filters) (*rendered, error) {
	if aud != reports.Operatore {
		f.Operator = ""
	}
	key := string(aud) + "?" + f.query()
	s.cache.mu.Lock()
	r, gen := s.cache.m[key], s.cache.gen
	s.cache.mu.Unlock()
	if r != nil {
		return r, nil
	}
	ev, err := s.compute(ctx, f, aud != reports.Operatore)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(s.opt.TempDir, "carico-rapporto-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	opt := reports.Options{Audience: aud, OperatorID: f.Operator, Generated: s.opt.Now()}
	if aud != reports.Operatore {
		opt.Analysis, opt.Plan = ev.Analysis, ev.Plan
	}
	files, err := reports.Write(dir, ev.Metrics, opt)
	if err != nil {
		return nil, err
	}
	r = &rendered{Name: filepath.Base(files[0])}
	if r.Workbook, err = os.ReadFile(files[0]); err != nil {
		return nil, err
	}
	if r.HTML, err = os.ReadFile(files[1]); err != nil {
		return nil, err
	}
	s.cache.mu.Lock()
	if s.cache.gen == gen {
		if s.cache.m == nil {
			s.cache.m = map[string]*rendered{}
		}
		if len(s.cache.keys) >= cacheSize {
			delete(s.cache.m, s.cache.keys[0])
			s.cache.keys = s.cache.keys[1:]
		}
		s.cache.m[key] = r
		s.cache.keys = append(s.cache.keys, key)
	}
	s.cache.mu.Unlock()
	return r, nil
}
