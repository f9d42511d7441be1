package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/carico/carico"
)

// TestScenarioFormNumbers checks that the scenario form reads numbers as
// the importer does: «1.000» is one thousand, «1,25»
// is one and a quarter.
func TestScenarioFormNumbers(t *testing.T) {
	t.Parallel()
	form := url.Values{"nome": {"prova"}, "assunzioni_fte": {"1,5"}, "assunzioni_ruolo": {"assistente_sociale"},
		"pesi_area": {string(carico.AreaFamily)}, "pesi_1": {"1.000"}, "pesi_2": {"1,25"}, "pesi_3": {"30"}}
	r := httptest.NewRequest("POST", "/scenari", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	sc, err := scenarioFromForm(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Staff) != 1 || sc.Staff[0].FTE != 1.5 {
		t.Errorf("hire %+v, want 1,5 FTE", sc.Staff)
	}
	if got := sc.Weights[carico.AreaFamily]; got != [3]float64{1000, 1.25, 30} {
		t.Errorf("weights %v, want [1000 1.25 30]", got)
	}
}
