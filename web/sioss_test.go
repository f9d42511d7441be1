package web

import (
	"net/http"
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
