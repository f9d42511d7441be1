package model

import (
	"fmt"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
)

// This file owns the Go-level rules of the load: the hours for case work,
// the weighted load and its status, and the Italian names of the statuses.
// Every package that judges a load (model, planning, allocate, reports)
// calls these functions; none repeats the thresholds.

// StatusNotApplicable stands where a measure does not apply: the load of
// a role that holds no cartelle, or of an operator out of service.
const StatusNotApplicable Status = "non_applicabile"

// Statuses lists every status in increasing order of gravity, with the
// not-applicable one first.
var Statuses = []Status{StatusNotApplicable, StatusOK, StatusWarning, StatusCritical}

// Label is the one Italian word every output prints next to, or instead
// of, the colour of a status.
func (s Status) Label() string {
	switch s {
	case StatusOK:
		return "Adeguato"
	case StatusWarning:
		return "Attenzione"
	case StatusCritical:
		return "Critico"
	case StatusNotApplicable:
		return "Non applicabile"
	}
	return string(s)
}

// Weigh is the weighted caseload of n open cartelle of one area and
// complexity: n × their weight, in hours of work per year. Every weighted
// caseload — an operator's, a team's, a month's, under any weight set —
// is a sum of these.
func (c CaseloadConfig) Weigh(area carico.Area, complexity, n int) float64 {
	return float64(n) * c.Weight(area, complexity)
}

// WeightedBy says, in Italian, what the weights of c's weighted caseload
// actually told apart: area and complexity, or area only where the source
// records no complexity (such a cartella weighs as of medium complexity,
// see CaseloadConfig.Weight). The one wording of every report.
func (c Caseload) WeightedBy() string {
	nd := c.ByComplexity["nd"]
	switch {
	case c.OpenCases == 0 || nd == 0:
		return "pesate per area e complessità"
	case nd >= c.OpenCases:
		return "pesate per area (i dati non registrano la complessità: ogni cartella pesa come di media complessità)"
	}
	return fmt.Sprintf("pesate per area e complessità (%s su %s senza complessità registrata pesano come di media complessità)",
		italian.Count(nd), italian.Count(c.OpenCases))
}

// CaseHours is the yearly hours an operator has for case work: her
// available hours × the case-time share (thresholds.case_time_share) ×
// her capacity factor (1 for full capacity; reductions such as a
// part-time exemption or a protected caseload lower it).
func CaseHours(available, caseShare, capacityFactor float64) float64 {
	if available <= 0 || caseShare <= 0 || capacityFactor <= 0 {
		return 0
	}
	return available * caseShare * capacityFactor
}

// Load is the weighted caseload (hours per year its cartelle need) ÷ the
// hours for case work; nil when there are no hours for case work.
func Load(weighted, caseHours float64) *float64 { return ratio(weighted, caseHours) }

// LoadStatus is the one rule that judges a load: above caseload_red
// critico, above caseload_amber attenzione, else adeguato. Without hours
// for case work a caseload cannot be carried at all (critico), and no
// caseload on no hours is not a load to judge (non applicabile).
func LoadStatus(weighted, caseHours float64, th ThresholdsConfig) Status {
	v := Load(weighted, caseHours)
	switch {
	case v == nil && weighted > 0:
		return StatusCritical
	case v == nil:
		return StatusNotApplicable
	case *v > th.CaseloadRed:
		return StatusCritical
	case *v > th.CaseloadAmber:
		return StatusWarning
	}
	return StatusOK
}
