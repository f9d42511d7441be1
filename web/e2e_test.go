package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/carico/carico"
	"github.com/carico/carico/ingest"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/model"
)

// chromium returns the browser of the end-to-end test. Without it the test
// skips, except under CI, where .ci/run installs it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is required under CI")
	}
	t.Skip("chromium not installed: the web application is not tried in a browser; run .ci/run or install Debian's chromium")
	return ""
}

// newBrowser starts a headless Chromium at 1366×768 and a server for ts's
// handler with axe-core beside it, both stopped by the test's end.
func newBrowser(t *testing.T, exe string, ts *testServer, timeout time.Duration) *browser {
	t.Helper()
	tab := headlessTab(t, exe, timeout)
	hs := httptest.NewServer(withAxe(t, ts.Handler()))
	t.Cleanup(hs.Close)
	return &browser{t: t, ctx: tab, base: hs.URL, shot: os.Getenv("CARICO_SCREENSHOTS")}
}

// browser drives one headless Chromium tab against the application.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	shot string // directory for screenshots (CARICO_SCREENSHOTS), "" for none
}

// do runs a step of a journey and then lets the page settle — every script
// run (Bootstrap Italia turns selects into its own widgets on load, which
// moves a form under a click computed before) and its fonts ready — so
// that the next step acts on the page as a person would see it.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	settle := chromedp.Poll[chromedp.Void](`document.readyState === "complete" && document.fonts.status === "loaded"`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(60*time.Second))
	// A step that waits for what never comes stops at its own deadline and
	// says where the page was, instead of holding the whole journey. The
	// deadline is derived once the tab runs: the first run of a context
	// starts the browser, which would end with the step's context.
	if err := chromedp.Do(b.ctx); err != nil {
		b.t.Fatalf("%s: start chromium: %v", what, err)
	}
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, append(steps, settle)...); err != nil {
		where, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`location.href + " — " + document.title`))
		b.t.Fatalf("%s: %v (page: %s)", what, err, where)
	}
}

// stepTimeout bounds one step of a browser journey: a few seconds alone,
// well under a minute on a loaded CI machine.
const stepTimeout = 90 * time.Second

func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr, func(p *runtime.EvaluateParams) { yes := true; p.AwaitPromise = &yes }))
	if err != nil {
		b.t.Fatalf("evaluate %.80s: %v", expr, err)
	}
	return v
}

func (b *browser) open(path, waitFor string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.base+path), chromedp.WaitVisible(waitFor))
}

// screenshot saves the viewport when CARICO_SCREENSHOTS names a directory.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	if b.shot == "" {
		return
	}
	chromedp.Do(b.ctx, chromedp.Sleep(1500*time.Millisecond)) // the report frame draws its charts
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(b.shot, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// axeScript is where the test server serves axe-core: loaded by a script
// element, under the pages' Content-Security-Policy ('self'), the browser
// keeps it in its cache and compiles it once, instead of receiving half a
// megabyte of source on every page.
const axeScript = "/prova/axe.min.js"

// withAxe serves axe-core beside the application.
func withAxe(t *testing.T, app http.Handler) http.Handler {
	source, err := os.ReadFile("ui/node_modules/axe-core/axe.min.js")
	if err != nil {
		t.Fatalf("axe-core (make assets): %v", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/", app)
	mux.HandleFunc("GET "+axeScript, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Header().Set("Cache-Control", "max-age=3600")
		w.Write(source)
	})
	return mux
}

// axe runs axe-core on the page and fails on serious or critical
// violations of WCAG 2.1 A and AA.
func (b *browser) axe(page string) {
	b.t.Helper()
	eval[any](b, `typeof axe !== "undefined" || new Promise((ok, ko) => { const s = document.createElement("script");
		s.src = "`+axeScript+`"; s.onload = () => ok(true); s.onerror = () => ko(new Error("axe-core not loaded")); document.head.append(s); })`)
	type violation struct {
		ID, Impact, Help string
		Nodes            int
	}
	got := eval[[]violation](b, `axe.run(document, {iframes: false, runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r =>
		r.violations.map(v => ({ID: v.id, Impact: v.impact, Help: v.help, Nodes: v.nodes.length})))`)
	for _, v := range got {
		if v.Impact == "serious" || v.Impact == "critical" {
			b.t.Errorf("accessibility, %s: %s (%s) on %d elements: %s", page, v.ID, v.Impact, v.Nodes, v.Help)
		}
	}
}

// filteredShots saves, for the screenshots only, a role's dashboard under
// each filter and the filtered report at full page.
func (b *browser) filteredShots(role string, queries ...string) {
	b.t.Helper()
	if b.shot == "" {
		return
	}
	for _, q := range queries {
		name := role + "-cruscotto-" + strings.NewReplacer("=", "-", "&", "-").Replace(q)
		b.open("/cruscotto?"+q, "iframe.rapporto")
		b.screenshot(name)
		b.open("/cruscotto/rapporto?"+q, "#sintesi")
		b.screenshot(name + "-rapporto")
		for _, id := range []string{"leps", "andamento", "flussi", "qualita"} {
			if eval[bool](b, fmt.Sprintf(`(() => { const h = document.getElementById("h-%s"); if (h) { h.scrollIntoView(); } return !!h; })()`, id)) {
				b.screenshot(name + "-rapporto-" + id)
			}
		}
	}
	b.open("/cruscotto", "iframe.rapporto")
}

func (b *browser) login(user, password, waitFor string) {
	b.t.Helper()
	b.open("/accesso", "#utente")
	b.do("login "+user, chromedp.SendKeys("#utente", user), chromedp.SendKeys("#password", password),
		chromedp.Click("main button[type=submit]"), chromedp.WaitVisible(waitFor))
}

func (b *browser) logout() {
	b.t.Helper()
	// Wait for the login form itself: the accounts page, where logout is
	// often clicked, has an #utente field too.
	b.do("logout", chromedp.Click("form[action='/esci'] button"), chromedp.WaitVisible("form[action='/accesso'] #utente"))
}

// frameDoc is a promise of the report's document in the page's frame, once
// it has loaded whole (a report is long: reading it while it loads would see
// part of it).
const frameDoc = `new Promise(r => { const f = document.querySelector("iframe.rapporto");
	const go = () => { const d = f && f.contentDocument; (d && d.readyState === "complete" && d.querySelector("footer")) ? r(d) : setTimeout(go, 200); }; go(); })`

// frameTable reads a table of the report shown in the page's frame: first
// cell of each row → the cell under the column named col.
func frameTable(b *browser, table, col string) map[string]string {
	b.t.Helper()
	expr := fmt.Sprintf(frameDoc+`.then(d => {
		const t = d.querySelector(%q);
		const out = {};
		if (!t) { return out; }
		const heads = [...t.querySelectorAll("thead th")].map(th => th.textContent.trim());
		const i = heads.indexOf(%q);
		t.querySelectorAll("tbody tr").forEach(tr => { out[tr.cells[0].textContent.trim()] = i < 0 ? "" : tr.cells[i].textContent.trim(); });
		return out;
	})`, table, col)
	return eval[map[string]string](b, expr)
}

// TestEndToEnd goes the responsabile's way in Chromium — first-run setup,
// upload of the sample's diario, the proposed mapping confirmed, import —
// checks that the dashboard shows the figures the model computes on the
// same database, and that an operatore then sees her own statement only.
func TestEndToEnd(t *testing.T) {
	exe := chromium(t)
	ctx := context.Background()
	start := time.Now()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.WindowSize(1280, 1400), chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("lang", "it-IT"))
	defer cancelAlloc()
	tab, cancelTab := chromedp.NewContext(alloc)
	defer cancelTab()
	tab, cancelTimeout := context.WithTimeout(tab, 420*time.Second)
	defer cancelTimeout()
	// The browser starts while the database is copied and the server set up.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(tab, reduceMotion) }()

	db := openCopy(t)
	srv, err := New(db, Options{Secret: sampledb.Secret, TempDir: t.TempDir(), Chromium: exe})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(withAxe(t, srv.Handler()))
	defer hs.Close()
	setup, err := srv.SetupPath(ctx)
	if err != nil || setup == "" {
		t.Fatalf("first start: link %q, %v", setup, err)
	}
	if err := <-started; err != nil {
		t.Fatalf("chromium: %v", err)
	}
	b := &browser{t: t, ctx: tab, base: hs.URL, shot: os.Getenv("CARICO_SCREENSHOTS")}
	lap := func(what string) { t.Logf("%5.1f s %s", time.Since(start).Seconds(), what) }

	// First start: the one-time link creates the responsabile.
	const pw = "cavallo-bianco-di-napoleone"
	b.open(setup, "#conferma")
	b.axe("prima configurazione")
	b.do("setup", chromedp.SendKeys("#utente", "responsabile"), chromedp.SendKeys("#password", pw), chromedp.SendKeys("#conferma", pw),
		chromedp.Click("main button[type=submit]"), chromedp.WaitVisible(".scheda"))
	lap("setup")
	if res, _ := (&testServer{Server: srv, URL: hs.URL}).get(t, client(t), setup); res.StatusCode != 404 {
		t.Errorf("the setup link works twice: status %d", res.StatusCode)
	}

	// Upload each diario export; the bundled profile says what a careful
	// user confirms or corrects on the proposed mapping.
	bundled, err := ingest.LoadProfile(diario[0].Profile)
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range diario {
		b.open("/importa", "#file")
		if i == 0 {
			b.axe("importa")
		}
		b.do("upload "+filepath.Base(x.Path), chromedp.SetUploadFiles("#file", []string{x.Path}),
			chromedp.Click("main button[type=submit]"), chromedp.WaitVisible("#controlla"))
		saved := strings.Contains(eval[string](b, `document.querySelector("main").textContent`), "Proposto il profilo salvato")
		if saved != (i > 0) {
			t.Errorf("file %d: saved profile proposed %v", i+1, saved)
		}
		if i == 0 {
			proposed := eval[map[string]string](b, `Object.fromEntries([...document.querySelectorAll("select[id^=col]")].map(s =>
				[document.querySelector("label[for=" + s.id + "]").textContent, s.value]))`)
			for field, cols := range bundled.Columns {
				if proposed[cols[0]] != field {
					t.Errorf("inspect proposes %q for column %q, the vendor's profile %q", proposed[cols[0]], cols[0], field)
				}
			}
			values, _ := json.Marshal(bundled.Values)
			eval[any](b, fmt.Sprintf(`(() => { const want = %s;
				document.querySelectorAll("select[id^=val-]").forEach(s => {
					const field = s.id.split("-")[1];
					const l = document.querySelector("label[for=" + s.id + "]").textContent;
					if (want[field] && want[field][l]) { s.value = want[field][l]; } });
				document.querySelector("#source").value = %q; return 0; })()`, values, bundled.Source))
			b.screenshot("responsabile-mappatura")
			b.axe("mappatura")
		}
		b.do("preview", chromedp.Click("#controlla"), chromedp.WaitVisible("#avvia"))
		if rows := eval[int](b, `document.querySelectorAll("#anteprima + div tbody tr").length`); rows != 10 {
			t.Errorf("preview shows %d rows, want 10", rows)
		}
		if i == 0 {
			b.axe("anteprima dell'importazione")
		}
		// The sample's diario carries rows the importer rejects, on
		// purpose: the user confirms importing without them.
		eval[any](b, `(() => { const c = document.querySelector("#conferma_scarti"); if (c) { c.checked = true; } return 0; })()`)
		b.do("import", chromedp.Click("#avvia"), chromedp.WaitVisible("#lette"))
		read := eval[string](b, `document.querySelector("#lette").textContent`)
		inserted := eval[string](b, `document.querySelector("#inserite").textContent`)
		t.Logf("%s: read %s, inserted %s, rejected %s", filepath.Base(x.Path), read, inserted, eval[string](b, `document.querySelector("#scartate").textContent`))
		if read == "0" || (i == 0 && inserted == "0") {
			t.Errorf("%s: read %s, inserted %s", filepath.Base(x.Path), read, inserted)
		}
		if i == 0 {
			b.screenshot("responsabile-riepilogo")
		}
		lap("import " + filepath.Base(x.Path))
	}
	// The temporary uploads are gone.
	if left, _ := filepath.Glob(filepath.Join(srv.opt.TempDir, "carico-caricamento-*")); len(left) > 0 {
		t.Errorf("uploads left on disk: %v", left)
	}

	// The dashboard shows what the model computes on the same database.
	m, err := model.Compute(ctx, db, model.Params{})
	if err != nil {
		t.Fatal(err)
	}
	b.open("/cruscotto", "iframe.rapporto")
	open := frameTable(b, "#tab-carico", "Cartelle aperte")
	hours := frameTable(b, "#tab-tempo", "Ore documentate")
	var top *model.OperatorMetrics
	for i, o := range m.Operators {
		if o.OpenCases == 0 {
			continue
		}
		if got, want := open[o.Name], italian.Count(o.OpenCases); got != want {
			t.Errorf("dashboard: %s has %q open cases, the model %s", o.Name, got, want)
		}
		if o.Role == carico.RoleSocialWorker && (top == nil || o.OpenCases > top.OpenCases) {
			top = &m.Operators[i]
		}
	}
	var documented float64
	for _, p := range m.Monthly.Team.Points {
		documented += p.DocumentedHours
		if got, want := hours[italian.ShortMonthOf(p.Month)], italian.Number(p.DocumentedHours, 1); got != want {
			t.Errorf("dashboard: %s documented hours %q, the model %s", p.Month, got, want)
		}
	}
	if documented == 0 || top == nil {
		t.Fatalf("no hours documented (%v) or no social worker with cases: the diario was not imported", documented)
	}
	// The report's charts draw under the page's Content-Security-Policy.
	charts := eval[[]int](b, frameDoc+`.then(d => new Promise(r => {
		const go = () => { const c = d.querySelectorAll(".chart"), s = d.querySelectorAll(".chart svg");
			(c.length && s.length === c.length) ? r([c.length, s.length]) : setTimeout(go, 200); }; setTimeout(() => r([d.querySelectorAll(".chart").length, d.querySelectorAll(".chart svg").length]), 20000); go(); }))`)
	if charts[0] == 0 || charts[0] != charts[1] {
		t.Errorf("dashboard: %d charts, %d drawn", charts[0], charts[1])
	}
	lap("dashboard")
	b.screenshot("responsabile-cruscotto")
	b.axe("cruscotto")
	b.filteredShots("responsabile", "comune=016198", "area=anziani")
	b.open("/scenari", "#nome")
	b.axe("scenari")

	// The responsabile creates an operatore's account, linked to the
	// roster; the operatore sees her own statement only.
	b.open("/utenti", "#ruolo")
	b.do("new account", chromedp.SendKeys("#utente", "operatrice"), chromedp.SetValue("#ruolo", "operatore"),
		chromedp.SetValue("#operatore", top.ID), chromedp.SendKeys("#password", "treno-delle-sette-e-dieci"),
		chromedp.Click("main button[type=submit]"), chromedp.WaitVisible(".alert-success"))
	b.screenshot("responsabile-utenti")
	b.axe("utenti")
	b.logout()
	b.axe("accesso")
	b.login("operatrice", "treno-delle-sette-e-dieci", ".scheda")
	b.open("/prospetto", "iframe.rapporto")
	own := frameTable(b, "#tab-carico", "Cartelle aperte")
	if own[top.Name] != italian.Count(top.OpenCases) {
		t.Errorf("statement: %s has %q open cases, the model %d", top.Name, own[top.Name], top.OpenCases)
	}
	text := eval[string](b, frameDoc+`.then(d => d.body.textContent)`)
	for _, o := range m.Operators {
		if o.ID != top.ID && strings.Contains(text, o.Name) {
			t.Errorf("the operatore's statement names %s", o.Name)
		}
	}
	b.screenshot("operatore-prospetto")
	b.axe("prospetto")
	b.open("/prospetto/rapporto", "#sintesi")
	b.axe("prospetto a tutta pagina (reports)")
	lap("statement")
	b.open("/cruscotto", "main")
	if !eval[bool](b, `!!document.querySelector(".alert-danger") && !document.querySelector("iframe")`) {
		t.Error("the operatore opens the team dashboard")
	}
	b.logout()

	// The Ufficio di Piano and the politico: aggregates without names.
	for _, r := range []Role{UfficioDiPiano, Politico} {
		if err := srv.createUser(ctx, User{Username: string(r), Role: r}, "lampada-sul-tavolo-verde"); err != nil {
			t.Fatal(err)
		}
		b.login(string(r), "lampada-sul-tavolo-verde", ".scheda")
		if r == UfficioDiPiano {
			// A scenario built in the form is previewed, saved as a
			// draft, which no report shows, and published: then it
			// reaches the dashboards, the council's included. A second
			// draft is never published.
			b.open("/scenari", "#nome")
			b.do("scenario preview", chromedp.SendKeys("#nome", "Due assistenti sociali a Seriate"), chromedp.SendKeys("#assunzioni_fte", "2"),
				chromedp.SetValue("#assunzioni_comune", "016198"), chromedp.Click("#anteprima-scenario"), chromedp.WaitVisible("#anteprima + div tbody tr:nth-child(2)"))
			if rows := eval[int](b, `document.querySelectorAll("#anteprima + div tbody tr").length`); rows != 2 {
				t.Errorf("scenario preview: %d rows, want the baseline and the scenario", rows)
			}
			b.axe("scenari, anteprima")
			b.screenshot("ufficio_di_piano-scenari-anteprima")
			b.do("scenario draft", chromedp.Click("#salva-bozza"), chromedp.WaitVisible("#scenari"))
			b.do("second draft", chromedp.SetValue("#nome", "Bozza riservata"), chromedp.SetValue("#assunzioni_fte", "1"),
				chromedp.Click("#salva-bozza"), chromedp.WaitVisible("#scenari tbody tr:nth-child(2)"))
			b.open("/cruscotto", "iframe.rapporto")
			if text := eval[string](b, frameDoc+`.then(d => d.body.textContent)`); strings.Contains(text, "Due assistenti sociali a Seriate") {
				t.Error("a draft scenario reaches the dashboard")
			}
			b.open("/scenari", "#scenari")
			b.do("publish", chromedp.Click(`#scenari tbody tr:first-child form[action="/scenari/pubblica"] button`),
				chromedp.WaitVisible(`#scenari tbody tr:first-child form[action="/scenari/ritira"] button`))
			b.screenshot("ufficio_di_piano-scenari")
			b.axe("scenari (ufficio di piano)")
			// The SIOSS return, its forecast with the saved scenario's
			// two hires from 1 July 2026: 2 × 184/365 FTE.
			b.open("/sioss?anno=2025&scenario="+url.QueryEscape("Due assistenti sociali a Seriate")+"&dal=01/07/2026", "#prospetto")
			page := eval[string](b, `document.querySelector("main").textContent`)
			for _, want := range []string{"Pronto", "€ 13.018", "assunzioni 1,0082"} {
				if !strings.Contains(page, want) {
					t.Errorf("SIOSS page without %q", want)
				}
			}
			b.axe("sioss (ufficio di piano)")
			b.screenshot("ufficio_di_piano-sioss")
		}
		b.open("/cruscotto", "iframe.rapporto")
		text := eval[string](b, frameDoc+`.then(d => d.body.textContent)`)
		for _, o := range m.Operators {
			if strings.Contains(text, o.Name) {
				t.Errorf("%s sees the name of %s", r, o.Name)
			}
		}
		if !strings.Contains(text, "Due assistenti sociali a Seriate") || strings.Contains(text, "Bozza riservata") {
			t.Errorf("%s: the published scenario is not in the dashboard, or the draft is", r)
		}
		b.screenshot(string(r) + "-cruscotto")
		if r == Politico {
			// One filtered view: the comune's row is the one of the whole
			// report, and of the model, and the other comuni are gone.
			const seriate = "016198"
			whole := frameTable(b, "#tab-leps", "Cartelle aperte")
			b.open("/cruscotto?comune="+seriate, "iframe.rapporto")
			part := frameTable(b, "#tab-leps", "Cartelle aperte")
			ratio := frameTable(b, "#tab-leps", "Residenti per AS a tempo indeterminato")
			var c *model.ComuneMetrics
			for i := range m.Comuni {
				if m.Comuni[i].ISTAT == seriate {
					c = &m.Comuni[i]
				}
			}
			if c == nil || c.ResidentsPerPermanentSocialWorker == nil {
				t.Fatalf("the model has no LEPS ratio for %s", seriate)
			}
			// The ratio on permanent contracts is withheld by comune in the
			// council's version: Pedrengo has one social worker, whose
			// contract it would show (issue 22).
			if len(whole) < 3 || len(part) != 1 || part[c.Name] != whole[c.Name] || ratio[c.Name] != "n.d." {
				t.Errorf("politico, filtered on %s: LEPS rows %v (ratio %v), unfiltered %v, the model's ratio %.0f", c.Name, part, ratio, whole, *c.ResidentsPerPermanentSocialWorker)
			}
			b.screenshot("politico-cruscotto-" + seriate)
			b.filteredShots("politico", "area=anziani")
		} else if r == UfficioDiPiano {
			b.filteredShots("ufficio_di_piano", "comune=016198", "area=famiglia_minori")
		}
		if r == UfficioDiPiano && b.shot != "" {
			b.open("/cruscotto/rapporto#scenari", "#scenari")
			b.screenshot("ufficio_di_piano-scenari-confronto")
			b.open("/cruscotto", "iframe.rapporto")
		}
		b.logout()
		lap(string(r))
	}
}
