package analytics

import (
	"github.com/carico/carico"
	"github.com/carico/carico/facts"
)

// Timeliness measures the procedures behind the cartelle against their
// legal term (L. 241/1990, art. 2): from the istanza (or the other body's
// richiesta) to the decision, in calendar days, decision day minus
// application day. A decision on day term is within the term, on day
// term+1 it is over: with a 30-day term, an istanza of 1 March decided on
// 31 March is on time, on 1 April it is late. Holidays do not stretch the
// term here (a simplification: the civil code moves a term ending on a
// holiday to the next working day).
type Timeliness struct {
	// TermDays is the default term; ByInitiative gives the term applied to
	// each initiative.
	TermDays int `json:"term_days"`
	TimelinessFigures
	ByInitiative []InitiativeTimeliness `json:"by_initiative"`
}

// TimelinessFigures are the counts and quantiles of one set of procedures.
type TimelinessFigures struct {
	// Decisions counts the decisions dated in the period (procedures with an
	// application date and a decision on or after it).
	Decisions  int `json:"decisions"`
	WithinTerm int `json:"within_term"`
	OverTerm   int `json:"over_term"`
	// Quantiles of the days to decision (DuckDB quantile_cont, linear
	// interpolation); null when there is no decision.
	MedianDays *float64 `json:"median_days"`
	P90Days    *float64 `json:"p90_days"`
	// Pending counts the procedures applied for on or before the reference
	// date with no decision by then, whose cartella is still open at its
	// end; PendingOverTerm those already past their term.
	Pending         int `json:"pending"`
	PendingOverTerm int `json:"pending_over_term"`
	// DecisionBeforeApplication counts decisions in the period dated
	// before their application: data errors, left out of every figure above.
	DecisionBeforeApplication int `json:"decision_before_application"`
}

// InitiativeTimeliness is the timeliness of the procedures of one
// initiative ("non_indicata" when the cartella does not say).
type InitiativeTimeliness struct {
	Initiative string `json:"initiative"`
	Label      string `json:"label"`
	TermDays   int    `json:"term_days"`
	TimelinessFigures
}

func timeliness(f *facts.Analytics, p Params, a *Analysis) {
	t := Timeliness{TermDays: p.Config.Timeliness.DefaultTermDays, ByInitiative: []InitiativeTimeliness{}}
	for _, r := range f.Timeliness {
		fig := TimelinessFigures{Decisions: r.Decisions, WithinTerm: r.WithinTerm, OverTerm: r.OverTerm,
			MedianDays: r.MedianDays, P90Days: r.P90Days, Pending: r.Pending, PendingOverTerm: r.PendingOverTerm,
			DecisionBeforeApplication: r.DecisionBeforeApp}
		if r.Overall {
			t.TimelinessFigures = fig
			continue
		}
		t.ByInitiative = append(t.ByInitiative, InitiativeTimeliness{
			Initiative: r.Initiative, Label: initiativeLabel(r.Initiative), TermDays: r.Term, TimelinessFigures: fig,
		})
	}
	a.Timeliness = t
}

func initiativeLabel(k string) string {
	if k == notRecorded {
		return "Iniziativa non indicata"
	}
	return carico.Initiative(k).Label()
}
