package facts

import (
	"context"
	"database/sql"
	"time"
)

// Istanza is one request behind a cartella: imported by the istanze kind,
// or the one a cartella's own application and decision columns record
// (Source "cartella") when the istanze kind says nothing of that cartella.
// Outcome, Protocol and Procedure are "" when not recorded; Decision is
// zero while undecided. Initiative, Opened, Closed and Operator are the
// cartella's (zero when the istanza names a cartella not imported).
type Istanza struct {
	CaseID     string
	Received   time.Time
	Protocol   string
	Procedure  string
	Decision   time.Time
	Outcome    string
	Initiative string
	Opened     time.Time
	Closed     time.Time
	Operator   string
	Source     string // "istanze" or "cartella"
}

// LoadIstanze returns every istanza, ordered by cartella and request date
// (istanze.sql). The analyses' timeliness and audit read the same list
// (LoadAnalytics builds an_istanza from it).
func LoadIstanze(ctx context.Context, db Queryer) ([]Istanza, error) {
	return query(ctx, db, "istanze", func(r *sql.Rows, i *Istanza) error {
		var decision, opened, closed sql.NullTime
		var initiative, operator sql.NullString
		if err := r.Scan(&i.CaseID, &i.Received, &i.Protocol, &i.Procedure, &decision, &i.Outcome,
			&initiative, &opened, &closed, &operator, &i.Source); err != nil {
			return err
		}
		i.Decision, i.Opened, i.Closed = decision.Time, opened.Time, closed.Time
		i.Initiative, i.Operator = initiative.String, operator.String
		return nil
	})
}
