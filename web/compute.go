package web

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/allocate"
	"github.com/carico/carico/evidence"
	"github.com/carico/carico/reports"
)

// filters are what a dashboard is computed for: the period, the reference
// date and, for a statement, the operator. Comune (an ISTAT code) and Area
// narrow the dashboard's view (reports.Scope), never its computation.
type filters struct {
	From, To, At time.Time
	Operator     string
	Comune, Area string
}

// scope is the view of the report the filters ask for.
func (f filters) scope() reports.Scope {
	return reports.Scope{Comune: f.Comune, Area: carico.Area(f.Area)}
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
	f.Comune = strings.TrimSpace(q.Get("comune"))
	if f.Area = strings.TrimSpace(q.Get("area")); f.Area != "" && !carico.Area(f.Area).Valid() {
		return f, fmt.Errorf("area di utenza sconosciuta: %q (scegliere un'area dall'elenco)", f.Area)
	}
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
	if f.Comune != "" {
		q.Set("comune", f.Comune)
	}
	if f.Area != "" {
		q.Set("area", f.Area)
	}
	return q.Encode()
}

// compute is the one place where the web application asks for figures:
// evidence.Build, as `carico report` and the demo call it, with the
// scenarios published in the database. The web layer computes nothing of its
// own. The evidence depends on the dates only: every audience, operator,
// comune and area of a period is drawn from the same one, kept until the
// data change; a scenario published or withdrawn runs the scenarios again over it.
func (s *Server) compute(ctx context.Context, f filters) (*evidence.Evidence, error) {
	key := filters{From: f.From, To: f.To, At: f.At}.query()
	s.cache.mu.Lock()
	ev, stale, gen := s.cache.evidence.get(key), s.cache.stale.get(key), s.cache.gen
	fl := s.cache.building[key]
	if ev == nil && (fl == nil || fl.gen != gen) {
		// This request builds; those that come meanwhile wait for it
		// rather than build the same evidence again.
		fl = &flight{gen: gen, done: make(chan struct{})}
		if s.cache.building == nil {
			s.cache.building = map[string]*flight{}
		}
		s.cache.building[key] = fl
		s.cache.mu.Unlock()
		// Not cancelled with the request that started it: others wait.
		s.fly(context.WithoutCancel(ctx), key, f, stale, fl)
		s.cache.mu.Lock()
	}
	s.cache.mu.Unlock()
	if ev != nil {
		return ev, nil
	}
	select {
	case <-fl.done:
		return fl.ev, fl.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// fly builds the evidence of fl, keeps it under key if the data have not
// changed meanwhile, and lets those waiting for it go — even when the
// build panics, which then goes on up.
func (s *Server) fly(ctx context.Context, key string, f filters, stale *evidence.Evidence, fl *flight) {
	fl.err = errors.New("calcolo delle cifre interrotto da un errore interno")
	defer func() {
		s.cache.mu.Lock()
		defer s.cache.mu.Unlock()
		if s.cache.building[key] == fl {
			delete(s.cache.building, key)
		}
		if fl.err == nil && s.cache.gen == fl.gen {
			s.cache.evidence.put(key, fl.ev, evidenceCacheSize)
		}
		close(fl.done)
	}()
	fl.ev, fl.err = s.build(ctx, f, stale)
}

// flight is an evidence being built for a generation of the data.
type flight struct {
	gen  int
	done chan struct{} // closed when ev or err is set
	ev   *evidence.Evidence
	err  error
}

// build is the evidence for f's dates, with the published scenarios run
// again over stale when there is one.
func (s *Server) build(ctx context.Context, f filters, stale *evidence.Evidence) (*evidence.Evidence, error) {
	p := evidence.Params{At: f.At, From: f.From, To: f.To, Config: s.opt.Config, Forecasts: s.forecasts}
	text, err := s.publishedScenarios(ctx)
	if err != nil {
		return nil, err
	}
	p.ScenarioText = text
	if stale != nil {
		return stale.WithScenarios(p)
	}
	return evidence.Build(ctx, s.db, p)
}

// forecasts are the Ambito's forecasts, computed once for every period of
// the same data.
func (s *Server) forecasts(ctx context.Context) ([]reports.Forecast, error) {
	return memo(&s.cache, func(c *cache) *lru[[]reports.Forecast] { return &c.forecasts }, "ambito", 1,
		func() ([]reports.Forecast, error) { return evidence.Forecasts(ctx, s.db) })
}

// dataChanged forgets every computed figure, then computes again what the
// responsabile opens first (warm), so that the first request after an
// import finds it ready (docs/web.md, «Tempi»).
func (s *Server) dataChanged(ctx context.Context) {
	s.cache.invalidate()
	s.warm(ctx)
}

// warm computes what the responsabile opens first — the evidence of the
// default period, her report, her home page and its queue. A failure is
// left for the page that asks to show.
func (s *Server) warm(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if _, err := s.report(ctx, reports.Responsabile, filters{}); err != nil {
		return
	}
	if _, _, err := s.QueueItems(ctx, filters{}); err != nil {
		return
	}
	_, _ = s.digest(ctx, homePages()[Responsabile].audience, filters{}, homePages()[Responsabile].sections)
}

// changedInPage forgets every computed figure at once, for the page that
// changed the capacity register (the forecasts, which depend on the
// cartelle alone, stay), and computes them again in the background (warm): the
// page answers at once, the next report finds its figures ready or being
// computed. Close waits for it.
func (s *Server) changedInPage() {
	s.cache.invalidateFigures()
	s.background.Go(func() { s.warm(s.stopping) })
}

// rendered is one report as the reports package writes it, and the
// period it was computed for (the model's default when none was asked).
type rendered struct {
	HTML, Workbook []byte
	From, To, At   time.Time
}

// named is f with the report's period where f leaves it to the model, for
// the name of a download.
func (r *rendered) named(f filters) filters {
	if f.From.IsZero() {
		f.From, f.To = r.From, r.To
	}
	if f.At.IsZero() {
		f.At = r.At
	}
	return f
}

// cache keeps the evidence of the last periods asked for and the last
// reports rendered, until the data or the scenarios change.
type cache struct {
	mu       sync.Mutex
	gen      int // bumped by every import, saved scenario and recorded decision
	evidence lru[*evidence.Evidence]
	// stale is the evidence computed before the last saved scenario,
	// whose scenarios alone must run again.
	stale   lru[*evidence.Evidence]
	reports lru[*rendered]
	digests lru[*reports.Digest] // the home pages' (home.go)
	pdfs    lru[[]byte]          // the statements printed (pdf.go)
	// queues are the allocation queues by reference date (queue.go),
	// forgotten as well when a decision is recorded.
	queues lru[[]allocate.Item]
	// forecasts are the Ambito's forecasts, the same for every period:
	// forgotten only when the data change.
	forecasts lru[[]reports.Forecast]
	// building is the evidence being built, by key, for the requests
	// that ask for it meanwhile.
	building map[string]*flight
}

const (
	evidenceCacheSize = 4
	reportCacheSize   = 12
)

// invalidate forgets everything: the data changed.
func (c *cache) invalidate() {
	c.mu.Lock()
	c.forgetFigures()
	c.forecasts = lru[[]reports.Forecast]{}
	c.mu.Unlock()
}

// invalidateFigures forgets every figure but the forecasts, which depend
// on the cartelle alone: a page changed the capacity register.
func (c *cache) invalidateFigures() {
	c.mu.Lock()
	c.forgetFigures()
	c.mu.Unlock()
}

// forgetFigures forgets the evidence and all that is drawn from it;
// c.mu is held.
func (c *cache) forgetFigures() {
	c.gen++
	c.evidence, c.stale, c.reports = lru[*evidence.Evidence]{}, lru[*evidence.Evidence]{}, lru[*rendered]{}
	c.digests = lru[*reports.Digest]{}
	c.queues, c.pdfs = lru[[]allocate.Item]{}, lru[[]byte]{}
}

// forgetQueues forgets the allocation queues: a decision was recorded.
func (c *cache) forgetQueues() {
	c.mu.Lock()
	c.gen++
	c.queues = lru[[]allocate.Item]{}
	c.mu.Unlock()
}

// rescenario keeps the evidence for its scenarios to run again: the saved
// scenarios changed, the data did not.
func (c *cache) rescenario() {
	c.mu.Lock()
	c.gen++
	for k, ev := range c.evidence.m {
		c.stale.put(k, ev, evidenceCacheSize)
	}
	c.evidence, c.reports, c.digests, c.pdfs = lru[*evidence.Evidence]{}, lru[*rendered]{}, lru[*reports.Digest]{}, lru[[]byte]{}
	c.mu.Unlock()
}

// put runs store under the lock if nothing changed since generation gen,
// when the value to store was computed.
func (c *cache) put(gen int, store func()) {
	c.mu.Lock()
	if c.gen == gen {
		store()
	}
	c.mu.Unlock()
}

// memo is the value pick(c) keeps under key or, when it keeps none, what
// compute returns, kept up to size values unless something changed while
// it was computed (put).
func memo[V any](c *cache, pick func(*cache) *lru[V], key string, size int, compute func() (V, error)) (V, error) {
	c.mu.Lock()
	v, ok := pick(c).m[key]
	gen := c.gen
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := compute()
	if err != nil {
		return v, err
	}
	c.put(gen, func() { pick(c).put(key, v, size) })
	return v, nil
}

// lru keeps the last values put, up to a size; the zero lru is empty.
type lru[V any] struct {
	keys []string
	m    map[string]V
}

func (l *lru[V]) get(key string) V { return l.m[key] }

func (l *lru[V]) put(key string, v V, size int) {
	if l.m == nil {
		l.m = map[string]V{}
	}
	if _, ok := l.m[key]; !ok {
		if len(l.keys) >= size {
			delete(l.m, l.keys[0])
			l.keys = l.keys[1:]
		}
		l.keys = append(l.keys, key)
	}
	l.m[key] = v
}

// report renders the report of one audience for f, from the cache when the
// data have not changed since.
func (s *Server) report(ctx context.Context, aud reports.Audience, f filters) (*rendered, error) {
	if aud != reports.Operatore {
		f.Operator = ""
	}
	return memo(&s.cache, func(c *cache) *lru[*rendered] { return &c.reports }, string(aud)+"?"+f.query(), reportCacheSize,
		func() (*rendered, error) { return s.renderReport(ctx, aud, f) })
}

// renderReport writes the report of one audience for f and reads it back.
func (s *Server) renderReport(ctx context.Context, aud reports.Audience, f filters) (*rendered, error) {
	ev, err := s.compute(ctx, f)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(s.opt.TempDir, "carico-rapporto-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	files, err := ev.Write(filepath.Join(dir, "rapporto"), reports.Options{Audience: aud, OperatorID: f.Operator, Scope: f.scope(), Generated: s.opt.Now()})
	if err != nil {
		return nil, err
	}
	per := ev.Metrics.Period
	r := &rendered{From: per.From.Time, To: per.To.Time, At: per.At.Time}
	if r.Workbook, err = os.ReadFile(files[0]); err != nil {
		return nil, err
	}
	if r.HTML, err = os.ReadFile(files[1]); err != nil {
		return nil, err
	}
	if r.HTML, err = externalScripts(r.HTML); err != nil {
		return nil, err
	}
	return r, nil
}
