package model

import (
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
)

// Reference data is small (operators, comuni, allocations, absences,
// batches) and is read whole (facts.Workload).

type reference struct {
	operators []carico.Operator
	// inService says who is in service at the reference date
	// (store/rules.sql, carico_in_service).
	inService   map[string]bool
	allocations map[string][]Allocation // by operator, largest share first
	comuni      []facts.Comune
	absences    map[string]map[int]*carico.Absence // operator → year
	reductions  map[string][]carico.Reduction      // the capacity register, by operator
}

// newReference indexes the reference tables of w.
func newReference(w *facts.Workload) *reference {
	ref := &reference{inService: map[string]bool{}, allocations: map[string][]Allocation{}, absences: map[string]map[int]*carico.Absence{},
		comuni: w.Comuni, reductions: map[string][]carico.Reduction{}}
	for _, r := range w.Reductions {
		ref.reductions[r.OperatorID] = append(ref.reductions[r.OperatorID], r)
	}
	for _, o := range w.Operators {
		ref.operators = append(ref.operators, o.Operator)
		ref.inService[o.ID] = o.InService
	}
	for _, a := range w.Allocations {
		ref.allocations[a.Operator] = append(ref.allocations[a.Operator], Allocation{ISTAT: a.ISTAT, Share: a.Share})
	}
	for _, a := range w.Absences {
		if ref.absences[a.OperatorID] == nil {
			ref.absences[a.OperatorID] = map[int]*carico.Absence{}
		}
		ref.absences[a.OperatorID][a.Year] = &a
	}
	return ref
}

// patron is the patron-saint day of the comune of istat: the configured
// override first, then the comune table.
func (ref *reference) patron(istat string, cfg AWTConfig) (time.Month, int) {
	if s, ok := cfg.Patron[istat]; ok {
		m, d, err := parseDayMonth(s)
		if err == nil {
			return m, d
		}
	}
	for _, c := range ref.comuni {
		if c.ISTAT == istat {
			return c.PatronMonth, c.PatronDay
		}
	}
	return 0, 0
}

// rejectedRows groups the rejected rows of w by batch, with the count of
// each reason.
func rejectedRows(w *facts.Workload) []RejectedRows {
	rejected := []RejectedRows{}
	for _, x := range w.Rejected {
		if len(rejected) == 0 || rejected[len(rejected)-1].BatchID != x.BatchID {
			rejected = append(rejected, RejectedRows{BatchID: x.BatchID, File: x.File, Reasons: map[string]int{}})
		}
		rejected[len(rejected)-1].Reasons[x.Reason] += x.N
	}
	countRejectedLines(w.Batches, rejected)
	return rejected
}

// countRejectedLines sets each batch's count of rejected rows from the
// batch itself, which counts lines: a line with two bad cells is one
// rejected row, listed under both reasons.
func countRejectedLines(batches []Batch, rejected []RejectedRows) {
	lines := make(map[int64]int, len(batches))
	for _, b := range batches {
		lines[b.ID] = b.Rejected
	}
	for i := range rejected {
		rejected[i].Rejected = lines[rejected[i].BatchID]
	}
}
