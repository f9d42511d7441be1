package web

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestSiossPage: the Ufficio di Piano sees the sample's 2025 return, ready,
// with the year's figures, the names and the reasons; a bad year is an
// error page, not a crash.
func TestSiossPage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(UfficioDiPiano))
	res, body := ts.get(t, c, "/sioss?anno=2025")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	page := string(body)
	for _, want := range []string{"Pronto: nessun controllo in sospeso", "Contributo dell&#39;anno", "€ 13.018", "12,3804", "13,1667",
		"Brembilla Cristina", "azienda sanitaria il cui costo i comuni non rimborsano", "passaggio a tempo indeterminato dal 01/03/2025", "28/02/2026"} {
		if !strings.Contains(page, want) {
			t.Errorf("page without %q", want)
		}
	}
	if res, _ := ts.get(t, c, "/sioss?anno=abc"); res.StatusCode == http.StatusOK {
		t.Errorf("a bad year gives status %d", res.StatusCode)
	}
}

// TestSiossEmployer: the responsabile records that the ASST reimburses
// Brembilla's cost; her half FTE then counts, and the change is logged.
func TestSiossEmployer(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Responsabile))
	form := url.Values{"anno": {"2025"}, "matricola": {"M015"}, "datore": {"azienda_sanitaria_rimborsata"}, "servizi": {"si"}}
	res := ts.post(t, c, "/sioss/persona", form)
	io.Copy(io.Discard, res.Body)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d, want 303 to the return", res.StatusCode)
	}
	res, body := ts.get(t, c, res.Header.Get("Location"))
	page := string(body)
	if res.StatusCode != http.StatusOK || !strings.Contains(page, "registrati per la matricola M015") {
		t.Fatalf("status %d, page without the confirmation", res.StatusCode)
	}
	// 12,3804 + 0,5 of Brembilla's 18 hours.
	if !strings.Contains(page, "12,8804") || strings.Contains(page, "il cui costo i comuni non rimborsano") {
		t.Error("after the change the return does not count Brembilla")
	}
	form.Set("matricola", "nessuno")
	if res := ts.post(t, c, "/sioss/persona", form); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown operator: status %d", res.StatusCode)
	}
	var n int
	if err := ts.Server.db.QueryRow(`SELECT count(*) FROM web_access WHERE action = 'datore di lavoro registrato'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("access log: %d entries, %v", n, err)
	}
}
