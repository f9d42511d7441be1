package facts

import (
	"context"
	"database/sql"
	"time"

	"github.com/carico/carico"
)

// DataWindow is the period the store covers: the diario's first and last
// day, or the cartelle's when there is no diario (zero times when empty).
func DataWindow(ctx context.Context, db Queryer) (from, to time.Time, err error) {
	return span(ctx, db, "plan_data_window")
}

// HistoryWindow is the span of the cartelle history a forecast may use,
// with gapDays the longest a first opening may precede the earliest
// closure before the export is taken for a snapshot (zero times when
// there are no cartelle).
func HistoryWindow(ctx context.Context, db Queryer, gapDays int) (from, to time.Time, err error) {
	return span(ctx, db, "plan_history_window", sql.Named("gap", gapDays))
}

// MonthCount is a count of cartelle in one month, of the Ambito (Total)
// or of one area ("" = not recorded).
type MonthCount struct {
	Month time.Time // first day
	Area  carico.Area
	Total bool
	N     float64
}

// MonthlyNew counts the cartelle opened in each month first…last (first
// days of months), in total and by area.
func MonthlyNew(ctx context.Context, db Queryer, first, last time.Time) ([]MonthCount, error) {
	return monthly(ctx, db, "plan_monthly_new", first, last)
}

// MonthlyOpen counts the cartelle open at the end of each month
// first…last, in total and by area.
func MonthlyOpen(ctx context.Context, db Queryer, first, last time.Time) ([]MonthCount, error) {
	return monthly(ctx, db, "plan_monthly_open", first, last)
}

func monthly(ctx context.Context, db Queryer, name string, first, last time.Time) ([]MonthCount, error) {
	return query(ctx, db, name, func(r *sql.Rows, c *MonthCount) error {
		err := r.Scan(&c.Month, &c.Area, &c.Total, &c.N)
		c.Month = Day(c.Month)
		return err
	}, sql.Named("first", Day(first)), sql.Named("last", Day(last)))
}

// OpenGroup is the number of cartelle of one comune (or quartiere), area
// and complexity open at a date.
type OpenGroup struct {
	Key        string // ISTAT code, or quartiere
	Area       carico.Area
	Complexity int
	N          float64
}

// OpenByComune counts the cartelle open at at by comune, area and
// complexity; those without a comune are left out.
func OpenByComune(ctx context.Context, db Queryer, at time.Time) ([]OpenGroup, error) {
	return query(ctx, db, "plan_open_by_comune", scanOpenGroup, sql.Named("at", Day(at)))
}

// Quartieri counts, for each quartiere met in the cartelle of comune, the
// cartelle open at at by area and complexity (0 where none is open).
func Quartieri(ctx context.Context, db Queryer, at time.Time, comune string) ([]OpenGroup, error) {
	return query(ctx, db, "plan_quartieri", scanOpenGroup, sql.Named("at", Day(at)), sql.Named("comune", comune))
}

func scanOpenGroup(r *sql.Rows, g *OpenGroup) error {
	return r.Scan(&g.Key, &g.Area, &g.Complexity, &g.N)
}

// ZonedComune is the comune whose open cartelle carry a quartiere most
// often at at, or "" when none carries one.
func ZonedComune(ctx context.Context, db Queryer, at time.Time) (string, error) {
	out, err := query(ctx, db, "plan_zoned_comune", func(r *sql.Rows, s *string) error {
		return r.Scan(s)
	}, sql.Named("at", Day(at)))
	if err != nil || len(out) == 0 {
		return "", err
	}
	return out[0], nil
}
