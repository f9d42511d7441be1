// Package segnalazioni is the register of a social worker's reports of an
// excessive load and of the manager's answer, after the LGA's Standards
// for Employers of Social Workers (standard 3: a way for staff to raise
// concerns, and a manager who agrees a written plan). A segnalazione is
// filed with the figures and period of the worker's own statement; the
// responsabile acknowledges it, agrees a plan of dated actions with a
// follow-up date, verifies it and closes it. Each step is a new entry of
// an append-only trail: nothing already recorded is ever rewritten.
package segnalazioni

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/carico/carico/allocate"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

// Status is where a segnalazione stands.
type Status string

// The statuses, in their order.
const (
	Aperta          Status = "aperta"
	PresaInCarico   Status = "presa_in_carico"
	PianoConcordato Status = "piano_concordato"
	Verificata      Status = "verificata"
	Chiusa          Status = "chiusa"
)

// Label is the Italian name of a status.
func (s Status) Label() string {
	switch s {
	case Aperta:
		return "Aperta"
	case PresaInCarico:
		return "Presa in carico"
	case PianoConcordato:
		return "Piano concordato"
	case Verificata:
		return "Verificata"
	case Chiusa:
		return "Chiusa"
	}
	return string(s)
}

// moves are the steps allowed from each status. A plan may be agreed
// again (a correction, or a new plan after the verification); any open
// segnalazione may be closed.
var moves = map[Status][]Status{
	Aperta:          {PresaInCarico, Chiusa},
	PresaInCarico:   {PianoConcordato, Chiusa},
	PianoConcordato: {PianoConcordato, Verificata, Chiusa},
	Verificata:      {PianoConcordato, Chiusa},
}

// Next lists the statuses a segnalazione in s may move to.
func Next(s Status) []Status { return moves[s] }

// Action is one action of a plan, with its date.
type Action struct {
	Kind string     `json:"kind"`
	Text string     `json:"text"`
	Date model.Date `json:"date"`
}

// ActionKinds are the kinds of action a plan lists, with their Italian
// names.
var ActionKinds = []struct{ Key, Label string }{
	{"redistribuzione", "Redistribuzione di cartelle"},
	{"pausa", "Pausa delle nuove assegnazioni"},
	{"ore_aggiuntive", "Ore aggiuntive autorizzate"},
	{"ufficio_di_piano", "Richiesta all'Ufficio di Piano"},
	{"altro", "Altro"},
}

// ActionLabel is the Italian name of an action kind.
func ActionLabel(key string) string {
	for _, k := range ActionKinds {
		if k.Key == key {
			return k.Label
		}
	}
	return key
}

// Step is one step of the trail.
type Step struct {
	Status   Status      `json:"status"`
	At       time.Time   `json:"at"`
	By       string      `json:"by"`
	Protocol string      `json:"protocol,omitempty"`
	Plan     []Action    `json:"plan,omitempty"`
	FollowUp *model.Date `json:"follow_up,omitempty"`
	Note     string      `json:"note,omitempty"`
}

// CheckStep says in Italian why st cannot follow a segnalazione in cur:
// a move not allowed, a plan without actions, an action without text or
// date, a plan without a follow-up date.
func CheckStep(cur Status, st Step) error {
	if !slices.Contains(moves[cur], st.Status) {
		return fmt.Errorf("una segnalazione %s non può passare a «%s»", strings.ToLower(cur.Label()), strings.ToLower(st.Status.Label()))
	}
	if st.Status != PianoConcordato {
		return nil
	}
	if len(st.Plan) == 0 {
		return fmt.Errorf("il piano deve indicare almeno un'azione con la sua data")
	}
	for i, a := range st.Plan {
		if ActionLabel(a.Kind) == a.Kind || strings.TrimSpace(a.Text) == "" || a.Date.IsZero() {
			return fmt.Errorf("azione %d del piano: indicare tipo, descrizione e data", i+1)
		}
	}
	if st.FollowUp == nil {
		return fmt.Errorf("il piano deve indicare la data della verifica")
	}
	return nil
}

// Figures are the statement's figures a segnalazione is filed with.
type Figures struct {
	OpenCases      int          `json:"open_cases"`
	Weighted       float64      `json:"weighted_caseload"`
	CaseHours      *float64     `json:"case_hours"`
	Load           *float64     `json:"load"`
	Status         model.Status `json:"status"`
	SustainedWeeks int          `json:"sustained_weeks"`
}

// FiguresOf takes an operator's figures from her statement's metrics.
func FiguresOf(om model.OperatorMetrics) Figures {
	f := Figures{OpenCases: om.OpenCases, Weighted: om.WeightedCaseload, Load: om.Load, Status: model.StatusNotApplicable,
		SustainedWeeks: om.SustainedOverload.Weeks}
	if c := om.Check("load"); c != nil {
		f.Status = c.Status
	}
	if om.Capacity != nil {
		h := om.Capacity.CaseHours
		f.CaseHours = &h
	}
	return f
}

// Sentence says the figures in Italian.
func (f Figures) Sentence() string {
	s := fmt.Sprintf("%d cartelle aperte, carico ponderato %s ore/anno", f.OpenCases, italian.Number(f.Weighted, 0))
	if f.CaseHours != nil {
		s += fmt.Sprintf(" su %s ore per i casi", italian.Number(*f.CaseHours, 0))
	}
	if f.Load != nil {
		s += fmt.Sprintf(": carico %s %% (%s)", italian.Before("al", italian.Number(*f.Load*100, 0)), strings.ToLower(f.Status.Label()))
	}
	if f.SustainedWeeks > 0 {
		s += fmt.Sprintf("; oltre la soglia critica da %s settimane consecutive", model.WeeksText(f.SustainedWeeks))
	}
	return s
}

// Entry is a segnalazione with its trail.
type Entry struct {
	ID       int64       `json:"id"`
	Operator string      `json:"operator"`
	Name     string      `json:"operator_name"`
	FiledBy  string      `json:"filed_by"`
	FiledAt  time.Time   `json:"filed_at"`
	From     model.Date  `json:"period_from"`
	To       model.Date  `json:"period_to"`
	At       model.Date  `json:"reference_date"`
	Figures  Figures     `json:"figures"`
	Remarks  string      `json:"remarks"`
	HasPDF   bool        `json:"statement_pdf"`
	Steps    []Step      `json:"steps"`
	Status   Status      `json:"status"`
	Protocol string      `json:"protocol,omitempty"`
	Plan     []Action    `json:"plan,omitempty"`
	FollowUp *model.Date `json:"follow_up,omitempty"`
	// DaysToPlan is the days from filing to the first plan agreed; nil
	// before one.
	DaysToPlan *int `json:"days_to_plan"`
}

// Assemble joins the register's rows into entries, with the current
// status, protocol, plan and follow-up taken from the latest step that
// states each.
func Assemble(list []app.Segnalazione, steps []app.Step) ([]Entry, error) {
	by := map[int64][]app.Step{}
	for _, st := range steps {
		by[st.Segnalazione] = append(by[st.Segnalazione], st)
	}
	out := []Entry{}
	for _, s := range list {
		e := Entry{ID: s.ID, Operator: s.Operator, Name: s.Name, FiledBy: s.FiledBy, FiledAt: s.FiledAt,
			From: model.DateOf(s.From), To: model.DateOf(s.To), At: model.DateOf(s.At), Remarks: s.Remarks, HasPDF: s.HasPDF, Steps: []Step{}}
		if err := json.Unmarshal([]byte(s.Figures), &e.Figures); err != nil {
			return nil, fmt.Errorf("segnalazione %d: cifre illeggibili: %w", s.ID, err)
		}
		for _, r := range by[s.ID] {
			st := Step{Status: Status(r.Status), At: r.At, By: r.By, Protocol: r.Protocol, Note: r.Note}
			if r.Plan != "" {
				if err := json.Unmarshal([]byte(r.Plan), &st.Plan); err != nil {
					return nil, fmt.Errorf("segnalazione %d: piano illeggibile: %w", s.ID, err)
				}
			}
			if !r.FollowUp.IsZero() {
				d := model.DateOf(r.FollowUp)
				st.FollowUp = &d
			}
			e.Steps = append(e.Steps, st)
			e.Status = st.Status
			if st.Protocol != "" {
				e.Protocol = st.Protocol
			}
			if st.Status == PianoConcordato {
				e.Plan, e.FollowUp = st.Plan, st.FollowUp
				if e.DaysToPlan == nil {
					d := int(model.DateOf(st.At.In(italian.Rome)).Sub(model.DateOf(e.FiledAt.In(italian.Rome)).Time).Hours() / 24)
					e.DaysToPlan = &d
				}
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// FollowUps are the follow-up dates of the plans still open (agreed, not
// yet verified or closed), for the due items.
func FollowUps(es []Entry) []allocate.FollowUp {
	var out []allocate.FollowUp
	for _, e := range es {
		if e.Status == PianoConcordato && e.FollowUp != nil {
			out = append(out, allocate.FollowUp{ID: e.ID, Operator: e.Operator, Name: e.Name, Date: *e.FollowUp})
		}
	}
	return out
}

// Planned is the operators with an open plan: a segnalazione not closed
// whose plan is agreed (or verified and still running).
func Planned(es []Entry) map[string]bool {
	out := map[string]bool{}
	for _, e := range es {
		if e.Status == PianoConcordato || e.Status == Verificata {
			out[e.Operator] = true
		}
	}
	return out
}

// Aggregate is what the council sees of the register: how many
// segnalazioni, and the median days from filing to an agreed plan, each
// shown only when it rests on at least the threshold of the reports'
// protection (disclosure.DefaultRules.Threshold).
type Aggregate struct {
	Count            string `json:"count"`
	Plans            string `json:"plans"`
	MedianDaysToPlan string `json:"median_days_to_plan"`
	Note             string `json:"note"`
}

// Protect computes the council's aggregate of es with threshold k: a
// count from 1 to k−1 is shown «<k», a median of fewer than k plans is
// not shown.
func Protect(es []Entry, k int) Aggregate {
	var days []int
	for _, e := range es {
		if e.DaysToPlan != nil {
			days = append(days, *e.DaysToPlan)
		}
	}
	count := func(n int) string {
		if n > 0 && n < k {
			return fmt.Sprintf("<%d", k)
		}
		return italian.Count(n)
	}
	a := Aggregate{Count: count(len(es)), Plans: count(len(days)), MedianDaysToPlan: "non pubblicata",
		Note: fmt.Sprintf("Conteggi da 1 a %d mostrati come «<%d»; la mediana si pubblica solo su almeno %d piani, perché su meno rivelerebbe il caso di una persona.", k-1, k, k)}
	if len(days) >= k {
		sort.Ints(days)
		n := len(days)
		med := float64(days[n/2])
		if n%2 == 0 {
			med = float64(days[n/2-1]+days[n/2]) / 2
		}
		a.MedianDaysToPlan = italian.Number(med, 1) + " giorni"
	}
	return a
}
