package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/carico/carico"
	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/evidence"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/internal/usererr"
)

// A scenario built in the browser is a draft: its author previews it and
// saves it; the responsabile or the Ufficio di Piano publishes it, and only
// then it reaches the reports, the council's included. Every step is in
// the scenarios' trail (app.Trail).

// publishedScenarios returns the published scenarios as the text of one
// scenario file (docs/planning.md), "" when none is published: the only
// scenarios the reports show.
func (s *Server) publishedScenarios(ctx context.Context) (string, error) {
	saved, err := app.Scenarios(ctx, s.db)
	var text strings.Builder
	for _, sc := range saved {
		if sc.Published() {
			text.WriteString(sc.TOML + "\n")
		}
	}
	if err != nil || text.Len() == 0 {
		return "", err
	}
	return scenarioHeader + text.String(), nil
}

// scenarioHeader opens the scenario file the saved scenarios make.
const scenarioHeader = "share_key = \"residents\"\n"

// encodeScenario is sc as its saved text.
func encodeScenario(sc planning.Scenario) (string, error) {
	var b bytes.Buffer
	err := toml.NewEncoder(&b).Encode(map[string]any{"scenario": []planning.Scenario{sc}})
	return b.String(), err
}

// decodeScenario reads a saved scenario's text back.
func decodeScenario(text string) (planning.Scenario, error) {
	f, err := planning.ParseScenarios("salvato", []byte(scenarioHeader+text))
	if err != nil {
		return planning.Scenario{}, err
	}
	if len(f.Scenarios) != 1 {
		return planning.Scenario{}, errors.New("scenario salvato illeggibile")
	}
	return f.Scenarios[0], nil
}

type scenarioView struct {
	Saved   []savedScenario
	Trail   []app.Trail
	Preview []scenarioFigures // the baseline, then the scenario previewed
	Comuni  []comune
	Areas   []option
	Roles   []option
	Form    map[string]string
	// Confirm is the scenario whose deletion the page asks to confirm.
	Confirm *savedScenario
}

type savedScenario struct {
	app.Scenario
	Description string
}

type comune struct{ ISTAT, Name string }

// scenarioFigures are a scenario's Ambito figures as the report's
// scenario table shows them, formatted.
type scenarioFigures struct {
	Name, FTE, Residents, LEPS, Missing, Contribution, Added, Net, WISN, Load string
}

func figuresOf(r planning.ScenarioResult) scenarioFigures {
	a := r.Ambito
	opt := func(v *float64, d int, none string) string {
		if v == nil {
			return none
		}
		return italian.Number(*v, d)
	}
	euro := func(v float64) string { return "€ " + italian.Number(v, 0) }
	load := "—"
	if a.Load != nil {
		load = italian.Number(*a.Load*100, 0) + " %"
	}
	return scenarioFigures{Name: r.Name, FTE: italian.Number(a.PermanentSocialWorkerFTE, 2),
		Residents: opt(a.ResidentsPerPermanentSocialWorker, 0, "nessun assistente sociale"), LEPS: a.LEPS.Status.Label(),
		Missing: italian.Number(a.FTEMissingLEP, 2), Contribution: euro(a.ContributionEUR), Added: euro(a.AddedCostEUR),
		Net: euro(a.NetCostEUR), WISN: opt(a.WISNRatio, 2, "—"), Load: load}
}

func (s *Server) scenarioPage(w http.ResponseWriter, r *http.Request, u *User, status int, msg, errMsg string, form map[string]string, preview []planning.ScenarioResult) {
	v, err := s.scenarioData(r.Context(), form, preview)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.render(w, r, status, "scenarios.html", view{Title: "Scenari", User: u, Active: "scenari", Message: msg, Error: errMsg, Data: v})
}

// scenarioData is what the scenarios page shows: the saved scenarios,
// the trail, the form's choices, and the form and preview given.
func (s *Server) scenarioData(ctx context.Context, form map[string]string, preview []planning.ScenarioResult) (scenarioView, error) {
	v := scenarioView{Form: form}
	saved, err := app.Scenarios(ctx, s.db)
	for _, x := range saved {
		v.Saved = append(v.Saved, savedScenario{Scenario: x, Description: describeScenario(x)})
	}
	if err == nil {
		v.Trail, err = app.ScenarioTrail(ctx, s.db, 20)
	}
	if err == nil {
		v.Comuni, err = s.comuni(ctx)
	}
	for _, p := range preview {
		v.Preview = append(v.Preview, figuresOf(p))
	}
	for _, a := range carico.Areas {
		v.Areas = append(v.Areas, option{string(a), a.Label()})
	}
	for _, ro := range carico.Roles {
		v.Roles = append(v.Roles, option{string(ro), ro.Label()})
	}
	return v, err
}

// describeScenario is a saved scenario's description, or why its text
// cannot be read.
func describeScenario(x app.Scenario) string {
	sc, err := decodeScenario(x.TOML)
	if err != nil {
		return "(testo non leggibile: " + usererr.Message(err) + ")"
	}
	return sc.Description
}

func (s *Server) scenarios(w http.ResponseWriter, r *http.Request, u *User) {
	s.scenarioPage(w, r, u, http.StatusOK, "", "", nil, nil)
}

func (s *Server) comuni(ctx context.Context) ([]comune, error) {
	names, err := facts.ComuneNames(ctx, s.db)
	var out []comune
	for _, n := range names {
		out = append(out, comune{ISTAT: n.ID, Name: n.Name})
	}
	return out, err
}

// maxScenarioName bounds a scenario's name, in characters.
const maxScenarioName = 80

// checkScenarioName refuses an empty, overlong or unprintable name.
func checkScenarioName(name string) error {
	if name == "" {
		return errors.New("dare un nome allo scenario")
	}
	if utf8.RuneCountInString(name) > maxScenarioName {
		return fmt.Errorf("il nome dello scenario è troppo lungo: al massimo %d caratteri", maxScenarioName)
	}
	if strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return errors.New("il nome dello scenario contiene caratteri non stampabili")
	}
	return nil
}

// scenarioFromForm builds one scenario from the form's levers: a hire, a
// move between comuni, a change of residents, of arrivals by area, of the
// weights of an area. Numbers are read as the importer reads them, and
// each lever is held to its range (planning.StaffFTERange and the others).
func scenarioFromForm(r *http.Request) (planning.Scenario, error) {
	sc := planning.Scenario{Name: strings.TrimSpace(r.PostFormValue("nome")), Description: strings.TrimSpace(r.PostFormValue("descrizione"))}
	if err := checkScenarioName(sc.Name); err != nil {
		return sc, err
	}
	// num reads a field: 0 when empty, else a number within rg.
	num := func(key, label string, rg planning.Range) (float64, error) {
		v := strings.TrimSpace(r.PostFormValue(key))
		if v == "" {
			return 0, nil
		}
		x, err := italian.ParseNumber(v)
		if err != nil {
			return 0, fmt.Errorf("%s: «%s» non è un numero (scrivere ad esempio 1,5)", label, v)
		}
		if x == 0 && rg.Min == 0 {
			return 0, nil
		}
		if err := rg.Check(x); err != nil {
			return 0, fmt.Errorf("%s: %w", label, err)
		}
		return x, nil
	}
	if fte, err := num("assunzioni_fte", "Assunzioni", planning.StaffFTERange); err != nil {
		return sc, err
	} else if fte > 0 {
		ch := planning.StaffChange{Action: "hire", Role: carico.Role(r.PostFormValue("assunzioni_ruolo")),
			Contract: carico.Contract(r.PostFormValue("assunzioni_contratto")), FTE: fte}
		if c := r.PostFormValue("assunzioni_comune"); c != "" {
			ch.Comuni = map[string]float64{c: 1}
		}
		sc.Staff = append(sc.Staff, ch)
	}
	if fte, err := num("spostamento_fte", "Spostamento", planning.StaffFTERange); err != nil {
		return sc, err
	} else if fte > 0 {
		from, to := r.PostFormValue("spostamento_da"), r.PostFormValue("spostamento_a")
		if from == "" || to == "" || from == to {
			return sc, errors.New("per uno spostamento indicare due comuni diversi")
		}
		sc.Staff = append(sc.Staff, planning.StaffChange{Action: "move", Role: carico.RoleSocialWorker, FTE: fte, From: from,
			Comuni: map[string]float64{to: 1}})
	}
	if pct, err := num("popolazione_pct", "Variazione dei residenti", planning.PopulationRange); err != nil {
		return sc, err
	} else if pct != 0 {
		c := r.PostFormValue("popolazione_comune")
		if c == "" {
			return sc, errors.New("per una variazione dei residenti indicare il comune")
		}
		sc.Population = map[string]float64{c: pct}
	}
	for _, a := range carico.Areas {
		pct, err := num("arrivi_"+string(a), "Nuovi casi, "+a.Label(), planning.ArrivalsRange)
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
		if !a.Valid() {
			return sc, fmt.Errorf("area di utenza sconosciuta: %q", a)
		}
		var w [3]float64
		for i, label := range []string{"bassa", "media", "alta"} {
			x, err := num(fmt.Sprintf("pesi_%d", i+1), "Pesi, complessità "+label, planning.WeightRange)
			if err != nil {
				return sc, err
			}
			if x == 0 {
				return sc, errors.New("i pesi vanno indicati per le tre complessità, in ore per caso l'anno")
			}
			w[i] = x
		}
		sc.Weights = map[carico.Area][3]float64{a: w}
	}
	if len(sc.Staff) == 0 && sc.Population == nil && sc.Arrivals == nil && sc.Weights == nil {
		return sc, errors.New("lo scenario non cambia nulla: indicare almeno una leva (assunzioni, spostamento, residenti, nuovi casi o pesi)")
	}
	return sc, nil
}

// scenarioSave previews the form's scenario against the current situation,
// or saves it as a draft (the button pressed, «azione»). A name already
// taken is refused: nothing is overwritten.
func (s *Server) scenarioSave(w http.ResponseWriter, r *http.Request, u *User) {
	r.ParseForm()
	form := map[string]string{}
	for k := range r.PostForm {
		form[k] = r.PostFormValue(k)
	}
	sc, err := scenarioFromForm(r)
	var text string
	if err == nil {
		text, err = encodeScenario(sc)
	}
	var res []planning.ScenarioResult
	if err == nil {
		res, err = s.runScenario(r.Context(), text)
	}
	if err != nil {
		s.scenarioPage(w, r, u, http.StatusBadRequest, "", usererr.Message(err), form, nil)
		return
	}
	if r.PostFormValue("azione") != "bozza" {
		s.scenarioPage(w, r, u, http.StatusOK, "Anteprima dello scenario «"+sc.Name+"»: non è ancora salvato.", "", form, res)
		return
	}
	err = app.InsertScenario(r.Context(), s.db, app.Scenario{Name: sc.Name, TOML: text, SavedAt: s.now(), SavedBy: u.Username})
	if errors.Is(err, app.ErrDuplicate) {
		s.scenarioPage(w, r, u, http.StatusConflict, "", "Esiste già uno scenario «"+sc.Name+"»: scegliere un altro nome (quello esistente non è stato modificato).", form, res)
		return
	}
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.logAccess(r, u, "scenario salvato come bozza", sc.Name)
	s.scenarioPage(w, r, u, http.StatusOK, "Scenario «"+sc.Name+"» salvato come bozza: compare nei rapporti solo dopo la pubblicazione.", "", nil, res)
}

// runScenario runs the scenario text against the current situation of the
// model's default period, as the reports will: a scenario that cannot run
// (a move from a comune without social workers) is refused here rather
// than break every report later. The baseline comes first.
func (s *Server) runScenario(ctx context.Context, text string) ([]planning.ScenarioResult, error) {
	sf, err := planning.ParseScenarios("modulo", []byte(scenarioHeader+text))
	if err != nil {
		return nil, err
	}
	ev, err := s.compute(ctx, filters{})
	if err != nil {
		return nil, err
	}
	base, err := evidence.Baseline(ctx, s.db, ev.Metrics)
	if err != nil {
		return nil, err
	}
	return planning.RunScenarios(base, sf, ev.Metrics.Config)
}
