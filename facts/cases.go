package facts

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/store"
)

// Holding is one cartella open at a date with the operator holding it
// (store/rules.sql, carico_open_cases).
type Holding struct {
	CaseID   string
	Operator string // "" = no operator
	Person   string // pseudonym
	ISTAT    string
	Zone     string
}

// Holdings lists the cartelle open at at and who holds each one.
func Holdings(ctx context.Context, db *store.DB, at time.Time) ([]Holding, error) {
	return query(ctx, db, "holdings", func(r *sql.Rows, h *Holding) error {
		return r.Scan(&h.CaseID, &h.Operator, &h.Person, &h.ISTAT, &h.Zone)
	}, sql.Named("at", Day(at)))
}

// CalibrationUnit is one cartella's exposure and case work over the
// months of a period that count for the case-weight calibration: the unit
// the calibration resamples (CalibrationUnits).
type CalibrationUnit struct {
	CaseID     string
	Area       carico.Area // "" = not recorded
	Complexity int         // 0 = not recorded
	Days       int         // open and held in the months that count
	// Minutes is the case work recorded on it in those months, one
	// figure per operator and month, by operator, then month.
	Minutes []int64
}

// OperatorMonth is one operator in one month (yyyy-mm).
type OperatorMonth struct {
	Operator, Month string
}

// CaseHolders lists the operators who held a cartella open on at least
// one day of from–to (the open and holder rules).
func CaseHolders(ctx context.Context, db *store.DB, from, to time.Time) ([]string, error) {
	return query(ctx, db, "case_holders", func(r *sql.Rows, s *string) error {
		return r.Scan(s)
	}, sql.Named("from", Day(from)), sql.Named("to", Day(to)))
}

// CalibrationUnits returns one unit per cartella held in from–to. A
// cartella's month counts when every operator holding it that month is one
// of counted; its exposure is the days it was open and held (the open and
// holder rules, as the case-years), its work the case minutes recorded on
// it by workers. The grouping is done inside DuckDB: one row per cartella.
func CalibrationUnits(ctx context.Context, db *store.DB, from, to time.Time, counted []OperatorMonth, workers []string) ([]CalibrationUnit, error) {
	ops, months := make([]string, len(counted)), make([]string, len(counted))
	for i, c := range counted {
		ops[i], months[i] = c.Operator, c.Month
	}
	if workers == nil {
		workers = []string{}
	}
	return query(ctx, db, "calibration_units", func(r *sql.Rows, u *CalibrationUnit) error {
		var minutes []any
		if err := r.Scan(&u.CaseID, &u.Area, &u.Complexity, &u.Days, &minutes); err != nil {
			return err
		}
		u.Minutes = make([]int64, len(minutes))
		for i, m := range minutes {
			n, ok := m.(int64)
			if !ok {
				return fmt.Errorf("minuti di tipo %T", m)
			}
			u.Minutes[i] = n
		}
		return nil
	}, sql.Named("from", Day(from)), sql.Named("to", Day(to)), sql.Named("operators", ops), sql.Named("months", months),
		sql.Named("workers", workers))
}
