package carico

import "time"

// ReductionReason is why part of an operator's time is not available for
// cartelle: the reasons of the capacity register, after the reductions the
// UK probation Workload Measurement Tool deducts before measuring capacity.
type ReductionReason string

// The reasons of the capacity register.
const (
	ReasonCoordination ReductionReason = "coordinamento"
	ReasonFirstYear    ReductionReason = "primo_anno"
	ReasonUnion        ReductionReason = "sindacale"
	ReasonAdjustment   ReductionReason = "adeguamento"
	ReasonExtraRole    ReductionReason = "incarico_aggiuntivo"
	ReasonOther        ReductionReason = "altro"
)

// ReductionReasons lists the reasons in the order forms offer them.
var ReductionReasons = []ReductionReason{ReasonCoordination, ReasonFirstYear, ReasonUnion, ReasonAdjustment, ReasonExtraRole, ReasonOther}

var reasonLabels = map[ReductionReason]string{
	ReasonCoordination: "coordinamento",
	ReasonFirstYear:    "primo anno di servizio",
	ReasonUnion:        "distacco/permessi sindacali",
	ReasonAdjustment:   "adeguamento ragionevole / permessi L. 104/1992",
	ReasonExtraRole:    "incarico aggiuntivo",
	ReasonOther:        "altro",
}

// Label is the Italian name of the reason, as the statement writes it.
func (r ReductionReason) Label() string { return labelOr(reasonLabels, r) }

// Valid reports whether r is one of the register's reasons.
func (r ReductionReason) Valid() bool { _, ok := reasonLabels[r]; return ok }

// Reduction is one dated entry of the capacity register: from From to To
// (inclusive; zero To = open-ended) the operator's time for cartelle is
// reduced by Percent (0–100) of her contract, or by HoursPerWeek when the
// register states hours (0 when it states a percentage).
type Reduction struct {
	OperatorID   string
	From, To     time.Time
	Percent      float64
	HoursPerWeek float64
	Reason       ReductionReason
	Note         string
}

// Share is the fraction (0–1) of a contract of weeklyHours the reduction
// takes: its percentage, or its hours ÷ the contract's, at most 1.
func (r Reduction) Share(weeklyHours float64) float64 {
	s := r.Percent / 100
	if r.HoursPerWeek > 0 {
		s = 0
		if weeklyHours > 0 {
			s = r.HoursPerWeek / weeklyHours
		}
	}
	return min(max(s, 0), 1)
}

// ReductionProblem is why a reduction cannot enter the register: the
// field at fault (from, to, percent, hours_per_week, reason) and the
// reason in Italian.
type ReductionProblem struct{ Field, Reason string }

// Problems are the rules every entry of the register obeys, whoever
// writes it (an import, the responsabile's form): a start; an end not
// before it; a percentage above 0 and at most 100, or hours per week
// above 0 and at most 60, not both; a reason of the list. The overlap
// with another period of the same operator is the store's check
// (carico_periods_overlap).
func (r Reduction) Problems() []ReductionProblem {
	var ps []ReductionProblem
	add := func(field, reason string) { ps = append(ps, ReductionProblem{field, reason}) }
	if r.From.IsZero() {
		add("from", "data di inizio della riduzione mancante")
	} else if !r.To.IsZero() && r.To.Before(r.From) {
		add("to", "fine della riduzione precedente all'inizio")
	}
	switch {
	case r.Percent != 0 && r.HoursPerWeek != 0:
		add("hours_per_week", "indicare la riduzione in percentuale oppure in ore settimanali, non entrambe")
	case r.Percent > 100:
		add("percent", "percentuale di riduzione oltre il 100 %")
	case r.Percent < 0:
		add("percent", "percentuale di riduzione nulla o negativa: una riduzione va da più di 0 a 100 %")
	case r.HoursPerWeek > 60:
		add("hours_per_week", "ore settimanali di riduzione oltre 60")
	case r.HoursPerWeek < 0:
		add("hours_per_week", "ore settimanali di riduzione negative")
	case r.Percent == 0 && r.HoursPerWeek == 0:
		add("percent", "riduzione mancante (percentuale o ore settimanali)")
	}
	if !r.Reason.Valid() {
		add("reason", "motivo della riduzione non previsto")
	}
	return ps
}

// Span says what a reduction is for and when, as every output words it:
// «per coordinamento dal 01/01/2025 al 31/12/2025», or «…, senza
// scadenza» when to is zero (open-ended).
func (r ReductionReason) Span(from, to time.Time) string {
	s := "per " + r.Label() + " dal " + from.Format("02/01/2006")
	if to.IsZero() {
		return s + ", senza scadenza"
	}
	return s + " al " + to.Format("02/01/2006")
}
