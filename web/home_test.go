package web

import (
	"github.com/carico/carico/allocate"
	"html"
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

// TestOperatoreNearing: an operatore's home page lists her own istanze
// nearing their term, as allocate.NearingItems words them over the
// queue, and no one else's; one with none is told so.
func TestOperatoreNearing(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	items, _, err := ts.QueueItems(t.Context(), filters{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := allocate.DefaultQueueConfig()
	// The sample's operator with an istanza nearing its term.
	var holder string
	for _, it := range items {
		if it.Nearing(cfg) && it.Holder != ts.operator.ID {
			holder = it.Holder
			break
		}
	}
	if holder == "" || len(allocate.NearingItems(items, ts.operator.ID, cfg)) != 0 {
		t.Fatalf("the sample changed: want an operator other than %s with an istanza nearing its term, and none for %s", ts.operator.ID, ts.operator.ID)
	}
	if err := ts.createUser(t.Context(), User{Username: "vicina", Role: Operatore, OperatorID: holder}, testPassword); err != nil {
		t.Fatal(err)
	}
	page := func(user string) string {
		c := client(t)
		ts.login(t, c, user)
		_, body := ts.get(t, c, "/")
		return html.UnescapeString(string(body))
	}
	got := page("vicina")
	mine := allocate.NearingItems(items, holder, cfg)
	for _, d := range mine {
		if !strings.Contains(got, "Istanze vicine al termine") || !strings.Contains(got, d.What) {
			t.Errorf("%s's home page lacks %q", holder, d.What)
		}
	}
	for _, it := range items {
		if it.Nearing(cfg) && it.Holder != holder && strings.Contains(got, "cartella "+it.Number()+" ") {
			t.Errorf("%s's home page shows %s's istanza %s", holder, it.Holder, it.Number())
		}
	}
	if got := page(string(Operatore)); !strings.Contains(got, "Nessuna istanza delle sue cartelle in attesa di decisione è vicina al termine.") {
		t.Errorf("%s's home page does not say she has no istanza nearing its term", ts.operator.ID)
	}
}
