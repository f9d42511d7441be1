package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/usererr"
)

// scenarioTarget is the saved scenario the form's «scenario» names; it
// answers the page itself when there is none.
func (s *Server) scenarioTarget(w http.ResponseWriter, r *http.Request, u *User) (app.Scenario, bool) {
	name := r.PostFormValue("scenario")
	saved, err := app.Scenarios(r.Context(), s.db)
	if err != nil {
		s.fail(w, r, u, err)
		return app.Scenario{}, false
	}
	i := slices.IndexFunc(saved, func(x app.Scenario) bool { return x.Name == name })
	if i < 0 {
		s.scenarioPage(w, r, u, http.StatusNotFound, "", "Lo scenario «"+name+"» non esiste (forse è stato rinominato o eliminato nel frattempo).", nil, nil)
		return app.Scenario{}, false
	}
	return saved[i], true
}

// scenarioChange applies one change to a saved scenario and reports it:
// the reports are recomputed when a published scenario is touched.
func (s *Server) scenarioChange(w http.ResponseWriter, r *http.Request, u *User, sc app.Scenario, t app.Trail,
	change func(app.Trail) error, action, done string) {
	t.At, t.Username = s.now(), u.Username
	if t.Scenario == "" {
		t.Scenario = sc.Name
	}
	if t.TOML == "" {
		t.TOML = sc.TOML
	}
	err := change(t)
	switch {
	case errors.Is(err, app.ErrDuplicate):
		s.scenarioPage(w, r, u, http.StatusConflict, "", "Esiste già uno scenario «"+t.Scenario+"»: scegliere un altro nome.", nil, nil)
		return
	case errors.Is(err, app.ErrNotFound):
		s.scenarioPage(w, r, u, http.StatusConflict, "", "Lo scenario «"+sc.Name+"» è cambiato nel frattempo: ricontrollare l'elenco.", nil, nil)
		return
	case err != nil:
		s.fail(w, r, u, err)
		return
	}
	if sc.Published() || action == "scenario pubblicato" {
		s.cache.rescenario()
	}
	s.logAccess(r, u, action, t.Scenario)
	s.scenarioPage(w, r, u, http.StatusOK, done, "", nil, nil)
}

// scenarioPublish publishes a draft: from now on every report shows it,
// the council's included.
func (s *Server) scenarioPublish(w http.ResponseWriter, r *http.Request, u *User) {
	s.scenarioStep(w, r, u, app.PublishScenario, "scenario pubblicato",
		"Scenario «%s» pubblicato: i rapporti, compreso quello per gli amministratori, ora lo mostrano.")
}

// scenarioWithdraw makes a published scenario a draft again.
func (s *Server) scenarioWithdraw(w http.ResponseWriter, r *http.Request, u *User) {
	s.scenarioStep(w, r, u, app.WithdrawScenario, "scenario ritirato",
		"Scenario «%s» ritirato: è di nuovo una bozza e i rapporti non lo mostrano più.")
}

// scenarioDelete deletes a scenario once the user has confirmed it on the
// page the first click shows; its text stays in the trail.
func (s *Server) scenarioDelete(w http.ResponseWriter, r *http.Request, u *User) {
	if r.PostFormValue("conferma") == "si" {
		s.scenarioStep(w, r, u, app.DeleteScenario, "scenario eliminato", "Scenario «%s» eliminato; il suo testo resta nello storico.")
		return
	}
	sc, ok := s.scenarioTarget(w, r, u)
	if !ok {
		return
	}
	v, err := s.scenarioData(r.Context(), nil, nil)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	v.Confirm = &savedScenario{Scenario: sc, Description: describeScenario(sc)}
	s.render(w, r, http.StatusOK, "scenarios.html", view{Title: "Scenari", User: u, Active: "scenari", Data: v})
}

// scenarioStep applies to the form's scenario a change that takes nothing
// but the scenario, and says done (with the scenario's name) on success.
func (s *Server) scenarioStep(w http.ResponseWriter, r *http.Request, u *User, change func(context.Context, app.DB, app.Trail) error, action, done string) {
	sc, ok := s.scenarioTarget(w, r, u)
	if !ok {
		return
	}
	s.scenarioChange(w, r, u, sc, app.Trail{}, func(t app.Trail) error { return change(r.Context(), s.db, t) },
		action, fmt.Sprintf(done, sc.Name))
}

// scenarioRename renames a scenario; a name already taken is refused.
func (s *Server) scenarioRename(w http.ResponseWriter, r *http.Request, u *User) {
	sc, ok := s.scenarioTarget(w, r, u)
	if !ok {
		return
	}
	name := strings.TrimSpace(r.PostFormValue("nuovo"))
	if err := checkScenarioName(name); err != nil {
		s.scenarioPage(w, r, u, http.StatusBadRequest, "", usererr.Message(err), nil, nil)
		return
	}
	p, err := decodeScenario(sc.TOML)
	var text string
	if err == nil {
		p.Name = name
		text, err = encodeScenario(p)
	}
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.scenarioChange(w, r, u, sc, app.Trail{Scenario: name, Detail: sc.Name, TOML: text},
		func(t app.Trail) error { return app.RenameScenario(r.Context(), s.db, t) },
		"scenario rinominato", "Scenario «"+sc.Name+"» rinominato in «"+name+"».")
}
