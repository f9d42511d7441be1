package web

import (
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestCapacityEndToEnd goes the responsabile's way through the capacity
// register in Chromium: a period that ends before it starts is refused
// with the reason in Italian and nothing changes; then the coordinator's
// 20 % becomes 25 %, the trail shows the change (who, before, after), and
// the operatore — the coordinator — reads the new reduction in words in
// her own statement. axe-core checks the register's page.
func TestCapacityEndToEnd(t *testing.T) {
	t.Parallel()
	tab := headlessTab(t, chromium(t), 300*time.Second)

	ts := newTestServer(t, openCopy(t))
	hs := httptest.NewServer(withAxe(t, ts.Handler()))
	defer hs.Close()
	b := &browser{t: t, ctx: tab, base: hs.URL, shot: os.Getenv("CARICO_SCREENSHOTS")}
	// The operatore is the sample's coordinator (M001, 20 % all 2025);
	// her statement is read for the register's year.
	op := ts.operator
	const year = "/prospetto/rapporto?dal=2025-01-01&al=2025-12-31&data=2025-12-31"
	const before, after = "riduzione del 20 % per coordinamento dal 01/01/2025 al 31/12/2025", "riduzione del 25 % per coordinamento dal 01/01/2025 al 31/12/2025"

	b.login("operatore", testPassword, ".scheda")
	b.open(year, "#sintesi")
	if text := eval[string](b, `document.body.textContent`); !strings.Contains(text, before) {
		t.Fatalf("the operatore's statement does not say %q", before)
	}
	b.open("/profilo", "#attuale") // the report alone has no menu to log out from
	b.logout()

	b.login("responsabile", testPassword, ".scheda")
	b.open("/riduzioni", "#registro")
	b.axe("riduzioni di capacità")
	b.screenshot("riduzioni")
	b.do("edit form", chromedp.Click("#registro a[href*='operatore="+op.ID+"']"), chromedp.WaitVisible("#annulla"))
	// A period that ends before it starts: refused, the reason in Italian.
	b.do("wrong end", chromedp.SetValue("#al", "31/12/2024"), chromedp.Click("#riduzione button[type=submit]"), chromedp.WaitVisible("#problemi"))
	if msg := eval[string](b, `document.getElementById("problemi").textContent`); !strings.Contains(msg, "Al: fine della riduzione precedente all'inizio") {
		t.Errorf("end before start: %q", msg)
	}
	b.axe("riduzioni di capacità, modulo respinto")
	b.do("scroll to the refusal", chromedp.ScrollIntoView("#problemi"))
	b.screenshot("riduzioni-respinta")
	b.do("edit", chromedp.SetValue("#al", "31/12/2025"), chromedp.SetValue("#percentuale", "25"),
		chromedp.Click("#riduzione button[type=submit]"), chromedp.WaitVisible("#modifiche tbody tr"))
	trail := eval[string](b, `document.querySelector("#modifiche tbody tr").textContent`)
	for _, want := range []string{"responsabile", op.ID, "modifica", "20 % per coordinamento dal 01/01/2025 al 31/12/2025", "25 % per coordinamento dal 01/01/2025 al 31/12/2025"} {
		if !strings.Contains(trail, want) {
			t.Errorf("the trail's newest entry %q does not say %q", trail, want)
		}
	}
	if n := eval[int](b, `document.querySelectorAll("#modifiche tbody tr").length`); n != 1 {
		t.Errorf("the trail has %d entries, want 1 (the refused form wrote nothing)", n)
	}
	b.axe("riduzioni di capacità, dopo la modifica")
	b.screenshot("riduzioni-modificata")
	b.do("scroll to the register", chromedp.ScrollIntoView("#registro"))
	b.screenshot("riduzioni-registro")
	b.do("scroll to the trail", chromedp.ScrollIntoView("#modifiche"))
	b.screenshot("riduzioni-modifiche")
	b.logout()

	b.login("operatore", testPassword, ".scheda")
	b.open(year, "#sintesi")
	text := eval[string](b, `document.body.textContent`)
	if !strings.Contains(text, after) || strings.Contains(text, before) {
		t.Errorf("the operatore's statement does not show the edited reduction %q", after)
	}
	b.open("/riduzioni", "main")
	if eval[bool](b, `!!document.getElementById("registro")`) {
		t.Error("the operatore opened the register of everybody's reductions")
	}
}
