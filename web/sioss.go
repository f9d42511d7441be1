package web

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/analytics"
	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/reports"
	"github.com/carico/carico/sioss"
)

// The annual L. 178/2020 return (carico sioss) for the Ufficio di Piano
// and the responsabile: the page, its workbook and its PDF. The forecast
// may count the hires of a saved scenario from a date.

type siossView struct {
	R         sioss.Return
	Lines     []reports.SiossLine
	Ready     string
	Years     []int
	Scenarios []string
	Scenario  string
	From      string
	Query     string
	// Formatted tables: comuni, one row per contract period of each
	// person, the reconciliation.
	Comuni, Periods, Differences [][]string
	// CanEdit: the responsabile may record employers and services.
	CanEdit   bool
	Employers []option
}

// tables formats the return's tables for the page.
func (v *siossView) tables() {
	fte := func(f float64) string { return italian.Number(f, 4) }
	for _, c := range v.R.Comuni {
		per, year := "—", "mancanti"
		if c.ResidentsPerFTE != nil {
			per = "1:" + italian.Number(*c.ResidentsPerFTE, 0)
		}
		if c.ResidentsYear > 0 {
			year = strconv.Itoa(c.ResidentsYear)
		}
		v.Comuni = append(v.Comuni, []string{c.Name, italian.Count(c.Residents), year, fte(c.FTEYear), fte(c.FTESnapshot), per})
	}
	for _, p := range v.R.People {
		for _, pr := range p.Periods {
			v.Periods = append(v.Periods, []string{p.ID, p.Name, pr.Start, pr.Until(), strconv.Itoa(pr.Days), italian.Number(pr.WeeklyHours, 1),
				pr.Contract, pr.Employer, pr.Comuni, fte(pr.FTE), pr.Counts(), pr.Note()})
		}
	}
	for _, d := range v.R.Reconciliation {
		v.Differences = append(v.Differences, []string{d.ID, d.Name, fte(d.FTEYear), fte(d.FTESnapshot), fte(d.Difference), d.Reason})
	}
	v.Differences = append(v.Differences, []string{"Totale", "", fte(v.R.FTEYear), fte(v.R.FTESnapshot), fte(v.R.FTEYear - v.R.FTESnapshot),
		"Le persone non elencate hanno le stesse FTE nell'anno e al " + v.R.SnapshotDate + "."})
}

// siossReturn computes the return the request asks for: ?anno=, and
// ?scenario= with ?dal= for the forecast.
func (s *Server) siossReturn(r *http.Request) (sioss.Return, siossView, error) {
	q := r.URL.Query()
	v := siossView{Scenario: strings.TrimSpace(q.Get("scenario")), From: strings.TrimSpace(q.Get("dal"))}
	now := s.now()
	year := now.Year() - 1
	if a := q.Get("anno"); a != "" {
		y, err := strconv.Atoi(a)
		if err != nil || y < 2000 || y > 2100 {
			return sioss.Return{}, v, fmt.Errorf("anno %q non valido", a)
		}
		year = y
	}
	for y := now.Year() - 1; y >= now.Year()-4; y-- {
		v.Years = append(v.Years, y)
	}
	cfg := s.opt.Config
	if cfg == nil {
		cfg = analytics.DefaultConfig()
	}
	p := sioss.Params{Year: year, AWT: cfg.Model.AWT, LEPS: cfg.Model.LEPS}
	text, err := s.publishedScenarios(r.Context())
	if err != nil {
		return sioss.Return{}, v, err
	}
	if text != "" {
		sf, err := planning.ParseScenarios("pubblicati", []byte(text))
		if err != nil {
			return sioss.Return{}, v, err
		}
		for _, sc := range sf.Scenarios {
			v.Scenarios = append(v.Scenarios, sc.Name)
		}
		if sc, ok := sioss.FindScenario(sf, v.Scenario); ok {
			from := time.Date(year+1, 7, 1, 0, 0, 0, 0, time.UTC)
			if v.From != "" {
				if from, err = time.Parse("02/01/2006", v.From); err != nil {
					return sioss.Return{}, v, fmt.Errorf("data %q non valida: usare gg/mm/aaaa", v.From)
				}
			}
			v.From = italian.Date(from)
			p.Scenario, p.Hires = sc.Name, sioss.ScenarioHires(sc, from)
		}
	}
	recs, err := facts.LoadSioss(r.Context(), s.db, year)
	if err != nil {
		return sioss.Return{}, v, err
	}
	ret := sioss.Build(sioss.FromFacts(recs), p)
	v.R, v.Lines, v.Ready = ret, reports.SiossLines(ret), reports.ReadyText(ret)
	v.Query = r.URL.Query().Encode()
	v.tables()
	return ret, v, nil
}

func (s *Server) siossPage(w http.ResponseWriter, r *http.Request, u *User) {
	ret, v, err := s.siossReturn(r)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	v.CanEdit = u.Role == Responsabile
	for _, e := range carico.Employers {
		v.Employers = append(v.Employers, option{string(e), e.Label()})
	}
	msg := ""
	if id := r.URL.Query().Get("salvato"); id != "" {
		msg = "Datore di lavoro e servizio registrati per la matricola " + id + " nei periodi del " + strconv.Itoa(ret.Year) + "."
	}
	s.logAccess(r, u, "lettura", fmt.Sprintf("sioss %d", ret.Year))
	s.render(w, r, http.StatusOK, "sioss.html", view{Title: fmt.Sprintf("Contributo L. 178/2020 — anno %d", ret.Year), User: u, Active: "sioss", Message: msg, Data: v})
}

// siossEmployer records, for the responsabile, the employer of a social
// worker and whether she works in the social services, on her contract
// periods of the year; then shows the return again.
func (s *Server) siossEmployer(w http.ResponseWriter, r *http.Request, u *User) {
	r.ParseForm()
	year, err := strconv.Atoi(r.PostFormValue("anno"))
	id := strings.TrimSpace(r.PostFormValue("matricola"))
	e := carico.Employer(r.PostFormValue("datore"))
	social := r.PostFormValue("servizi")
	switch {
	case err != nil || year < 2000 || year > 2100:
		s.errorPage(w, r, u, http.StatusBadRequest, "Anno non valido.")
		return
	case id == "":
		s.errorPage(w, r, u, http.StatusBadRequest, "Indicare la matricola dell'assistente sociale.")
		return
	case !e.Valid():
		s.errorPage(w, r, u, http.StatusBadRequest, "Datore di lavoro non valido.")
		return
	case social != "si" && social != "no":
		s.errorPage(w, r, u, http.StatusBadRequest, "Indicare se lavora nei servizi sociali (sì o no).")
		return
	}
	n, err := app.SetEmployer(r.Context(), s.db, id, string(e), social == "si", year)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	if n == 0 {
		s.errorPage(w, r, u, http.StatusNotFound, fmt.Sprintf("Nessun periodo di contratto nel %d per la matricola %s.", year, id))
		return
	}
	s.logAccess(r, u, "datore di lavoro registrato", fmt.Sprintf("%s %d: %s, servizi sociali %s", id, year, e, social))
	http.Redirect(w, r, "/sioss?"+url.Values{"anno": {strconv.Itoa(year)}, "salvato": {id}}.Encode(), http.StatusSeeOther)
}

func (s *Server) siossWorkbook(w http.ResponseWriter, r *http.Request, u *User) {
	ret, _, err := s.siossReturn(r)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	dir, err := os.MkdirTemp(s.opt.TempDir, "carico-sioss-")
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	defer os.RemoveAll(dir)
	name := fmt.Sprintf("sioss-%d.xlsx", ret.Year)
	path := filepath.Join(dir, name)
	if err := reports.WriteSiossWorkbook(path, ret, s.now()); err != nil {
		s.fail(w, r, u, err)
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.logAccess(r, u, "scaricamento", name)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.Write(b)
}

func (s *Server) siossPDF(w http.ResponseWriter, r *http.Request, u *User) {
	ret, _, err := s.siossReturn(r)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	html, err := reports.SiossHTML(ret, s.now())
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	pdf, err := reports.RenderPDF(r.Context(), s.opt.Chromium, html)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	name := fmt.Sprintf("sioss-%d.pdf", ret.Year)
	s.logAccess(r, u, "scaricamento", name)
	sendPDF(w, name, pdf)
}
