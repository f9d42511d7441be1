package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestHomePages opens each role's home page and checks its cards: the
// figures come from the role's report (the same words and numbers), the
// operatore sees her own only, the council's roles never a name.
func TestHomePages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	cases := []struct {
		role   Role
		want   []string // card titles and what they must show
		report string   // the report the page links to
	}{
		{Operatore, []string{"Il mio carico", "Andamento del mio carico", "Riduzioni e tempo protetto", "Le mie priorità", "Le mie segnalazioni", ts.operator.Name}, "/prospetto/rapporto?operatore="},
		{Responsabile, []string{"Il gruppo di lavoro", "Coda di assegnazione", "Segnalazioni e verifiche in scadenza", "Qualità dei dati da correggere", "Ultima importazione", ts.operator.Name}, "/cruscotto/rapporto"},
		{UfficioDiPiano, []string{"In breve", "LEPS per comune", "Scenari di personale", "Previsioni"}, "/cruscotto/rapporto"},
		{Politico, []string{"In breve", "Dati aggregati per la Giunta e il Consiglio"}, "/cruscotto"},
	}
	for _, tc := range cases {
		c := client(t)
		ts.login(t, c, string(tc.role))
		res, body := ts.get(t, c, "/")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", tc.role, res.StatusCode, body)
		}
		page := string(body)
		for _, w := range append(tc.want, tc.report) {
			if !strings.Contains(page, w) {
				t.Errorf("%s: the home page lacks %q", tc.role, w)
			}
		}
		switch tc.role {
		case Operatore:
			for _, o := range ts.others {
				if strings.Contains(page, ">"+o.Name+"<") {
					t.Errorf("operatore: the home page names another operator, %s", o.Name)
				}
			}
		case UfficioDiPiano, Politico:
			for _, o := range append(ts.others, ts.operator) {
				if strings.Contains(page, o.Name) {
					t.Errorf("%s: the home page names an operator, %s", tc.role, o.Name)
				}
			}
		}
	}
}
