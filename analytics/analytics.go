// Package analytics turns the imported cartelle and diario into the findings
// the responsabile di servizio needs beyond the workload model: case flows,
// the timeliness of the procedures behind them (L. 241/1990 art. 2), an
// audit of how the cartella sociale is kept, and how evenly work is spread
// across the team.
//
// Everything that touches rows runs as SQL inside DuckDB, in the facts
// package (facts.LoadAnalytics); this package receives aggregates and, for
// the responsabile, a capped list of offending records, and reads no
// database itself.
//
// One definition of "open" holds throughout: a cartella is open at the end
// of day d when opened ≤ d and it is not closed on or before d. A cartella
// closed on the reference date is therefore closed for the audit and is not
// in the month's open_end, though the model still counts it in that day's
// caseload (the work of its last day happened).
package analytics

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/model"
	"github.com/carico/carico/store"
)

// Audience says who reads the analysis. The politico audience gets
// aggregates only: no case, activity or operator identifiers, no operator
// names, no per-operator rows.
type Audience string

// The audiences of an analysis.
const (
	Responsabile Audience = "responsabile"
	Politico     Audience = "politico"
)

// Params selects the period and the reference date of an analysis.
type Params struct {
	// At is the reference date of stocks: open cartelle, pending
	// procedures, dormant cases, the balance of caseloads.
	At time.Time
	// From and To (both included) bound the flows: cases opened and
	// closed, decisions, activities audited.
	From, To time.Time
	// Config holds terms and thresholds; nil means DefaultConfig().
	Config *Config
	// Workload is the model's result for the same period and reference
	// date, when the caller has it already (reports compute both); nil
	// makes Analyze compute it. Balance and the coverage rule are built on
	// it, and its period fills the zero dates above.
	Workload *model.Metrics
}

// Analysis is what `carico analyze` computes. Its JSON form is the contract
// documented in docs/analytics.md.
type Analysis struct {
	Audience Audience `json:"audience"`
	Period   Period   `json:"period"`

	Flows           []MonthFlow    `json:"flows"`
	FlowTotals      FlowTotals     `json:"flow_totals"`
	ClosedByReason  map[string]int `json:"closed_by_reason"`
	FlowsByArea     []GroupFlow    `json:"flows_by_area"`
	FlowsByComune   []GroupFlow    `json:"flows_by_comune"`
	FlowsByOperator []GroupFlow    `json:"flows_by_operator,omitempty"`
	TimeToClose     TimeToClose    `json:"time_to_close"`
	Reopenings      Reopenings     `json:"reopenings"`
	Access          []AccessVolume `json:"access"`

	Timeliness Timeliness `json:"timeliness"`
	Audit      []Rule     `json:"audit"`
	Balance    Balance    `json:"balance"`

	Config *Config `json:"config"`
}

// Period is the analysed window, as yyyy-mm-dd.
type Period struct {
	From string `json:"from"`
	To   string `json:"to"`
	At   string `json:"at"`
}

// Analyze computes flows, timeliness, the cartella audit and the balance
// of work for the period and reference date in p. Zero dates take the
// model's defaults (model.Compute): the last full calendar year of data,
// and its last day for At.
func Analyze(ctx context.Context, db *store.DB, p Params) (*Analysis, error) {
	if p.Config == nil {
		p.Config = DefaultConfig()
	}
	if p.Workload == nil {
		w, err := model.Compute(ctx, db, model.Params{At: p.At, From: p.From, To: p.To, Config: p.Config.Model})
		if err != nil {
			return nil, fmt.Errorf("misure del carico: %w", err)
		}
		p.Workload = w
	}
	// One configuration of the model for both: the workload's.
	if p.Workload.Config != nil && p.Workload.Config != p.Config.Model {
		c := *p.Config
		c.Model = p.Workload.Config
		p.Config = &c
	}
	// The model resolved the defaults; analytics measures the same period.
	per := p.Workload.Period
	for _, d := range []struct {
		t     *time.Time
		model time.Time
	}{{&p.From, per.From.Time}, {&p.To, per.To.Time}, {&p.At, per.At.Time}} {
		if d.t.IsZero() {
			*d.t = d.model
		}
		*d.t = dateOnly(*d.t)
		if !d.t.Equal(dateOnly(d.model)) {
			return nil, fmt.Errorf("analytics: the workload passed is for %s–%s at %s, not for this period",
				day(per.From.Time), day(per.To.Time), day(per.At.Time))
		}
	}
	if p.To.Before(p.From) {
		return nil, fmt.Errorf("periodo non valido: %s è successivo a %s", day(p.From), day(p.To))
	}
	f, err := facts.LoadAnalytics(ctx, db, p.Facts())
	if err != nil {
		return nil, fmt.Errorf("analytics: %w", err)
	}
	return FromFacts(f, p), nil
}

// Facts says which facts the analysis of p reads; p's dates and
// configuration must be set (Analyze fills them).
func (p Params) Facts() facts.AnalyticsQuery {
	cfg := p.Config
	q := facts.AnalyticsQuery{
		From: p.From, To: p.To, At: p.At,
		DormantDays:     cfg.Model.Caseload.DormantDays,
		ReopeningMonths: cfg.Flows.ReopeningMonths,
		Terms:           map[string]int{},
		DefaultTerm:     cfg.Timeliness.DefaultTermDays,
		MaxFindings:     cfg.Audit.MaxFindings,
		Holidays:        holidays(p),
	}
	for _, i := range carico.Initiatives {
		q.Terms[string(i)] = cfg.TermDays(i)
	}
	if len(cfg.Timeliness.Procedures) > 0 {
		q.ProcedureTerms = cfg.Timeliness.Procedures
	}
	for _, r := range sqlRules(cfg) {
		q.Rules = append(q.Rules, r.id)
	}
	return q
}

// FromFacts builds the analysis of p from its facts (p.Facts()) and the
// workload p carries. It reads no database.
func FromFacts(f *facts.Analytics, p Params) *Analysis {
	a := &Analysis{
		Audience: Responsabile,
		Period:   Period{From: day(p.From), To: day(p.To), At: day(p.At)},
		Config:   p.Config,
	}
	flows(f, p, a)
	timeliness(f, p, a)
	audit(f, p, a)
	balance(p, a)
	return a
}

// For returns the analysis as the audience may see it. For Politico it
// drops every per-operator row, every listed finding and the dispersion of
// roles with fewer than MinGroup operators (the figures of one or two
// people are theirs), keeping counts and shares; the receiver is not
// modified.
func (a *Analysis) For(aud Audience) *Analysis {
	if aud != Politico {
		return a
	}
	c := *a
	c.Audience = Politico
	c.FlowsByOperator = nil
	c.Audit = make([]Rule, len(a.Audit))
	for i, r := range a.Audit {
		r.Findings = nil
		r.FindingsTruncated = false
		c.Audit[i] = r
	}
	c.Balance.Operators = nil
	c.Balance.Roles = slices.DeleteFunc(slices.Clone(a.Balance.Roles), func(r RoleBalance) bool {
		small := func(n int) bool { return n > 0 && n < MinGroup }
		return small(r.WeightedCaseloadPerFTE.N) || small(r.CommunityShare.N)
	})
	return &c
}

// MinGroup is the fewest operators whose dispersion the politico view shows.
const MinGroup = 3

func day(t time.Time) string { return t.Format(time.DateOnly) }

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
