package web

import (
	"context"
	"net/http"
	"net/url"
	"os/exec"
	"testing"
	"time"

	"github.com/carico/carico/internal/sampledb"
)

// The web application's benchmarks on the sample Ambito with its diario
// (docs/web.md, «Tempi»). Each reports ms/op, and the ratio to the login
// page served in the same run (x-login): the cost of a request that
// computes nothing, so that a slower machine moves both. Targets: a warm
// page ≤ 100 ms, a report cold after an import ≤ 500 ms, a PDF ≤ 1 s warm.
// They are measured, never asserted: run them under flock /tmp/heavy.lock.
//
//	flock /tmp/heavy.lock go test ./web -run '^$' -bench . -benchtime 20x

// benchServer is a server over a copy of the sample with its diario, and
// one logged-in client per role.
func benchServer(b *testing.B) (*testServer, map[Role]*http.Client) {
	b.Helper()
	db := openCopy(b)
	if err := sampledb.ImportAll(context.Background(), db, diario); err != nil {
		b.Fatal(err)
	}
	ts := newTestServerWith(b, db, Options{Chromium: browserPath()})
	cs := map[Role]*http.Client{}
	for _, r := range Roles {
		cs[r] = client(b)
		ts.login(b, cs[r], string(r))
	}
	return ts, cs
}

func browserPath() string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// fetch gets path as c and fails on a status other than 200.
func fetch(b *testing.B, ts *testServer, c *http.Client, path string) {
	b.Helper()
	res, body := ts.get(b, c, path)
	if res.StatusCode != http.StatusOK {
		b.Fatalf("%s: status %d: %.200s", path, res.StatusCode, body)
	}
}

// baseline is the mean time of the login page, the request that computes
// nothing, over n requests.
func baseline(b *testing.B, ts *testServer, n int) time.Duration {
	b.Helper()
	c := client(b)
	start := time.Now()
	for range n {
		fetch(b, ts, c, "/accesso")
	}
	return time.Since(start) / time.Duration(n)
}

func report(b *testing.B, base time.Duration) {
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(per.Microseconds())/1000, "ms/op")
	b.ReportMetric(float64(per)/float64(base), "x-login")
}

// BenchmarkWarmPages: every page a role opens, once the data and the
// reports are in the server's cache (a second visit).
func BenchmarkWarmPages(b *testing.B) {
	ts, cs := benchServer(b)
	own := "?operatore=" + url.QueryEscape(ts.operator.ID)
	pages := []struct {
		name string
		role Role
		path string
	}{
		{"home-operatore", Operatore, "/"},
		{"home-responsabile", Responsabile, "/"},
		{"home-ufficio_di_piano", UfficioDiPiano, "/"},
		{"home-politico", Politico, "/"},
		{"cruscotto-responsabile", Responsabile, "/cruscotto"},
		{"rapporto-responsabile", Responsabile, "/cruscotto/rapporto"},
		{"rapporto-politico", Politico, "/cruscotto/rapporto"},
		{"prospetto-operatore", Operatore, "/prospetto/rapporto" + own},
		{"cartella-responsabile", Responsabile, "/cruscotto/cartella.xlsx"},
		{"importazioni", Responsabile, "/importazioni"},
		{"registro", Responsabile, "/registro"},
		{"scenari", UfficioDiPiano, "/scenari"},
		{"utenti", Responsabile, "/utenti"},
	}
	for _, p := range pages {
		fetch(b, ts, cs[p.role], p.path) // warm
	}
	base := baseline(b, ts, 50)
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				fetch(b, ts, cs[p.role], p.path)
			}
			report(b, base)
		})
	}
}

// BenchmarkColdReport: the responsabile's report when no figure of its
// period is computed (cache.invalidateFigures, as a change of the capacity
// register does, or a period no one asked for yet since the data last
// changed, whose forecasts another period computed): the evidence is
// built, then the report rendered.
func BenchmarkColdReport(b *testing.B) {
	ts, cs := benchServer(b)
	fetch(b, ts, cs[Responsabile], "/cruscotto/rapporto")
	base := baseline(b, ts, 50)
	for _, p := range []struct {
		name string
		role Role
		path string
	}{
		{"rapporto-responsabile", Responsabile, "/cruscotto/rapporto"},
		{"home-responsabile", Responsabile, "/"},
	} {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				ts.cache.invalidateFigures()
				fetch(b, ts, cs[p.role], p.path)
			}
			report(b, base)
		})
	}
}

// BenchmarkAfterImport: what a user waits after an import. The import
// ends by computing again what the responsabile opens first
// (Server.dataChanged): «aggiornamento» is that time, spent on the
// import's progress page; then the report and the home page, asked for
// when the import's summary shows, are timed alone.
func BenchmarkAfterImport(b *testing.B) {
	ts, cs := benchServer(b)
	ctx := context.Background()
	fetch(b, ts, cs[Responsabile], "/cruscotto/rapporto")
	base := baseline(b, ts, 50)
	b.Run("aggiornamento", func(b *testing.B) {
		for b.Loop() {
			ts.dataChanged(ctx)
		}
		report(b, base)
	})
	for _, path := range []string{"/cruscotto/rapporto", "/"} {
		name := map[string]string{"/": "home-responsabile", "/cruscotto/rapporto": "rapporto-responsabile"}[path]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				ts.dataChanged(ctx)
				b.StartTimer()
				fetch(b, ts, cs[Responsabile], path)
			}
			report(b, base)
		})
	}
}

// BenchmarkPDF: the operatore's statement as PDF, warm: the report in the
// cache and the shared browser started. «stampa» prints it each time (the
// kept PDFs forgotten: the first PDF of a statement), «di-nuovo» asks for
// the same PDF again.
func BenchmarkPDF(b *testing.B) {
	if browserPath() == "" {
		b.Skip("chromium not installed")
	}
	ts, cs := benchServer(b)
	path := "/prospetto/prospetto.pdf?operatore=" + url.QueryEscape(ts.operator.ID)
	fetch(b, ts, cs[Operatore], path)
	base := baseline(b, ts, 50)
	b.Run("stampa", func(b *testing.B) {
		for b.Loop() {
			ts.cache.mu.Lock()
			ts.cache.pdfs = lru[[]byte]{}
			ts.cache.mu.Unlock()
			fetch(b, ts, cs[Operatore], path)
		}
		report(b, base)
	})
	b.Run("di-nuovo", func(b *testing.B) {
		for b.Loop() {
			fetch(b, ts, cs[Operatore], path)
		}
		report(b, base)
	})
}
