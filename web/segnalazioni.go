package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/carico/carico/disclosure"
	"github.com/carico/carico/evidence"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
	"github.com/carico/carico/segnalazioni"
)

// The register of segnalazioni: the operatore files one from her statement
// (its figures and period, her remarks, the statement's PDF attached), the
// responsabile answers step by step; the politico and the Ufficio di Piano
// see only the protected aggregate. Every step is a new row: nothing shown
// in a trail is ever rewritten.

type registerView struct {
	Entries   []entryRow
	Aggregate *segnalazioni.Aggregate
	// The operatore's filing form: her figures for the period.
	CanFile         bool
	Figures, Period string
	From, To, At    string
}

type entryRow struct {
	segnalazioni.Entry
	Filed, Period, Status, FollowUp string
	Due                             bool
}

func rowOf(e segnalazioni.Entry, today time.Time) entryRow {
	r := entryRow{Entry: e, Filed: local(e.FiledAt).Format("02/01/2006 15:04"), Period: italian.Date(e.From.Time) + " – " + italian.Date(e.To.Time),
		Status: e.Status.Label()}
	if e.FollowUp != nil {
		r.FollowUp = italian.Date(e.FollowUp.Time)
		r.Due = e.Status == segnalazioni.PianoConcordato && !e.FollowUp.After(today)
	}
	return r
}

// today is the server's day in Italy, the day follow-ups fall due against.
func (s *Server) today() time.Time { return model.DateOf(local(s.now())).Time }

func (s *Server) registerPage(w http.ResponseWriter, r *http.Request, u *User) {
	var v registerView
	switch u.Role {
	case Politico, UfficioDiPiano:
		reg, err := evidence.Register(r.Context(), s.db, "")
		if err != nil {
			s.fail(w, r, u, err)
			return
		}
		a := segnalazioni.Protect(reg, disclosure.DefaultRules.Threshold)
		v.Aggregate = &a
	default:
		who := ""
		if u.Role == Operatore {
			who = u.OperatorID
		}
		reg, err := evidence.Register(r.Context(), s.db, who)
		if err != nil {
			s.fail(w, r, u, err)
			return
		}
		for _, e := range reg {
			v.Entries = append(v.Entries, rowOf(e, s.today()))
		}
		if u.Role == Operatore && u.OperatorID != "" {
			f, ok := s.filters(w, r, u, false)
			if !ok {
				return
			}
			fig, m, err := s.figuresOf(r, f, u.OperatorID)
			if err != nil {
				s.fail(w, r, u, err)
				return
			}
			v.CanFile, v.Figures = true, fig.Sentence()
			v.Period = italian.Date(m.Period.From.Time) + " – " + italian.Date(m.Period.To.Time) + ", carichi al " + italian.Date(m.Period.At.Time)
			v.From, v.To, v.At = m.Period.From.Format("2006-01-02"), m.Period.To.Format("2006-01-02"), m.Period.At.Format("2006-01-02")
		}
	}
	msg := ""
	if n := r.URL.Query().Get("inviata"); n != "" {
		msg = "Segnalazione n. " + n + " inviata al responsabile, con il prospetto allegato."
	}
	s.logAccess(r, u, "vista", "segnalazioni")
	s.render(w, r, http.StatusOK, "segnalazioni.html", view{Title: "Segnalazioni di carico eccessivo", User: u, Active: "segnalazioni", Message: msg, Data: v})
}

// figuresOf is the operator's statement figures for f, from the same
// evidence the statement is drawn from.
func (s *Server) figuresOf(r *http.Request, f filters, operator string) (segnalazioni.Figures, *model.Metrics, error) {
	ev, err := s.compute(r.Context(), f)
	if err != nil {
		return segnalazioni.Figures{}, nil, err
	}
	for _, om := range ev.Metrics.Operators {
		if om.ID == operator {
			return segnalazioni.FiguresOf(om), ev.Metrics, nil
		}
	}
	return segnalazioni.Figures{}, nil, errors.New("l'operatore collegato all'account non è nell'anagrafica del personale")
}

// registerFile files the operatore's segnalazione: the figures are
// computed again here for the period of the form, never taken from it.
func (s *Server) registerFile(w http.ResponseWriter, r *http.Request, u *User) {
	r.ParseForm()
	remarks := strings.TrimSpace(r.PostFormValue("osservazioni"))
	if u.OperatorID == "" {
		s.errorPage(w, r, u, http.StatusForbidden, "L'account non è collegato a un operatore dell'anagrafica.")
		return
	}
	if remarks == "" {
		s.errorPage(w, r, u, http.StatusBadRequest, "Scrivere le osservazioni: cosa rende il carico eccessivo e cosa si chiede.")
		return
	}
	f, err := parseFilters(r.PostForm)
	if err == nil {
		err = s.checkWindow(r.Context(), f)
	}
	if err != nil {
		s.errorPage(w, r, u, http.StatusBadRequest, err.Error())
		return
	}
	fig, m, err := s.figuresOf(r, f, u.OperatorID)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	figures, _ := json.Marshal(fig)
	f.Operator = u.OperatorID
	f.From, f.To, f.At = m.Period.From.Time, m.Period.To.Time, m.Period.At.Time
	pdf, perr := s.statementPDFOf(r.Context(), f)
	if perr != nil {
		s.fail(w, r, u, fmt.Errorf("il prospetto da allegare non si è potuto stampare: %w", perr))
		return
	}
	id, err := app.InsertSegnalazione(r.Context(), s.db, app.Segnalazione{Operator: u.OperatorID, FiledBy: u.Username, FiledAt: s.now(),
		From: m.Period.From.Time, To: m.Period.To.Time, At: m.Period.At.Time, Figures: string(figures), Remarks: remarks, PDF: pdf})
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.logAccess(r, u, "segnalazione inviata", fmt.Sprintf("n. %d", id))
	http.Redirect(w, r, "/segnalazioni?inviata="+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

type entryView struct {
	entryRow
	Steps   []stepRow
	Next    []option
	Kinds   []option
	CanEdit bool
	// ActionRows numbers the plan's rows of actions in the form.
	ActionRows []string
}

type stepRow struct {
	At, Status, By, Protocol, FollowUp, Note string
	Plan                                     []string
}

// entryOf finds segnalazione {id} for u: her own for an operatore, any
// for the responsabile; false when the page has answered.
func (s *Server) entryOf(w http.ResponseWriter, r *http.Request, u *User) (segnalazioni.Entry, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.errorPage(w, r, u, http.StatusNotFound, "La segnalazione richiesta non esiste.")
		return segnalazioni.Entry{}, false
	}
	reg, err := evidence.Register(r.Context(), s.db, "")
	if err != nil {
		s.fail(w, r, u, err)
		return segnalazioni.Entry{}, false
	}
	for _, e := range reg {
		if e.ID != id {
			continue
		}
		if u.Role == Operatore && e.Operator != u.OperatorID {
			break
		}
		return e, true
	}
	s.logAccess(r, u, "negato", r.URL.Path)
	s.errorPage(w, r, u, http.StatusNotFound, "La segnalazione richiesta non esiste o non è tra le sue.")
	return segnalazioni.Entry{}, false
}

func (s *Server) registerEntry(w http.ResponseWriter, r *http.Request, u *User) {
	e, ok := s.entryOf(w, r, u)
	if !ok {
		return
	}
	s.renderEntry(w, r, u, e, http.StatusOK, "")
}

func (s *Server) renderEntry(w http.ResponseWriter, r *http.Request, u *User, e segnalazioni.Entry, status int, problem string) {
	v := entryView{entryRow: rowOf(e, s.today()), CanEdit: u.Role == Responsabile, ActionRows: []string{"1", "2", "3"}}
	for _, st := range e.Steps {
		row := stepRow{At: local(st.At).Format("02/01/2006 15:04"), Status: st.Status.Label(), By: st.By, Protocol: st.Protocol, Note: st.Note}
		if st.FollowUp != nil {
			row.FollowUp = italian.Date(st.FollowUp.Time)
		}
		for _, a := range st.Plan {
			row.Plan = append(row.Plan, fmt.Sprintf("%s entro il %s: %s", segnalazioni.ActionLabel(a.Kind), italian.Date(a.Date.Time), a.Text))
		}
		v.Steps = append(v.Steps, row)
	}
	for _, n := range segnalazioni.Next(e.Status) {
		v.Next = append(v.Next, option{string(n), n.Label()})
	}
	for _, k := range segnalazioni.ActionKinds {
		v.Kinds = append(v.Kinds, option{k.Key, k.Label})
	}
	s.logAccess(r, u, "vista", fmt.Sprintf("segnalazione n. %d", e.ID))
	s.render(w, r, status, "segnalazione.html", view{Title: fmt.Sprintf("Segnalazione n. %d", e.ID), User: u, Active: "segnalazioni", Error: problem, Data: v})
}

// registerStep appends the responsabile's step to the trail.
func (s *Server) registerStep(w http.ResponseWriter, r *http.Request, u *User) {
	e, ok := s.entryOf(w, r, u)
	if !ok {
		return
	}
	r.ParseForm()
	st := segnalazioni.Step{Status: segnalazioni.Status(r.PostFormValue("stato")), At: s.now(), By: u.Username,
		Protocol: strings.TrimSpace(r.PostFormValue("protocollo")), Note: strings.TrimSpace(r.PostFormValue("nota"))}
	var problems []string
	for i := 1; i <= 3; i++ {
		kind, text, date := r.PostFormValue(fmt.Sprintf("azione%d", i)), strings.TrimSpace(r.PostFormValue(fmt.Sprintf("testo%d", i))), strings.TrimSpace(r.PostFormValue(fmt.Sprintf("entro%d", i)))
		if kind == "" && text == "" && date == "" {
			continue
		}
		d, err := time.Parse("2006-01-02", date)
		if err != nil {
			problems = append(problems, fmt.Sprintf("azione %d: data %q non valida (aaaa-mm-gg)", i, date))
		}
		st.Plan = append(st.Plan, segnalazioni.Action{Kind: kind, Text: text, Date: model.DateOf(d)})
	}
	if v := strings.TrimSpace(r.PostFormValue("verifica")); v != "" {
		d, err := time.Parse("2006-01-02", v)
		if err != nil {
			problems = append(problems, fmt.Sprintf("data della verifica %q non valida (aaaa-mm-gg)", v))
		}
		fd := model.DateOf(d)
		st.FollowUp = &fd
	}
	if len(problems) == 0 {
		if err := segnalazioni.CheckStep(e.Status, st); err != nil {
			problems = append(problems, err.Error())
		}
	}
	if len(problems) > 0 {
		s.renderEntry(w, r, u, e, http.StatusBadRequest, "Passaggio non registrato: "+strings.Join(problems, "; ")+".")
		return
	}
	row := app.Step{Segnalazione: e.ID, Status: string(st.Status), At: st.At, By: st.By, Protocol: st.Protocol, Note: st.Note}
	if len(st.Plan) > 0 {
		b, _ := json.Marshal(st.Plan)
		row.Plan = string(b)
	}
	if st.FollowUp != nil {
		row.FollowUp = st.FollowUp.Time
	}
	if err := app.InsertStep(r.Context(), s.db, row); err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.logAccess(r, u, "segnalazione aggiornata", fmt.Sprintf("n. %d: %s", e.ID, st.Status))
	http.Redirect(w, r, fmt.Sprintf("/segnalazioni/%d", e.ID), http.StatusSeeOther)
}

// registerPDF downloads the statement attached to a segnalazione.
func (s *Server) registerPDF(w http.ResponseWriter, r *http.Request, u *User) {
	e, ok := s.entryOf(w, r, u)
	if !ok {
		return
	}
	_, pdf, err := app.SegnalazionePDF(r.Context(), s.db, e.ID)
	if errors.Is(err, app.ErrNoPDF) {
		s.errorPage(w, r, u, http.StatusNotFound, "Questa segnalazione non ha un prospetto allegato.")
		return
	}
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	name := fmt.Sprintf("segnalazione-%d-prospetto.pdf", e.ID)
	s.logAccess(r, u, "scaricamento", name)
	sendPDF(w, name, pdf)
}
