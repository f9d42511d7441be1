package app

import (
	"context"
	"database/sql"
	"time"
)

// Decision is one allocation decision taken from the queue.
type Decision struct {
	ID                     int64
	CaseID, Kind           string
	Operator, OperatorName string
	Reason, Note           string
	LoadBefore, LoadAfter  *float64
	By                     string
	At                     time.Time
}

// InsertDecision records d (its ID is assigned by the table).
func InsertDecision(ctx context.Context, db DB, d Decision) error {
	return exec(ctx, db, "decision_insert", sql.Named("case", d.CaseID), sql.Named("kind", d.Kind), sql.Named("operator", d.Operator),
		sql.Named("reason", d.Reason), sql.Named("note", nullable(d.Note)), sql.Named("before", d.LoadBefore), sql.Named("after", d.LoadAfter),
		sql.Named("by", d.By), sql.Named("at", d.At.UTC()))
}

// Decisions lists every allocation decision, oldest first.
func Decisions(ctx context.Context, db DB) ([]Decision, error) {
	return query(ctx, db, "decisions", func(r *sql.Rows, d *Decision) error {
		var before, after sql.NullFloat64
		err := r.Scan(&d.ID, &d.CaseID, &d.Kind, &d.Operator, &d.OperatorName, &d.Reason, &d.Note, &before, &after, &d.By, &d.At)
		if before.Valid {
			d.LoadBefore = &before.Float64
		}
		if after.Valid {
			d.LoadAfter = &after.Float64
		}
		return err
	})
}
