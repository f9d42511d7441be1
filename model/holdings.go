package model

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/carico/carico/store"
)

// Holding is one cartella open at a date with the operator holding it, by
// the open and holder rules of openCasesCTE.
type Holding struct {
	CaseID   string
	Operator string // "" = no operator
	Person   string // pseudonym
	ISTAT    string
	Zone     string
}

// OpenHoldings lists the cartelle open at `at` and who holds each one.
func OpenHoldings(ctx context.Context, db *store.DB, at time.Time) ([]Holding, error) {
	q := `WITH ` + openCasesCTE([]time.Time{DateOf(at).Time}) + `
SELECT id, coalesce(operator_id, ''), person, coalesce(istat, ''), coalesce(zone, '')
FROM open_case ORDER BY id`
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("open holdings: %w", err)
	}
	defer rows.Close()
	var out []Holding
	for rows.Next() {
		var h Holding
		if err := rows.Scan(&h.CaseID, &h.Operator, &h.Person, &h.ISTAT, &h.Zone); err != nil {
			return nil, fmt.Errorf("open holdings: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// DiarioSpan is the first and last day of the diario (zero times when it
// is empty): the years a history can cover.
func DiarioSpan(ctx context.Context, db *store.DB) (first, last time.Time, err error) {
	var f, l sql.NullTime
	if err := db.QueryRowContext(ctx, `SELECT min(day), max(day) FROM activity`).Scan(&f, &l); err != nil {
		return first, last, fmt.Errorf("diario span: %w", err)
	}
	if !f.Valid {
		return first, last, nil
	}
	return DateOf(f.Time).Time, DateOf(l.Time).Time, nil
}
