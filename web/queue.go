package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/allocate"
	"github.com/carico/carico/evidence"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
	"github.com/carico/carico/segnalazioni"
)

// The allocation board of the responsabile: the queue at the reference
// date, what is due, the social workers in sustained overload, and for
// each item the ranking of candidates and the decision to record.

type queueRow struct {
	allocate.Item
	KindLabel, AreaLabel, Complexity, Left, Since, Decision, Link string
}

type overloadRow struct {
	Name, Load, Since, Weeks string
	Planned                  bool
}

type queueView struct {
	At, Date   string
	Rows       []queueRow
	Due        []allocate.Due
	Overloaded []overloadRow
	AbsentDays int
	Query      string
}

// QueueItems is the allocation queue at f's reference date, each item
// marked with its recorded decision (evidence.Queue): the responsabile's
// board and home page show the same list.
func (s *Server) QueueItems(ctx context.Context, f filters) ([]allocate.Item, *model.Metrics, error) {
	ev, err := s.compute(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	p := evidence.Params{At: ev.Metrics.Period.At.Time, Config: s.opt.Config}
	items, err := memo(&s.cache, func(c *cache) *lru[[]allocate.Item] { return &c.queues }, p.At.Format(time.DateOnly), evidenceCacheSize,
		func() ([]allocate.Item, error) {
			items, _, err := evidence.Queue(ctx, s.db, p, allocate.DefaultQueueConfig())
			return items, err
		})
	if err != nil {
		return nil, nil, err
	}
	return items, ev.Metrics, nil
}

// DueItems is what the responsabile must act on at f's reference date
// (evidence.Due): istanze past term, sustained overload without a plan,
// follow-ups come due.
func (s *Server) DueItems(ctx context.Context, f filters) ([]allocate.Due, error) {
	items, m, err := s.QueueItems(ctx, f)
	if err != nil {
		return nil, err
	}
	return evidence.Due(ctx, s.db, items, m, s.today())
}

// queueOf is the queue at the request's date; false when the page has
// already answered (a bad date, an error).
func (s *Server) queueOf(w http.ResponseWriter, r *http.Request, u *User) ([]allocate.Item, *model.Metrics, filters, bool) {
	f, ok := s.filters(w, r, u, false)
	if !ok {
		return nil, nil, f, false
	}
	items, m, err := s.QueueItems(r.Context(), f)
	if err != nil {
		s.fail(w, r, u, err)
		return nil, nil, f, false
	}
	return items, m, f, true
}

func (s *Server) queuePage(w http.ResponseWriter, r *http.Request, u *User) {
	items, m, f, ok := s.queueOf(w, r, u)
	if !ok {
		return
	}
	due, err := evidence.Due(r.Context(), s.db, items, m, s.today())
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	reg, err := evidence.Register(r.Context(), s.db, "")
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	planned := segnalazioni.Planned(reg)
	at := m.Period.At
	v := queueView{At: italian.Date(at.Time), Date: at.Format("2006-01-02"), Due: due, AbsentDays: allocate.DefaultQueueConfig().AbsentDays, Query: f.query()}
	for _, it := range items {
		row := queueRow{Item: it, KindLabel: allocate.KindLabel(it.Kind), AreaLabel: it.Area.Label(), Complexity: carico.ComplexityLabel(it.Complexity),
			Left: "—", Since: italian.Date(it.Since.Time)}
		if it.DaysLeft != nil {
			row.Left = fmt.Sprint(*it.DaysLeft)
		}
		if d := it.Decision; d != nil {
			row.Decision = fmt.Sprintf("Assegnata a %s il %s: in attesa dell'importazione", d.Name, italian.Date(local(d.At)))
		}
		row.Link = "/coda/voce?" + url.Values{"cartella": {it.Cartella}, "tipo": {it.Kind}, "data": {at.Format("2006-01-02")}}.Encode()
		v.Rows = append(v.Rows, row)
	}
	for _, o := range m.Operators {
		if o.SustainedOverload.Weeks > 0 {
			v.Overloaded = append(v.Overloaded, overloadRow{Name: o.Name, Weeks: model.WeeksText(o.SustainedOverload.Weeks), Load: percent(o.Load),
				Since: italian.Date(o.SustainedOverload.Since.Time), Planned: planned[o.ID]})
		}
	}
	msg := ""
	if c := r.URL.Query().Get("registrata"); c != "" {
		msg = "Decisione registrata per la cartella " + c + ": resta segnata nella coda finché un'importazione delle cartelle non mostra l'assegnazione."
	}
	s.logAccess(r, u, "vista", "coda "+f.query())
	s.render(w, r, http.StatusOK, "queue.html", view{Title: "Coda di assegnazione al " + v.At, User: u, Active: "coda", Message: msg, Data: v})
}

type candidateRow struct {
	allocate.Candidate
	Before, After, Status string
}

type itemView struct {
	Item       queueRow
	At, Date   string
	Candidates []candidateRow
	Reasons    []option
}

// queueItem finds the item of the request (?cartella, ?tipo) in the queue
// at its date, with the ranking of the social workers who could take it.
func (s *Server) queueItem(w http.ResponseWriter, r *http.Request, u *User) {
	v, team, ok := s.itemOf(w, r, u)
	if !ok {
		return
	}
	_ = team
	s.logAccess(r, u, "vista", "coda, cartella "+v.Item.Cartella)
	s.render(w, r, http.StatusOK, "queueitem.html", view{Title: "Assegnazione della cartella " + v.Item.Number(), User: u, Active: "coda", Data: v})
}

func (s *Server) itemOf(w http.ResponseWriter, r *http.Request, u *User) (itemView, []allocate.Worker, bool) {
	r.ParseForm()
	f, ok := s.filters(w, r, u, false)
	if !ok {
		return itemView{}, nil, false
	}
	if d := r.PostFormValue("data"); d != "" {
		var err error
		if f, err = parseFilters(url.Values{"data": {d}}); err != nil {
			s.errorPage(w, r, u, http.StatusBadRequest, err.Error())
			return itemView{}, nil, false
		}
	}
	items, m, err := s.QueueItems(r.Context(), f)
	if err != nil {
		s.fail(w, r, u, err)
		return itemView{}, nil, false
	}
	id, kind := strings.TrimSpace(r.FormValue("cartella")), r.FormValue("tipo")
	var it *allocate.Item
	for i := range items {
		if items[i].Cartella == id && items[i].Kind == kind {
			it = &items[i]
		}
	}
	if it == nil {
		s.errorPage(w, r, u, http.StatusNotFound, "La cartella indicata non è nella coda a questa data: forse un'importazione l'ha già assegnata.")
		return itemView{}, nil, false
	}
	holdings, err := model.OpenHoldings(r.Context(), s.db, m.Period.At.Time)
	if err != nil {
		s.fail(w, r, u, err)
		return itemView{}, nil, false
	}
	team := allocate.Team(m, holdings, items)
	cfg := m.Config
	v := itemView{At: italian.Date(m.Period.At.Time), Date: m.Period.At.Format("2006-01-02"),
		Item: queueRow{Item: *it, KindLabel: allocate.KindLabel(it.Kind), AreaLabel: it.Area.Label(), Complexity: carico.ComplexityLabel(it.Complexity), Left: "—", Since: italian.Date(it.Since.Time)}}
	if it.DaysLeft != nil {
		v.Item.Left = fmt.Sprint(*it.DaysLeft)
	}
	for _, c := range allocate.Rank(team, allocate.Request{Area: it.Area, Complexity: it.Complexity, ISTAT: it.ISTAT, ComuneName: it.Comune}, cfg.Caseload, cfg.Thresholds) {
		v.Candidates = append(v.Candidates, candidateRow{Candidate: c, Before: percent(c.LoadBefore), After: percent(c.LoadAfter), Status: c.Status.Label()})
	}
	for _, rs := range allocate.Reasons {
		v.Reasons = append(v.Reasons, option{rs.Key, rs.Label})
	}
	return v, team, true
}

// queueDecide records the responsabile's choice for an item: to whom,
// why (a reason of the list, text for «altro»), by whom and when.
func (s *Server) queueDecide(w http.ResponseWriter, r *http.Request, u *User) {
	v, team, ok := s.itemOf(w, r, u)
	if !ok {
		return
	}
	op, reason, note := r.PostFormValue("operatore"), r.PostFormValue("motivo"), strings.TrimSpace(r.PostFormValue("nota"))
	if err := allocate.CheckDecision(op, reason, note, team); err != nil {
		s.render(w, r, http.StatusBadRequest, "queueitem.html", view{Title: "Assegnazione della cartella " + v.Item.Number(), User: u, Active: "coda", Error: "Decisione non registrata: " + err.Error() + ".", Data: v})
		return
	}
	d := app.Decision{CaseID: v.Item.Cartella, Kind: v.Item.Kind, Operator: op, Reason: reason, Note: note, By: u.Username, At: s.now()}
	for _, c := range v.Candidates {
		if c.ID == op {
			d.LoadBefore, d.LoadAfter = c.LoadBefore, c.LoadAfter
		}
	}
	if err := app.InsertDecision(r.Context(), s.db, d); err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.cache.forgetQueues()
	s.logAccess(r, u, "assegnazione registrata", fmt.Sprintf("cartella %s a %s (%s)", d.CaseID, op, reason))
	http.Redirect(w, r, "/coda?"+url.Values{"data": {v.Date}, "registrata": {d.CaseID}}.Encode(), http.StatusSeeOther)
}

// queueExport downloads the decisions still waiting in the queue, for the
// cartella software, as CSV or (path ending .xlsx) Excel. It holds case numbers: it stays inside the service.
func (s *Server) queueExport(w http.ResponseWriter, r *http.Request, u *User) {
	items, m, _, ok := s.queueOf(w, r, u)
	if !ok {
		return
	}
	ext, ctype, write := ".csv", "text/csv; charset=utf-8", allocate.WriteDecisionsCSV
	if strings.HasSuffix(r.URL.Path, ".xlsx") {
		ext, ctype, write = ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", allocate.WriteDecisionsXLSX
	}
	name := "assegnazioni-da-riportare-" + m.Period.At.Format("2006-01-02") + ext
	s.logAccess(r, u, "scaricamento", name)
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	write(w, items)
}

func percent(v *float64) string {
	if v == nil {
		return "—"
	}
	return italian.Number(*v*100, 0) + " %"
}
