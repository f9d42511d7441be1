package facts

import (
	"context"
	"database/sql"
	"time"

	"github.com/carico/carico/facts/internal/rows"
	"github.com/carico/carico/store"
)

// PendingIstanza is an istanza waiting for a decision at a date, with
// its cartella's area, complexity, comune and holder that day.
type PendingIstanza struct {
	CaseID     string
	Initiative string // "non_indicata" when the cartella does not say
	Procedure  string // "" when not recorded
	Protocol   string
	Received   time.Time
	Area       string
	Complexity int
	ISTAT      string
	Holder     string // "" none
}

// queueIstanzeText is queue_istanze.sql over the list istanze.sql reads.
func queueIstanzeText() string {
	return "WITH q_istanza AS (\n" + text("istanze") + "\n)\n" + text("queue_istanze")
}

// PendingIstanze lists the istanze of LoadIstanze's list (the same SQL,
// istanze.sql) pending at at by the analysis's rule.
func PendingIstanze(ctx context.Context, db *store.DB, at time.Time) ([]PendingIstanza, error) {
	const name = "queue_istanze"
	return rows.Collect(ctx, db, name, queueIstanzeText(), func(r *sql.Rows, i *PendingIstanza) error {
		err := r.Scan(&i.CaseID, &i.Initiative, &i.Procedure, &i.Protocol, &i.Received, &i.Area, &i.Complexity, &i.ISTAT, &i.Holder)
		i.Received = Day(i.Received)
		return err
	}, sql.Named("at", Day(at)))
}

// Unheld is an open cartella without a holder in service at a date.
type Unheld struct {
	CaseID string
	// Kind is "mai_assegnata", "titolare_cessato" or "titolare_assente"
	// (queue_cartelle.sql says when each applies).
	Kind          string
	Since, Opened time.Time
	Area          string
	Complexity    int
	ISTAT         string
	Holder        string // the holder on record, "" none
}

// UnheldCases lists the cartelle open at at without a holder in service;
// a holder with no diario entry for more than absentDays counts as absent.
func UnheldCases(ctx context.Context, db *store.DB, at time.Time, absentDays int) ([]Unheld, error) {
	return query(ctx, db, "queue_cartelle", func(r *sql.Rows, u *Unheld) error {
		err := r.Scan(&u.CaseID, &u.Kind, &u.Since, &u.Opened, &u.Area, &u.Complexity, &u.ISTAT, &u.Holder)
		u.Since, u.Opened = Day(u.Since), Day(u.Opened)
		return err
	}, sql.Named("at", Day(at)), sql.Named("absent_days", absentDays))
}
