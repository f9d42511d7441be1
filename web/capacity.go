package web

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/italian"
)

// The capacity register in the web application: the responsabile adds,
// edits and ends reductions (the rules are carico.Reduction.Problems, the
// import's too), each change with an entry of the append-only trail; the
// page lists the reductions ending within endingDays.

// endingDays is how far ahead the responsabile's pages look for
// reductions that end.
const endingDays = 30

// reductionRow is one reduction of the register as the page lists it.
type reductionRow struct {
	Operator, Name, From, To, Amount, Reason, Note string
}

// changeRow is one entry of the trail as the page lists it.
type changeRow struct{ At, User, Operator, Action, Before, After string }

// reductionForm is the add/edit form, as typed (kept when rejected).
type reductionForm struct {
	Operator, From, To, Percent, Hours, Reason, Note string
	// Replacing is the start of the reduction being edited (gg/mm/aaaa);
	// "" for a new one.
	Replacing string
}

type capacityView struct {
	Register, Ending []reductionRow
	Trail            []changeRow
	Operators        []operator
	Reasons          []option
	Form             reductionForm
	Problems         []string
}

// ReductionsEnding lists, for the responsabile's pages, the reductions of
// the register that end within endingDays of today, soonest first, with
// the operator's name.
func (s *Server) ReductionsEnding(ctx context.Context) ([]reductionRow, error) {
	rs, err := app.ReductionsEnding(ctx, s.db, s.now(), endingDays)
	if err != nil {
		return nil, err
	}
	names, err := s.names(ctx)
	if err != nil {
		return nil, err
	}
	return reductionRows(rs, names), nil
}

func (s *Server) names(ctx context.Context) (map[string]string, error) {
	ops, err := s.roster(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, o := range ops {
		names[o.ID] = o.Name
	}
	return names, nil
}

func reductionRows(rs []carico.Reduction, names map[string]string) []reductionRow {
	var out []reductionRow
	for _, r := range rs {
		to := "senza scadenza"
		if !r.To.IsZero() {
			to = italian.Date(r.To)
		}
		out = append(out, reductionRow{Operator: r.OperatorID, Name: names[r.OperatorID], From: italian.Date(r.From), To: to,
			Amount: amountOf(r), Reason: r.Reason.Label(), Note: r.Note})
	}
	return out
}

// amountOf says a reduction's size: «20 %» or «7,2 ore settimanali».
func amountOf(r carico.Reduction) string {
	if r.HoursPerWeek > 0 {
		return decimal(r.HoursPerWeek) + " ore settimanali"
	}
	return decimal(r.Percent) + " %"
}

// decimal writes a number with one decimal only when it is not whole.
func decimal(f float64) string {
	if f == math.Trunc(f) {
		return italian.Number(f, 0)
	}
	return italian.Number(f, 1)
}

// describe says a reduction in one line for the trail.
func describe(r *carico.Reduction) string {
	if r == nil {
		return "—"
	}
	s := amountOf(*r) + " " + r.Reason.Span(r.From, r.To)
	if r.Note != "" {
		s += " («" + r.Note + "»)"
	}
	return s
}

func (s *Server) capacityPage(w http.ResponseWriter, r *http.Request, u *User) {
	v := capacityView{}
	q := r.URL.Query()
	if op, from := q.Get("operatore"), q.Get("dal"); op != "" && from != "" {
		rs, err := facts.Reductions(r.Context(), s.db)
		if err != nil {
			s.fail(w, r, u, err)
			return
		}
		for _, x := range rs {
			if x.OperatorID == op && italian.Date(x.From) == from {
				v.Form = formOf(x)
			}
		}
		if v.Form.Replacing == "" {
			s.errorPage(w, r, u, http.StatusNotFound, "Nessuna riduzione di "+op+" che inizi il "+from+".")
			return
		}
	}
	msg := ""
	if q.Get("salvata") != "" {
		msg = "Riduzione registrata; la modifica è nel registro delle modifiche qui sotto."
	}
	s.showCapacity(w, r, u, http.StatusOK, v, msg)
}

// showCapacity fills the page's lists and renders it.
func (s *Server) showCapacity(w http.ResponseWriter, r *http.Request, u *User, status int, v capacityView, msg string) {
	ctx := r.Context()
	names, err := s.names(ctx)
	if err == nil {
		v.Operators, err = s.roster(ctx)
	}
	var rs []carico.Reduction
	if err == nil {
		rs, err = facts.Reductions(ctx, s.db)
	}
	if err == nil {
		v.Ending, err = s.ReductionsEnding(ctx)
	}
	var trail []app.ReductionChange
	if err == nil {
		trail, err = app.ReductionChanges(ctx, s.db, "")
	}
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	v.Register = reductionRows(rs, names)
	for _, c := range trail {
		v.Trail = append(v.Trail, changeRow{At: local(c.At).Format("02/01/2006 15:04"), User: c.Username,
			Operator: names[c.OperatorID] + " (" + c.OperatorID + ")", Action: c.Action, Before: describe(c.Before), After: describe(c.After)})
	}
	for _, x := range carico.ReductionReasons {
		v.Reasons = append(v.Reasons, option{string(x), x.Label()})
	}
	if v.Form.Reason == "" {
		v.Form.Reason = string(carico.ReasonCoordination)
	}
	s.logAccess(r, u, "lettura", "riduzioni di capacità")
	s.render(w, r, status, "capacity.html", view{Title: "Riduzioni di capacità", User: u, Active: "riduzioni", Message: msg, Data: v})
}

func formOf(x carico.Reduction) reductionForm {
	f := reductionForm{Operator: x.OperatorID, From: italian.Date(x.From), Reason: string(x.Reason), Note: x.Note, Replacing: italian.Date(x.From)}
	if !x.To.IsZero() {
		f.To = italian.Date(x.To)
	}
	if x.HoursPerWeek > 0 {
		f.Hours = decimal(x.HoursPerWeek)
	} else {
		f.Percent = decimal(x.Percent)
	}
	return f
}

// capacitySave adds a reduction, or replaces the one the form edits (an
// end is an edit of the end date), after the rules of the register.
func (s *Server) capacitySave(w http.ResponseWriter, r *http.Request, u *User) {
	r.ParseForm()
	f := reductionForm{}
	for _, p := range []struct {
		dst  *string
		name string
	}{{&f.Operator, "operatore"}, {&f.From, "dal"}, {&f.To, "al"}, {&f.Percent, "percentuale"}, {&f.Hours, "ore"},
		{&f.Reason, "motivo"}, {&f.Note, "nota"}, {&f.Replacing, "modifica_dal"}} {
		*p.dst = strings.TrimSpace(r.PostFormValue(p.name))
	}
	x, problems := f.reduction()
	ctx := r.Context()
	ops, err := s.roster(ctx)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	if !slices.ContainsFunc(ops, func(o operator) bool { return o.ID == f.Operator }) {
		problems = append([]string{"Operatore: scegliere una persona del ruolino."}, problems...)
	}
	ch := app.ReductionChange{At: s.now(), Username: u.Username, OperatorID: f.Operator, Action: app.ActionAdd, After: &x}
	if f.Replacing != "" && len(problems) == 0 {
		before, err := s.stored(ctx, f.Operator, f.Replacing)
		switch {
		case err != nil:
			s.fail(w, r, u, err)
			return
		case before == nil:
			problems = append(problems, "La riduzione da modificare (dal "+f.Replacing+") non è più nel registro.")
		default:
			ch.Before, ch.Action = before, app.ActionEdit
			if x.From.Equal(before.From) && x.Percent == before.Percent && x.HoursPerWeek == before.HoursPerWeek &&
				x.Reason == before.Reason && x.Note == before.Note && !x.To.Equal(before.To) {
				ch.Action = app.ActionEnd
			}
		}
	}
	if len(problems) == 0 {
		err := app.SaveReduction(ctx, s.db, ch)
		var oe *app.OverlapError
		switch {
		case errors.As(err, &oe):
			problems = append(problems, "Periodo: "+oe.Error()+".")
		case errors.Is(err, app.ErrNotFound):
			problems = append(problems, "La riduzione da modificare (dal "+f.Replacing+") non è più nel registro.")
		case err != nil:
			s.fail(w, r, u, err)
			return
		}
	}
	if len(problems) > 0 {
		s.showCapacity(w, r, u, http.StatusUnprocessableEntity, capacityView{Form: f, Problems: problems}, "")
		return
	}
	s.changedInPage()
	s.logAccess(r, u, "riduzione di capacità "+ch.Action, f.Operator+": "+describe(&x))
	http.Redirect(w, r, "/riduzioni?salvata=1", http.StatusSeeOther)
}

// stored is the reduction of operator that starts on from (gg/mm/aaaa),
// nil when the register has none.
func (s *Server) stored(ctx context.Context, operator, from string) (*carico.Reduction, error) {
	rs, err := facts.Reductions(ctx, s.db)
	if err != nil {
		return nil, err
	}
	for _, x := range rs {
		if x.OperatorID == operator && italian.Date(x.From) == from {
			return &x, nil
		}
	}
	return nil, nil
}

// reduction reads the form into a reduction and says, in Italian, what
// the register's rules refuse.
func (f reductionForm) reduction() (carico.Reduction, []string) {
	var problems []string
	x := carico.Reduction{OperatorID: f.Operator, Reason: carico.ReductionReason(f.Reason), Note: f.Note}
	date := func(label, s string, t *time.Time) {
		if s == "" {
			return
		}
		d, err := time.Parse("02/01/2006", s)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: la data «%s» non è valida, usare gg/mm/aaaa.", label, s))
			return
		}
		*t = d
	}
	number := func(label, s string, v *float64) {
		if s == "" {
			return
		}
		n, err := italian.ParseNumber(strings.TrimSpace(strings.TrimSuffix(s, "%")))
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: «%s» non è un numero.", label, s))
			return
		}
		*v = n
	}
	date("Dal", f.From, &x.From)
	date("Al", f.To, &x.To)
	number("Riduzione %", f.Percent, &x.Percent)
	number("Ore settimanali", f.Hours, &x.HoursPerWeek)
	if len(problems) > 0 {
		return x, problems
	}
	labels := map[string]string{"from": "Dal", "to": "Al", "percent": "Riduzione %", "hours_per_week": "Ore settimanali", "reason": "Motivo"}
	for _, p := range x.Problems() {
		problems = append(problems, labels[p.Field]+": "+p.Reason+".")
	}
	return x, problems
}
