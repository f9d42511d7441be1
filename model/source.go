package model

import (
	"context"
	"time"

	"github.com/carico/carico/facts"
	"github.com/carico/carico/store"
)

// The model reads the database only through the facts package: Compute
// loads a facts.Workload and measures it with Measure, which sees no
// database. The functions below keep the model's API for its callers.

// Holding is one cartella open at a date with the operator holding it.
type Holding = facts.Holding

// Batch is one import, for the "Metodo e fonti" part of a report.
type Batch = facts.Batch

// OpenHoldings lists the cartelle open at `at` and who holds each one.
func OpenHoldings(ctx context.Context, db *store.DB, at time.Time) ([]Holding, error) {
	return facts.Holdings(ctx, db, at)
}

// DiarioSpan is the first and last day of the diario (zero times when it
// is empty): the years a history can cover.
func DiarioSpan(ctx context.Context, db *store.DB) (first, last time.Time, err error) {
	return facts.DiarioSpan(ctx, db)
}

// dormantCases turns the dormant facts into the report's rows.
func dormantCases(w *facts.Workload) []DormantCase {
	if len(w.Dormant) == 0 {
		return nil
	}
	out := make([]DormantCase, len(w.Dormant))
	last := make([]Date, len(w.Dormant)) // one allocation for every LastActivity
	for i, d := range w.Dormant {
		out[i] = DormantCase{CaseID: d.CaseID, OperatorID: d.Operator, ISTAT: d.ISTAT, Area: d.Area, Opened: DateOf(d.Opened), DaysSilent: d.SilentDays}
		if !d.LastDay.IsZero() {
			last[i] = DateOf(d.LastDay)
			out[i].LastActivity = &last[i]
		}
	}
	return out
}
