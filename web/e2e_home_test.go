package web

import (
	"context"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/reports"
)

// TestRoleJourneys logs each role in on a 1366×768 screen, over the sample
// with its diario: the home page shows the role's cards, nothing spills off
// the page sideways (wide tables scroll inside their card), the report is
// one click away, and axe-core finds no violation on the home page, on
// the privacy notice and accessibility statement, and on the error pages
// (404, 403, 400, 405) inside the application's shell.
func TestRoleJourneys(t *testing.T) {
	exe := chromium(t)
	t.Parallel()
	tab := headlessTab(t, exe, 300*time.Second)

	db := openCopy(t)
	if err := sampledb.ImportAll(context.Background(), db, diario); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, db)
	hs := httptest.NewServer(withAxe(t, ts.Handler()))
	defer hs.Close()
	b := &browser{t: t, ctx: tab, base: hs.URL, shot: os.Getenv("CARICO_SCREENSHOTS")}

	journeys := []struct {
		role  Role
		cards []string // the cards' headings, in order
		// report is the element the report one click away shows.
		report string
	}{
		{Operatore, []string{"Il mio carico", "Riduzioni e tempo protetto", "Le mie priorità", "Istanze vicine al termine", "Andamento del mio carico", "Le mie segnalazioni"}, "iframe.rapporto"},
		{Responsabile, []string{"Il gruppo di lavoro", "Coda di assegnazione", "Segnalazioni e verifiche in scadenza", "Qualità dei dati da correggere", "Ultima importazione"}, "iframe.rapporto"},
		{UfficioDiPiano, []string{"In breve", "LEPS per comune", "Scenari di personale", "Previsioni"}, "iframe.rapporto"},
		{Politico, []string{"In breve"}, "iframe.rapporto"},
	}
	for _, j := range journeys {
		b.login(string(j.role), testPassword, ".scheda")
		got := eval[[]string](b, `[...document.querySelectorAll(".scheda h2")].map(h => h.textContent.trim())`)
		if strings.Join(got, "|") != strings.Join(j.cards, "|") {
			t.Errorf("%s: home page cards %q, want %q", j.role, got, j.cards)
		}
		if over := eval[int](b, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
			t.Errorf("%s: the home page is %d px wider than the screen", j.role, over)
		}
		// Every table scrolls inside its card: none is wider than its box.
		if n := eval[int](b, `[...document.querySelectorAll(".scheda .scorre")].filter(d => d.getBoundingClientRect().right > window.innerWidth).length`); n > 0 {
			t.Errorf("%s: %d tables overflow the page", j.role, n)
		}
		b.axe("pagina iniziale, " + string(j.role))
		b.screenshot("home-" + string(j.role))
		if b.shot != "" {
			png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
			if err == nil {
				os.WriteFile(b.shot+"/home-"+string(j.role)+"-intera.png", png, 0o644)
			}
		}

		// The report, one click away.
		b.do("open the report", chromedp.Click("main p.inizio a"), chromedp.WaitVisible(j.report))
		if j.role == Politico {
			text := eval[string](b, frameDoc+`.then(d => d.body.textContent)`)
			b.screenshot("home-politico-rapporto")
			if !strings.Contains(text, "Dati aggregati per la Giunta e il Consiglio") {
				t.Errorf("politico: the report one click away is not the council's")
			}
		}
		b.open("/", ".scheda")
		if j.role == Politico {
			// The politico's headline is the protected report's: every
			// sentence of the home page's lead is in the report.
			lead := eval[[]string](b, `[...document.querySelectorAll("#scheda-in-breve ~ p:not(.mb-0):not(.small)")].map(p => p.textContent.trim())`)
			b.open("/cruscotto", "iframe.rapporto")
			text := strings.NewReplacer(reports.LeadChartClause, "", reports.LeadTablesSentence, "").Replace(eval[string](b, frameDoc+`.then(d => d.body.textContent.replace(/\s+/g, " "))`))
			if len(lead) == 0 {
				t.Error("politico: the home page has no headline")
			}
			for _, l := range lead {
				if !strings.Contains(text, strings.Join(strings.Fields(l), " ")) {
					t.Errorf("politico: the home page says %q, which the protected report does not", l)
				}
			}
		}
		b.logout()
	}

	// The notices and the error pages, inside the application's shell.
	b.login(string(Operatore), testPassword, ".scheda")
	for _, p := range []struct{ path, title string }{
		{"/privacy", "Informativa sul trattamento dei dati del personale"},
		{"/accessibilita", "Dichiarazione di accessibilità"},
		{"/non-esiste", "Pagina non trovata"},
		{"/utenti", "Accesso non consentito"},
		{"/prospetto?dal=ieri&al=oggi", "Richiesta non valida"},
		{"/esci", "Operazione non consentita"},
	} {
		b.open(p.path, "main h1")
		if got := eval[string](b, `document.querySelector("main h1").textContent`); got != p.title {
			t.Errorf("%s: heading %q, want %q", p.path, got, p.title)
		}
		if lang := eval[string](b, `document.documentElement.lang`); lang != "it" {
			t.Errorf("%s: lang %q", p.path, lang)
		}
		b.axe(p.path)
	}
	b.logout()
	b.open("/privacy", "main h1")
	b.axe("informativa, senza accesso")
}
