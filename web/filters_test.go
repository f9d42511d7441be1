package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/carico/carico"
)

// TestScopeFiltersRefused: a comune or an area that is not the Ambito's is
// a bad request with an Italian reason; the personal statement takes
// neither; a good one is served to every role the dashboard serves.
func TestScopeFiltersRefused(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	istat := firstComune(t, ts)
	own := "operatore=" + url.QueryEscape(ts.operator.ID)
	for _, c := range []struct {
		role       Role
		path, want string
		status     int
	}{
		{Responsabile, "/cruscotto?comune=999999", "comune sconosciuto", http.StatusBadRequest},
		{Politico, "/cruscotto/rapporto?comune=Seriate", "comune sconosciuto", http.StatusBadRequest},
		{UfficioDiPiano, "/cruscotto/cartella.xlsx?area=giovani", "area di utenza sconosciuta", http.StatusBadRequest},
		{Responsabile, "/cruscotto/rapporto?comune=" + istat + "&area=" + string(carico.AreaElderly), "", http.StatusOK},
		{Politico, "/cruscotto?comune=" + istat, `<option value="` + istat + `" selected>`, http.StatusOK},
		{UfficioDiPiano, "/cruscotto/cartella.xlsx?area=" + string(carico.AreaFamily), "", http.StatusOK},
		{Operatore, "/prospetto/rapporto?" + own + "&comune=" + istat, "non si filtra per comune", http.StatusBadRequest},
		{Operatore, "/prospetto?area=" + string(carico.AreaElderly), "non si filtra per comune", http.StatusBadRequest},
		{Responsabile, "/prospetto/prospetto.pdf?" + own + "&comune=" + istat, "non si filtra per comune", http.StatusBadRequest},
	} {
		cl := client(t)
		ts.login(t, cl, string(c.role))
		res, body := ts.get(t, cl, c.path)
		if res.StatusCode != c.status || !bytes.Contains(body, []byte(c.want)) {
			t.Errorf("%s %s: status %d, want %d with %q", c.role, c.path, res.StatusCode, c.status, c.want)
		}
	}
}

func firstComune(t *testing.T, ts *testServer) string {
	t.Helper()
	var istat string
	// The comune with most open cartelle, so that its rows carry figures.
	err := ts.db.QueryRowContext(context.Background(), `SELECT istat FROM cases WHERE closed IS NULL AND istat IS NOT NULL GROUP BY istat ORDER BY count(*) DESC, istat LIMIT 1`).Scan(&istat)
	if err != nil {
		t.Fatal(err)
	}
	return istat
}

// TestScopedWorkbookEqualsBreakdown: the workbook of a filtered view
// carries, for its comune or area, the very rows — every number and every
// suppression mark — of the unfiltered workbook, says the filter in
// Italian, and drops the rows of the other comuni.
func TestScopedWorkbookEqualsBreakdown(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	istat := firstComune(t, ts)
	var name string
	var others []string
	comuni, _, err := ts.scopeChoices(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range comuni {
		if c.ID == istat {
			name = c.Name
		} else {
			others = append(others, c.Name)
		}
	}
	for _, role := range []Role{Responsabile, Politico} {
		cl := client(t)
		ts.login(t, cl, string(role))
		whole := workbookRows(t, ts, cl, "/cruscotto/cartella.xlsx")
		for _, c := range []struct{ query, label string }{
			{"comune=" + istat, name},
			{"area=" + string(carico.AreaElderly), carico.AreaElderly.Label()},
		} {
			part := workbookRows(t, ts, cl, "/cruscotto/cartella.xlsx?"+c.query)
			compared := 0
			for sheet, rows := range whole {
				want, got := rowsOf(rows, c.label), rowsOf(part[sheet], c.label)
				if !slices.Equal(want, got) {
					t.Errorf("%s %s, sheet %s: rows of %s\n%q\nwant the unfiltered workbook's\n%q", role, c.query, sheet, c.label, got, want)
				}
				compared += len(want)
			}
			if leps := rowsOf(part["LEPS per comune"], name); c.label == name && len(leps) != 1 {
				t.Errorf("%s %s: LEPS sheet has %d rows for %s, want 1", role, c.query, len(leps), name)
			}
			if compared == 0 {
				t.Errorf("%s %s: no row of %s in the workbook", role, c.query, c.label)
			}
			if !strings.Contains(strings.Join(slices.Concat(part["Sintesi"]...), " "), "Filtro: ") {
				t.Errorf("%s %s: the workbook does not say its filter", role, c.query)
			}
		}
		part := workbookRows(t, ts, cl, "/cruscotto/cartella.xlsx?comune="+istat)
		for _, o := range others {
			if n := len(rowsOf(part["LEPS per comune"], o)); n > 0 {
				t.Errorf("%s: the workbook filtered on %s shows %s", role, name, o)
			}
		}
	}
}

// workbookRows downloads a workbook and reads each sheet's rows as shown.
func workbookRows(t *testing.T, ts *testServer, cl *http.Client, path string) map[string][][]string {
	t.Helper()
	res, b := ts.get(t, cl, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d", path, res.StatusCode)
	}
	return sheetRows(t, b)
}

// sheetRows reads each sheet's rows of a workbook as shown.
func sheetRows(t *testing.T, b []byte) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, s := range f.GetSheetList() {
		if out[s], err = f.GetRows(s); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// rowsOf lists the rows whose first cell is label, each joined by tabs:
// the table's cells, up to the gap before the data the workbook's charts
// draw beside it.
func rowsOf(rows [][]string, label string) []string {
	var out []string
	for _, r := range rows {
		if len(r) > 0 && r[0] == label {
			for i := 1; i+1 < len(r); i++ {
				if r[i] == "" && r[i+1] == "" {
					r = r[:i]
					break
				}
			}
			out = append(out, strings.Join(r, "\t"))
		}
	}
	return out
}
