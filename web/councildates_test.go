package web

import (
	"bytes"
	"net/http"
	"testing"
)

// TestCouncilDatesFixed: the roles that read the council's version cannot
// choose its dates — two reports a day apart would give back a single
// closure — while the responsabile can (issue 22).
func TestCouncilDatesFixed(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	const fixed = "anno solare intero"
	for _, c := range []struct {
		role       Role
		path, want string
		status     int
	}{
		{Politico, "/cruscotto/rapporto?data=2025-06-14", fixed, http.StatusBadRequest},
		{Politico, "/cruscotto/rapporto?data=2025-06-15", fixed, http.StatusBadRequest},
		{UfficioDiPiano, "/cruscotto/cartella.xlsx?dal=2025-02-01&al=2025-12-31", fixed, http.StatusBadRequest},
		{Politico, "/cruscotto?dal=2025-01-01&al=2025-12-31&data=2025-11-30", fixed, http.StatusBadRequest},
		{Politico, "/cruscotto/rapporto?dal=2025-01-01&al=2025-12-31", "", http.StatusOK},
		{Responsabile, "/cruscotto?data=2025-06-14", "", http.StatusOK},
	} {
		cl := client(t)
		ts.login(t, cl, string(c.role))
		res, body := ts.get(t, cl, c.path)
		if res.StatusCode != c.status || !bytes.Contains(body, []byte(c.want)) {
			t.Errorf("%s %s: status %d, want %d with %q", c.role, c.path, res.StatusCode, c.status, c.want)
		}
	}
}

// TestCouncilDashboardNoDates: the council's dashboard offers no date to
// choose and says why; the responsabile's does.
func TestCouncilDashboardNoDates(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	for _, c := range []struct {
		role  Role
		dates bool
	}{{Politico, false}, {UfficioDiPiano, false}, {Responsabile, true}} {
		cl := client(t)
		ts.login(t, cl, string(c.role))
		_, body := ts.get(t, cl, "/cruscotto")
		if got := bytes.Contains(body, []byte(`id="data"`)); got != c.dates {
			t.Errorf("%s: date field shown %v, want %v", c.role, got, c.dates)
		}
		if !c.dates && !bytes.Contains(body, []byte("anno solare intero")) {
			t.Errorf("%s: the page does not say why the dates are fixed", c.role)
		}
	}
}
