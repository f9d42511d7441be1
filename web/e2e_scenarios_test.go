package web

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestScenariosEndToEnd goes the Ufficio di Piano's way through the
// scenarios in Chromium at 1366×768: a billion hires refused with the
// range, a preview, two drafts, one published, a third deleted after the
// page asks to confirm; the politico's report then
// shows the published scenario and never the draft. axe-core checks each
// page on the way.
func TestScenariosEndToEnd(t *testing.T) {
	exe := chromium(t)
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	b := newBrowser(t, exe, ts, 240*time.Second)

	const published, draft = "Due assistenti sociali a Seriate", "Bozza riservata"
	b.login(string(UfficioDiPiano), testPassword, "form[action='/esci'] button")
	b.open("/scenari", "#nome")
	b.axe("scenari")
	b.do("a billion hires", chromedp.SendKeys("#nome", published), chromedp.SendKeys("#assunzioni_fte", "1.000.000.000"),
		chromedp.Click("#anteprima-scenario"), chromedp.WaitVisible(".alert-danger"))
	if msg := eval[string](b, `document.querySelector(".alert-danger").textContent`); !strings.Contains(msg, "fino a 100 FTE") {
		t.Errorf("a billion hires: %q", msg)
	}
	b.axe("scenari, valore fuori intervallo")
	b.do("preview", chromedp.SetValue("#assunzioni_fte", "2"), chromedp.SetValue("#assunzioni_comune", "016198"),
		chromedp.Click("#anteprima-scenario"), chromedp.WaitVisible("#anteprima + div tbody tr:nth-child(2)"))
	rows := eval[[]string](b, `[...document.querySelectorAll("#anteprima + div tbody th")].map(th => th.textContent)`)
	if strings.Join(rows, "|") != "Situazione attuale|"+published {
		t.Errorf("preview rows %v", rows)
	}
	b.axe("scenari, anteprima")
	b.screenshot("scenari-anteprima")
	b.do("save the draft", chromedp.Click("#salva-bozza"), chromedp.WaitVisible("#scenari"))
	b.do("second draft", chromedp.SetValue("#nome", draft), chromedp.SetValue("#assunzioni_fte", "1"),
		chromedp.Click("#salva-bozza"), chromedp.WaitVisible("#scenari tbody tr:nth-child(2)"))
	b.do("publish", chromedp.Click(`#scenari tbody tr:first-child form[action="/scenari/pubblica"] button`),
		chromedp.WaitVisible(`#scenari tbody tr:first-child form[action="/scenari/ritira"] button`))
	states := eval[[]string](b, `[...document.querySelectorAll("#scenari tbody tr .badge")].map(e => e.textContent)`)
	if strings.Join(states, "|") != "pubblicato|bozza" {
		t.Errorf("states %v, want pubblicato|bozza", states)
	}
	if trail := eval[string](b, `document.querySelector("#storico tbody").textContent`); !strings.Contains(trail, "pubblicato") {
		t.Errorf("the trail does not show the publication: %q", trail)
	}
	b.axe("scenari, pubblicato")
	b.screenshot("scenari")
	b.do("third draft", chromedp.SetValue("#nome", "Da eliminare"), chromedp.SetValue("#assunzioni_fte", "3"),
		chromedp.Click("#salva-bozza"), chromedp.WaitVisible("#scenari tbody tr:nth-child(3)"))
	b.do("delete, first click", chromedp.Click(`#scenari tbody tr:nth-child(3) form[action="/scenari/elimina"] button`),
		chromedp.WaitVisible("#conferma-eliminazione"))
	if n := eval[int](b, `document.querySelectorAll("#scenari tbody tr").length`); n != 3 {
		t.Errorf("the first click on Elimina deleted: %d scenarios left, want 3", n)
	}
	b.axe("scenari, conferma dell'eliminazione")
	b.screenshot("scenari-conferma-eliminazione")
	b.do("delete, confirmed", chromedp.Click(`#conferma-eliminazione button[type="submit"]`), chromedp.WaitVisible(".alert-success"))
	if n := eval[int](b, `document.querySelectorAll("#scenari tbody tr").length`); n != 2 {
		t.Errorf("after the confirmed deletion: %d scenarios, want 2", n)
	}
	b.logout()

	b.login(string(Politico), testPassword, ".scheda")
	b.open("/cruscotto", "iframe.rapporto")
	text := eval[string](b, frameDoc+`.then(d => d.body.textContent)`)
	if !strings.Contains(text, published) || strings.Contains(text, draft) {
		t.Errorf("the council's report: published scenario shown %v, draft shown %v", strings.Contains(text, published), strings.Contains(text, draft))
	}
	if strings.Contains(text, "scenari-salvati") || strings.Contains(text, "Scenari dal file") {
		t.Error("the council's report names a scenario file")
	}
	b.open("/cruscotto/rapporto#scenari", "#scenari")
	b.screenshot("politico-scenari")
}
