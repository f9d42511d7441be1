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

	"github.com/carico/carico"
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
// scenarios saved in the database. The web layer computes nothing of its
// own.
func (s *Server) compute(ctx context.Context, f filters, dir string) (*evidence.Evidence, error) {
	p := evidence.Params{At: f.At, From: f.From, To: f.To, Config: s.opt.Config}
	text, err := s.savedScenarios(ctx)
	if err != nil {
		return nil, err
	}
	if text != "" {
		p.Scenarios = filepath.Join(dir, "scenari-salvati.toml")
		if err := os.WriteFile(p.Scenarios, []byte(text), 0o600); err != nil {
			return nil, err
		}
	}
	return evidence.Build(ctx, s.db, p)
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
	dir, err := os.MkdirTemp(s.opt.TempDir, "carico-rapporto-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	ev, err := s.compute(ctx, f, dir)
	if err != nil {
		return nil, err
	}
	files, err := ev.Write(filepath.Join(dir, "rapporto"), reports.Options{Audience: aud, OperatorID: f.Operator, Scope: f.scope(), Generated: s.opt.Now()})
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
