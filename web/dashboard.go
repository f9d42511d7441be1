package web

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/internal/usererr"
	"github.com/carico/carico/reports"
)

// audienceOf is the report a role reads on its dashboard.
func audienceOf(r Role) reports.Audience {
	if r == Responsabile {
		return reports.Responsabile
	}
	return reports.Politico // the Ufficio di Piano and the politico: aggregates only
}

// dashboardView is the shell around a report: its filters, the frame that
// shows it and the download links.
type dashboardView struct {
	Filters   filters
	Query     string
	Frame     string // the report page inside the frame
	Workbook  string
	PDF       string // the statement's PDF, "" for a dashboard
	Operators []operator
	// Comuni and Areas are the choices of the dashboard's scope filters;
	// nil on the statement, which takes none.
	Comuni, Areas []operator
	// Council hides the dates: the council's version is computed for a
	// whole calendar year only (reports.CouncilDates).
	Council bool
}

// operator is one choice of a filter: an operator, a comune, an area.
type operator = facts.Name

// filters reads a request's filters; on a mistake it has answered. scoped
// says whether the page takes a comune and an area, which must then be
// the Ambito's.
func (s *Server) filters(w http.ResponseWriter, r *http.Request, u *User, scoped bool) (filters, bool) {
	f, err := parseFilters(r.URL.Query())
	if err == nil && audienceOf(u.Role) == reports.Politico {
		// The council's figures are at fixed dates: a reader choosing two
		// would difference them (issue 22).
		err = reports.CouncilDates(f.From, f.To, f.At)
	}
	if err == nil && !scoped && (f.Comune != "" || f.Area != "") {
		err = errors.New("il prospetto personale riguarda tutte le cartelle dell'operatore: non si filtra per comune o per area di utenza")
	}
	if err == nil {
		if werr := s.checkWindow(r.Context(), f); werr != nil {
			err = werr
		}
	}
	if err == nil && f.Comune != "" {
		comuni, cerr := facts.ComuneNames(r.Context(), s.db)
		if cerr != nil {
			s.fail(w, r, u, cerr)
			return f, false
		}
		if !slices.ContainsFunc(comuni, func(c facts.Name) bool { return c.ID == f.Comune }) {
			err = fmt.Errorf("comune sconosciuto: %q (scegliere un comune dell'Ambito dall'elenco)", f.Comune)
		}
	}
	if err != nil {
		s.errorPage(w, r, u, http.StatusBadRequest, usererr.Message(err))
	}
	return f, err == nil
}

// scopeChoices lists the comuni of the Ambito and the areas di utenza, for
// the dashboard's filters.
func (s *Server) scopeChoices(ctx context.Context) (comuni, areas []operator, err error) {
	if comuni, err = facts.ComuneNames(ctx, s.db); err != nil {
		return nil, nil, err
	}
	for _, a := range carico.Areas {
		areas = append(areas, operator{ID: string(a), Name: a.Label()})
	}
	return comuni, areas, nil
}

// statementFilters reads the filters of a statement and checks that u may
// see it; needID refuses a request that names no operator. On refusal it
// has answered, and logged it.
func (s *Server) statementFilters(w http.ResponseWriter, r *http.Request, u *User, needID bool) (filters, bool) {
	id, ok := statementOperator(r, u)
	if !ok || (needID && id == "") {
		s.logAccess(r, u, "negato", r.URL.Path+" "+r.URL.Query().Get("operatore"))
		s.errorPage(w, r, u, http.StatusForbidden, "Ogni operatore può vedere soltanto il proprio prospetto.")
		return filters{}, false
	}
	if id != "" {
		// A crafted or stale link (an operator not in the roster, an
		// operatore's account linked to one removed) is a page that does
		// not exist, not a server error.
		if err := s.checkOperator(r.Context(), Operatore, id); err != nil {
			s.errorPage(w, r, u, http.StatusNotFound, "L'operatore indicato non è nell'anagrafica del personale.")
			return filters{}, false
		}
	}
	f, ok := s.filters(w, r, u, false)
	f.Operator = id
	return f, ok
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, u *User) {
	f, ok := s.filters(w, r, u, true)
	if !ok {
		return
	}
	comuni, areas, err := s.scopeChoices(r.Context())
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	// The report is computed when the frame asks for it: the page answers
	// at once.
	q := f.query()
	s.logAccess(r, u, "vista", "cruscotto "+string(audienceOf(u.Role))+" "+q)
	s.render(w, r, http.StatusOK, "dashboard.html", view{Title: "Cruscotto", User: u, Active: "cruscotto", Data: dashboardView{
		Filters: f, Query: q, Frame: "/cruscotto/rapporto?" + q, Workbook: "/cruscotto/cartella.xlsx?" + q,
		Comuni: comuni, Areas: areas, Council: audienceOf(u.Role) == reports.Politico,
	}})
}

func (s *Server) dashboardPage(w http.ResponseWriter, r *http.Request, u *User) {
	if f, ok := s.filters(w, r, u, true); ok {
		s.serveReport(w, r, u, audienceOf(u.Role), f, false)
	}
}

func (s *Server) dashboardWorkbook(w http.ResponseWriter, r *http.Request, u *User) {
	if f, ok := s.filters(w, r, u, true); ok {
		s.serveReport(w, r, u, audienceOf(u.Role), f, true)
	}
}

// statementOperator is the operator whose statement u asks for: an
// operatore's own, always; any for the responsabile.
func statementOperator(r *http.Request, u *User) (string, bool) {
	asked := strings.TrimSpace(r.URL.Query().Get("operatore"))
	if u.Role == Operatore {
		return u.OperatorID, asked == "" || asked == u.OperatorID
	}
	return asked, true
}

func (s *Server) statement(w http.ResponseWriter, r *http.Request, u *User) {
	f, ok := s.statementFilters(w, r, u, false)
	if !ok {
		return
	}
	v := dashboardView{Filters: f}
	if u.Role == Responsabile {
		var err error
		if v.Operators, err = s.roster(r.Context()); err != nil {
			s.fail(w, r, u, err)
			return
		}
	}
	if f.Operator != "" {
		q := f.query()
		v.Query = q
		v.Frame, v.Workbook, v.PDF = "/prospetto/rapporto?"+q, "/prospetto/cartella.xlsx?"+q, "/prospetto/prospetto.pdf?"+q
		s.logAccess(r, u, "vista", "prospetto "+q)
	}
	s.render(w, r, http.StatusOK, "statement.html", view{Title: "Prospetto personale", User: u, Active: "prospetto", Data: v})
}

func (s *Server) statementPage(w http.ResponseWriter, r *http.Request, u *User) {
	if f, ok := s.statementFilters(w, r, u, true); ok {
		s.serveReport(w, r, u, reports.Operatore, f, false)
	}
}

func (s *Server) statementWorkbook(w http.ResponseWriter, r *http.Request, u *User) {
	if f, ok := s.statementFilters(w, r, u, true); ok {
		s.serveReport(w, r, u, reports.Operatore, f, true)
	}
}

// serveReport answers with a report's page, or its workbook as a download.
func (s *Server) serveReport(w http.ResponseWriter, r *http.Request, u *User, aud reports.Audience, f filters, workbook bool) {
	rep, err := s.report(r.Context(), aud, f)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	if workbook {
		what := "cruscotto-" + string(aud)
		if f.Operator != "" {
			what = "prospetto-" + f.Operator
		}
		name := downloadName(what, rep.named(f), ".xlsx")
		s.logAccess(r, u, "scaricamento", name+" "+f.query())
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
		w.Write(rep.Workbook)
		return
	}
	s.logAccess(r, u, "vista", "rapporto "+string(aud)+" "+f.query())
	w.Header().Set("Content-Security-Policy", reportPolicy(rep.HTML))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(rep.HTML)
}

var inlineScript = regexp.MustCompile(`(?s)<script>(.*?)</script>`)

// reportPolicy allows a report's own inline scripts, by their hashes, and
// nothing from outside the server. The report inlines ECharts so that the
// same page works from a file; its stylesheet and the charts' drawing use
// inline styles.
func reportPolicy(page []byte) string {
	var b strings.Builder
	b.WriteString("default-src 'self'; script-src 'self'")
	for _, m := range inlineScript.FindAllSubmatch(page, -1) {
		sum := sha256.Sum256(m[1])
		fmt.Fprintf(&b, " 'sha256-%s'", base64.StdEncoding.EncodeToString(sum[:]))
	}
	b.WriteString("; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
	return b.String()
}

// roster lists the operators of the roster, for the responsabile's choice
// of a statement.
func (s *Server) roster(ctx context.Context) ([]operator, error) {
	return facts.OperatorNames(ctx, s.db)
}
