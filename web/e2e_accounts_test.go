package web

import (
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestAccountsEndToEnd goes the responsabile's way through the accounts in
// Chromium: a reset link made for the operatore, who sets a new password
// by it and logs in; then her account disabled, and her login refused
// with the reason. axe-core checks each page on the way.
func TestAccountsEndToEnd(t *testing.T) {
	exe := chromium(t)
	t.Parallel()
	tab := headlessTab(t, exe, 180*time.Second)

	ts := newTestServer(t, openCopy(t))
	hs := httptest.NewServer(withAxe(t, ts.Handler()))
	defer hs.Close()
	b := &browser{t: t, ctx: tab, base: hs.URL, shot: os.Getenv("CARICO_SCREENSHOTS")}

	b.login("responsabile", testPassword, ".scheda")
	b.open("/utenti", "form[action='/utenti/operatore/reimposta'] button")
	b.axe("utenti")
	b.do("reset link", chromedp.Click("form[action='/utenti/operatore/reimposta'] button"), chromedp.WaitVisible("#collegamento"))
	link := strings.TrimSpace(eval[string](b, `document.getElementById("collegamento").textContent`))
	if !strings.HasPrefix(link, hs.URL+"/reimposta?codice=") {
		t.Fatalf("reset link %q", link)
	}
	b.screenshot("utenti-collegamento")
	b.open("/registro?azione=collegamento+di+reimpostazione", "#azione")
	b.axe("registro degli accessi")
	if !strings.Contains(eval[string](b, `document.querySelector("tbody").textContent`), "operatore") {
		t.Error("the access log does not show the reset link made")
	}
	b.open("/profilo", "#attuale")
	b.axe("profilo")
	b.screenshot("profilo")
	b.logout()

	const pw = "cavallo batteria graffetta"
	b.do("open the reset link", chromedp.Navigate(link), chromedp.WaitVisible("#conferma"))
	b.axe("nuova password")
	b.screenshot("nuova-password")
	b.do("weak password", chromedp.SendKeys("#password", "aaaaaaaaaaaa"), chromedp.SendKeys("#conferma", "aaaaaaaaaaaa"),
		chromedp.Click("main button[type=submit]"), chromedp.WaitVisible(".alert-danger"))
	if msg := eval[string](b, `document.querySelector(".alert-danger").textContent`); !strings.Contains(msg, "più usate") {
		t.Errorf("weak password: %q", msg)
	}
	b.do("new password", chromedp.SendKeys("#password", pw), chromedp.SendKeys("#conferma", pw),
		chromedp.Click("main button[type=submit]"), chromedp.WaitVisible("form[action='/accesso'] #utente"))
	b.login("operatore", pw, "main")
	if got := eval[string](b, `location.pathname`); got != "/" {
		t.Errorf("the operatore with her new password lands on %q", got)
	}
	b.logout()

	b.login("responsabile", testPassword, ".scheda")
	b.open("/utenti", "form[action='/utenti/operatore/disattiva'] button")
	b.do("disable", chromedp.Click("form[action='/utenti/operatore/disattiva'] button"), chromedp.WaitVisible("form[action='/utenti/operatore/riattiva'] button"))
	b.axe("utenti, account disattivato")
	b.screenshot("utenti-disattivato")
	b.logout()
	b.login("operatore", pw, ".alert-danger")
	if msg := eval[string](b, `document.querySelector(".alert-danger").textContent`); !strings.Contains(msg, "disattivato") {
		t.Errorf("login of the disabled account: %q", msg)
	}
	b.axe("accesso rifiutato")
}
