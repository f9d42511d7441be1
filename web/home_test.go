package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/carico/carico/analytics"
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

// TestEnteAndNotices checks the header names the configured ente (and
// says «Servizio sociale» when none is set), and that the privacy notice
// and the accessibility statement are reachable from every page, fill in
// what the configuration gives and mark the rest to complete.
func TestEnteAndNotices(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	_, login := ts.get(t, c, "/accesso")
	for _, w := range []string{`<span class="navbar-brand">Servizio sociale</span>`, `href="/privacy"`, `href="/accessibilita"`} {
		if !strings.Contains(string(login), w) {
			t.Errorf("login page without configuration lacks %s", w)
		}
	}
	_, priv := ts.get(t, c, "/privacy")
	if !strings.Contains(string(priv), "[Contatti del responsabile della protezione dei dati") {
		t.Error("privacy notice without configuration does not mark the DPO to complete")
	}

	cfg, err := analytics.ParseConfig("prova.toml", []byte("[ente]\nname = \"Comune di Prova – Ambito 9\"\ndpo = \"dpo@comune.prova.it\"\naccessibility = \"accessibilita@comune.prova.it\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	ts = newTestServerWith(t, openCopy(t), Options{Config: cfg})
	c = client(t)
	ts.login(t, c, string(Politico))
	_, home := ts.get(t, c, "/")
	if !strings.Contains(string(home), `<span class="navbar-brand">Comune di Prova – Ambito 9</span>`) {
		t.Error("the header does not name the configured ente")
	}
	_, priv = ts.get(t, c, "/privacy")
	if !strings.Contains(string(priv), "dpo@comune.prova.it") || strings.Contains(string(priv), "[Contatti del responsabile della protezione dei dati") {
		t.Error("privacy notice does not give the configured DPO")
	}
	_, acc := ts.get(t, c, "/accessibilita")
	if !strings.Contains(string(acc), "Comune di Prova – Ambito 9") || !strings.Contains(string(acc), "accessibilita@comune.prova.it") {
		t.Error("accessibility statement does not give the configured ente and contact")
	}
}

// TestDownloadNamedAfterDefaultPeriod: a workbook asked for without dates
// is named after the period the model chose, not «cruscotto-responsabile».
func TestDownloadNamedAfterDefaultPeriod(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Responsabile))
	res, _ := ts.get(t, c, "/cruscotto/cartella.xlsx")
	got := res.Header.Get("Content-Disposition")
	if !regexp.MustCompile(`filename="cruscotto-responsabile_dal-\d{4}-01-01_al-\d{4}-12-31_data-\d{4}-12-31\.xlsx"`).MatchString(got) {
		t.Errorf("Content-Disposition %q: not named after the default period", got)
	}
}
