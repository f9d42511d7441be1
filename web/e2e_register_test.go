package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/carico/carico"
	"github.com/carico/carico/facts/app"
)

// TestRegisterEndToEnd goes the way of a segnalazione in Chromium: the
// operatore files one from her statement (figures prefilled, the PDF
// attached) and cannot open a colleague's; the politico sees only the
// protected count; the responsabile takes it, records a plan with a
// follow-up due today, sees it due on the board, and closes it; the
// operatore cannot add a step. Every earlier step stays as it was, and
// axe-core checks each page. The board's queue records a decision too.
func TestRegisterEndToEnd(t *testing.T) {
	exe := chromium(t)
	t.Parallel()
	tab := headlessTab(t, exe, 480*time.Second)

	db := openCopy(t)
	ts := newTestServer(t, db)
	ts.opt.Chromium = exe
	hs := httptest.NewServer(withAxe(t, ts.Handler()))
	defer hs.Close()
	b := &browser{t: t, ctx: tab, base: hs.URL, shot: os.Getenv("CARICO_SCREENSHOTS")}
	ctx := context.Background()
	start := time.Now()
	lap := func(what string) { t.Logf("%5.1f s %s", time.Since(start).Seconds(), what) }

	// A colleague's segnalazione, filed before.
	other := ts.others[0]
	otherID, err := app.InsertSegnalazione(ctx, db, app.Segnalazione{Operator: other.ID, FiledBy: "collega", FiledAt: time.Now(),
		From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), At: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
		Figures: `{"open_cases":3}`, Remarks: "Troppe cartelle"})
	if err != nil {
		t.Fatal(err)
	}

	// The operatore files hers from her statement.
	b.login("operatore", testPassword, ".scheda")
	b.open("/prospetto", "#segnala")
	lap("login")
	b.do("from the statement", chromedp.Click("#segnala"), chromedp.WaitVisible("#osservazioni"))
	b.axe("segnalazioni, operatore")
	if fig := eval[string](b, `document.getElementById("cifre").textContent`); !strings.Contains(fig, "cartelle aperte") {
		t.Errorf("figures not prefilled: %q", fig)
	}
	lap("form")
	b.do("file", chromedp.SendKeys("#osservazioni", "Da marzo seguo anche le cartelle di una collega in maternità."),
		chromedp.Click("#invia"), chromedp.WaitVisible(".alert-success"))
	lap("filed")
	b.screenshot("segnalazioni-operatore")
	mine := eval[string](b, `document.querySelector("#registro tbody tr td a").textContent`)
	if strings.Contains(eval[string](b, `document.querySelector("main").textContent`), other.Name) {
		t.Errorf("the operatore's register shows her colleague %s", other.Name)
	}
	b.open(fmt.Sprintf("/segnalazioni/%d", otherID), "main")
	if !strings.Contains(eval[string](b, `document.querySelector("main").textContent`), "non esiste") {
		t.Error("the operatore opened a colleague's segnalazione")
	}
	b.open("/segnalazioni/"+mine, "#passaggi")
	b.axe("segnalazione, operatore")
	if got := eval[int](b, `fetch(location.pathname + "/passo", {method: "POST", body: new URLSearchParams({stato: "chiusa"})}).then(r => r.status)`); got != 403 {
		t.Errorf("the operatore adds a step: status %d", got)
	}
	if got := eval[int](b, `fetch(location.pathname + "/prospetto.pdf").then(r => r.ok ? r.blob().then(b => b.size) : 0)`); got < 1000 {
		t.Errorf("attached statement: %d bytes", got)
	}
	b.logout()
	lap("operatore")

	// The politico sees the protected count only.
	b.open("/accesso", "#utente")
	b.do("login politico", chromedp.SendKeys("#utente", "politico"), chromedp.SendKeys("#password", testPassword),
		chromedp.Click("main button[type=submit]"), chromedp.WaitVisible(".scheda"))
	b.open("/segnalazioni", "#conteggio")
	b.axe("segnalazioni, politico")
	if c := eval[string](b, `document.getElementById("conteggio").textContent`); c != "<3" {
		t.Errorf("politico's count %q, want <3 (two segnalazioni)", c)
	}
	if page := eval[string](b, `document.querySelector("main").textContent`); strings.Contains(page, ts.operator.Name) || strings.Contains(page, other.Name) {
		t.Error("the politico's page names a social worker")
	}
	b.open("/segnalazioni/"+mine, "main")
	if !strings.Contains(eval[string](b, `document.querySelector("main").textContent`), "non è disponibile") {
		t.Error("the politico opened a segnalazione")
	}
	b.logout()
	lap("politico")

	// The responsabile takes it, agrees a plan, sees the follow-up due,
	// closes it.
	b.login("responsabile", testPassword, ".scheda")
	b.open("/segnalazioni/"+mine, "#passo")
	b.axe("segnalazione, responsabile")
	b.do("take", chromedp.SetValue("#passo", "presa_in_carico"), chromedp.SendKeys("#protocollo", "2026/1234"),
		chromedp.Click("#registra"), chromedp.WaitVisible("#passaggi tbody tr:nth-child(2)"))
	trail := func() []string {
		return eval[[]string](b, `[...document.querySelectorAll("#passaggi tbody tr")].map(tr => tr.textContent)`)
	}
	first := trail()
	if len(first) != 2 || !strings.Contains(first[1], "Presa in carico") || !strings.Contains(first[1], "2026/1234") {
		t.Fatalf("trail after taking it: %q", first)
	}
	today := local(time.Now()).Format("2006-01-02")
	b.do("plan", chromedp.SetValue("#passo", "piano_concordato"), chromedp.SetValue("#azione1", "pausa"),
		chromedp.SendKeys("#testo1", "Nessuna nuova cartella per sei settimane"), chromedp.SendKeys("#entro1", today),
		chromedp.SetValue("#azione2", "redistribuzione"), chromedp.SendKeys("#testo2", "Cinque cartelle a un collega"), chromedp.SendKeys("#entro2", today),
		chromedp.SendKeys("#verifica", today), chromedp.Click("#registra"), chromedp.WaitVisible("#scaduta"))
	b.screenshot("segnalazione-piano")
	if b.shot != "" {
		eval[bool](b, `(() => { document.getElementById("passaggi").scrollIntoView(); return true; })()`)
		b.screenshot("segnalazione-passaggi")
	}
	lap("plan")
	b.open("/coda", "#da-fare")
	lap("board")
	b.axe("coda")
	b.screenshot("coda")
	if b.shot != "" {
		for _, id := range []string{"da-fare", "coda", "sovraccarico"} {
			eval[bool](b, `(() => { const e = document.getElementById("`+id+`"); if (e) { e.scrollIntoView(); } return true; })()`)
			b.screenshot("coda-" + id)
		}
	}
	if due := eval[string](b, `document.getElementById("da-fare").textContent`); !strings.Contains(due, "Verifica della segnalazione n. "+mine) {
		t.Errorf("the follow-up is not due on the board: %q", due)
	}
	b.open("/segnalazioni/"+mine, "#passo")
	b.do("close", chromedp.SetValue("#passo", "chiusa"), chromedp.SendKeys("#nota", "Carico rientrato"), chromedp.Click("#registra"),
		chromedp.WaitNotPresent("#passo"))
	if st := eval[string](b, `document.getElementById("stato").textContent`); st != "Chiusa" {
		t.Errorf("status %q after closing", st)
	}
	last := trail()
	if len(last) != 4 {
		t.Fatalf("trail: %q", last)
	}
	for i, row := range first {
		if last[i] != row {
			t.Errorf("step %d changed: %q, then %q", i+1, row, last[i])
		}
	}
	b.open("/coda", "#da-fare")
	if due := eval[string](b, `document.getElementById("da-fare").textContent`); strings.Contains(due, "segnalazione n. "+mine) {
		t.Errorf("a closed segnalazione is still due: %q", due)
	}

	lap("closed")
	// A decision from the queue, exported for the cartella software.
	b.do("open an item", chromedp.Click("#coda tbody tr td a"), chromedp.WaitVisible("#candidati"))
	b.axe("voce della coda")
	b.screenshot("coda-voce")
	// The sample's social worker on leave, whose cartelle the queue holds
	// as «titolare assente», is offered last, and the line says why.
	if last := eval[string](b, `[...document.querySelectorAll("#candidati tbody tr")].pop().textContent`); !strings.Contains(last, "risulta assente") {
		t.Errorf("the last candidate is not the absent holder: %q", last)
	}
	cartella := eval[string](b, `document.querySelector("input[name=cartella]").value`)
	b.do("no reason", chromedp.SetValue("#operatore", ts.operator.ID), chromedp.Click("#registra"), chromedp.WaitVisible(".alert-danger"))
	b.do("decide", chromedp.SetValue("#operatore", ts.operator.ID), chromedp.SetValue("#motivo", "capacita"), chromedp.Click("#registra"),
		chromedp.WaitVisible(".alert-success"))
	if row := eval[string](b, `document.querySelector("#coda").textContent`); !strings.Contains(row, "Assegnata a "+ts.operator.Name) {
		t.Error("the decided item is not marked in the queue")
	}
	csv := eval[string](b, `fetch(document.querySelector("a[href^='/coda/decisioni.csv']").href).then(r => r.text())`)
	if !strings.Contains(csv, "\n"+carico.DisplayID(cartella)+";"+ts.operator.ID+";") || !strings.Contains(csv, ";responsabile;") {
		t.Errorf("export for the cartella software:\n%s", csv)
	}
}

// headlessTab is a tab of a headless Chromium at 1366×768 in Italian,
// closed when the test ends, with timeout for the whole test.
func headlessTab(t *testing.T, exe string, timeout time.Duration) context.Context {
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.WindowSize(1366, 768), chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("lang", "it-IT"))
	tab, cancelTab := chromedp.NewContext(alloc)
	tab, cancelTimeout := context.WithTimeout(tab, timeout)
	t.Cleanup(func() { cancelTimeout(); cancelTab(); cancelAlloc() })
	if err := chromedp.Do(tab, reduceMotion); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return tab
}

// reduceMotion asks the tab's pages for reduced motion. Bootstrap Italia
// scrolls smoothly unless the user asks so, and a click scrolls its
// element into view and reads its place at once: mid-animation the place
// is stale, the click falls beside the button and a form is never sent
// (one journey in eight hung so).
var reduceMotion = chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
	_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}})
	return err
})
