package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/carico/carico/evidence"
	"github.com/carico/carico/internal/italian"
	"net/http"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/carico/carico"
	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/usererr"
)

// savedScenarios returns the scenarios saved in the database as one
// scenario file (docs/planning.md), "" when there are none.
func (s *Server) savedScenarios(ctx context.Context) (string, error) {
	saved, err := app.Scenarios(ctx, s.db)
	var text strings.Builder
	for _, sc := range saved {
		text.WriteString(sc.TOML + "\n")
	}
	if err != nil || text.Len() == 0 {
		return "", err
	}
	return "share_key = \"residents\"\n" + text.String(), nil
}

type scenarioView struct {
	Saved  []savedScenario
	Comuni []comune
	Areas  []option
	Roles  []option
	Form   map[string]string
}

type savedScenario struct{ Name, By, TOML string }
type comune struct{ ISTAT, Name string }

func (s *Server) scenarioPage(w http.ResponseWriter, r *http.Request, u *User, status int, msg, errMsg string, form map[string]string) {
	v := scenarioView{Form: form}
	saved, err := app.Scenarios(r.Context(), s.db)
	for _, x := range saved {
		v.Saved = append(v.Saved, savedScenario{Name: x.Name, By: x.SavedBy, TOML: x.TOML})
	}
	if err == nil {
		v.Comuni, err = s.comuni(r.Context())
	}
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	for _, a := range carico.Areas {
		v.Areas = append(v.Areas, option{string(a), a.Label()})
	}
	for _, ro := range carico.Roles {
		v.Roles = append(v.Roles, option{string(ro), ro.Label()})
	}
	s.render(w, r, status, "scenarios.html", view{Title: "Scenari", User: u, Active: "scenari", Message: msg, Error: errMsg, Data: v})
}

func (s *Server) scenarios(w http.ResponseWriter, r *http.Request, u *User) {
	s.scenarioPage(w, r, u, http.StatusOK, "", "", nil)
}

func (s *Server) comuni(ctx context.Context) ([]comune, error) {
	names, err := facts.ComuneNames(ctx, s.db)
	var out []comune
	for _, n := range names {
		out = append(out, comune{ISTAT: n.ID, Name: n.Name})
	}
	return out, err
}

// scenarioFromForm builds one scenario from the form's levers: a hire, a
// move between comuni, a change of residents, of arrivals by area, of the
// weights of an area.
func scenarioFromForm(r *http.Request) (planning.Scenario, error) {
	sc := planning.Scenario{Name: strings.TrimSpace(r.PostFormValue("nome")), Description: strings.TrimSpace(r.PostFormValue("descrizione"))}
	if sc.Name == "" {
		return sc, errors.New("dare un nome allo scenario")
	}
	num := func(key string) (float64, error) {
		v := strings.TrimSpace(r.PostFormValue(key))
		if v == "" {
			return 0, nil
		}
		x, err := italian.ParseNumber(v)
		if err != nil {
			return 0, fmt.Errorf("%q non è un numero", r.PostFormValue(key))
		}
		return x, nil
	}
	if fte, err := num("assunzioni_fte"); err != nil {
		return sc, err
	} else if fte > 0 {
		ch := planning.StaffChange{Action: "hire", Role: carico.Role(r.PostFormValue("assunzioni_ruolo")),
			Contract: carico.Contract(r.PostFormValue("assunzioni_contratto")), FTE: fte}
		if c := r.PostFormValue("assunzioni_comune"); c != "" {
			ch.Comuni = map[string]float64{c: 1}
		}
		sc.Staff = append(sc.Staff, ch)
	}
	if fte, err := num("spostamento_fte"); err != nil {
		return sc, err
	} else if fte > 0 {
		from, to := r.PostFormValue("spostamento_da"), r.PostFormValue("spostamento_a")
		if from == "" || to == "" || from == to {
			return sc, errors.New("per uno spostamento indicare due comuni diversi")
		}
		sc.Staff = append(sc.Staff, planning.StaffChange{Action: "move", Role: carico.RoleSocialWorker, FTE: fte, From: from,
			Comuni: map[string]float64{to: 1}})
	}
	if pct, err := num("popolazione_pct"); err != nil {
		return sc, err
	} else if c := r.PostFormValue("popolazione_comune"); pct != 0 && c != "" {
		sc.Population = map[string]float64{c: pct}
	}
	for _, a := range carico.Areas {
		pct, err := num("arrivi_" + string(a))
		if err != nil {
			return sc, err
		}
		if pct != 0 {
			if sc.Arrivals == nil {
				sc.Arrivals = map[carico.Area]float64{}
			}
			sc.Arrivals[a] = pct
		}
	}
	if a := carico.Area(r.PostFormValue("pesi_area")); a != "" {
		var w [3]float64
		for i := range w {
			x, err := num(fmt.Sprintf("pesi_%d", i+1))
			if err != nil {
				return sc, err
			}
			if x <= 0 {
				return sc, errors.New("i pesi vanno indicati per le tre complessità, in ore per caso l'anno")
			}
			w[i] = x
		}
		sc.Weights = map[carico.Area][3]float64{a: w}
	}
	return sc, nil
}

// scenarioSave checks the scenario against the baseline, by running it,
// and saves it; the dashboards then show it beside the baseline.
func (s *Server) scenarioSave(w http.ResponseWriter, r *http.Request, u *User) {
	r.ParseForm()
	form := map[string]string{}
	for k := range r.PostForm {
		form[k] = r.PostFormValue(k)
	}
	sc, err := scenarioFromForm(r)
	var b bytes.Buffer
	if err == nil {
		err = toml.NewEncoder(&b).Encode(map[string]any{"scenario": []planning.Scenario{sc}})
	}
	if err == nil {
		err = s.checkScenario(r.Context(), b.String())
	}
	if err == nil {
		err = app.SaveScenario(r.Context(), s.db, app.Scenario{Name: sc.Name, TOML: b.String(), SavedAt: s.now(), SavedBy: u.Username})
	}
	if err != nil {
		s.scenarioPage(w, r, u, http.StatusBadRequest, "", usererr.Message(err), form)
		return
	}
	s.cache.rescenario()
	s.logAccess(r, u, "scenario salvato", sc.Name)
	s.scenarioPage(w, r, u, http.StatusOK, "Scenario «"+sc.Name+"» salvato: il cruscotto lo mostra accanto alla situazione attuale, nella sezione Scenari.", "", nil)
}

// checkScenario runs the scenario against the baseline of the model's
// default period, as the dashboards will: a scenario that cannot run (a
// move from a comune without social workers) is refused here rather than
// break every dashboard later.
func (s *Server) checkScenario(ctx context.Context, text string) error {
	sf, err := planning.ParseScenarios("modulo", []byte("share_key = \"residents\"\n"+text))
	if err != nil {
		return err
	}
	ev, err := s.compute(ctx, filters{})
	if err != nil {
		return err
	}
	base, err := evidence.Baseline(ctx, s.db, ev.Metrics)
	if err != nil {
		return err
	}
	_, err = planning.RunScenarios(base, sf, ev.Metrics.Config)
	return err
}
