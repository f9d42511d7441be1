package facts

import (
	"context"
	"database/sql"
	"time"

	"github.com/carico/carico/store"
)

// Istanza is one request to the service with its L. 241/1990 procedure:
// filed on Application, decided on Decision (zero while undecided).
type Istanza struct {
	CaseID      string
	Initiative  string // "non_indicata" when the cartella does not say
	Application time.Time
	Decision    time.Time
	// Pending says whether it awaits a decision at the date asked
	// (store/rules.sql, carico_istanza_pending).
	Pending    bool
	Area       string
	Complexity int
	ISTAT      string
	Holder     string // the cartella's holder at the date asked; "" none
}

// LoadIstanze lists every istanza, pending or not at at.
func LoadIstanze(ctx context.Context, db *store.DB, at time.Time) ([]Istanza, error) {
	return query(ctx, db, "istanze", func(r *sql.Rows, i *Istanza) error {
		var dec sql.NullTime
		err := r.Scan(&i.CaseID, &i.Initiative, &i.Application, &dec, &i.Pending, &i.Area, &i.Complexity, &i.ISTAT, &i.Holder)
		i.Application, i.Decision = Day(i.Application), dec.Time
		if dec.Valid {
			i.Decision = Day(dec.Time)
		}
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
