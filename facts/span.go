package facts

import (
	"context"
	"database/sql"
	"time"

	"github.com/carico/carico/store"
)

// DiarioSpan is the first and last day of the diario (zero times when it
// is empty).
func DiarioSpan(ctx context.Context, db *store.DB) (first, last time.Time, err error) {
	return span(ctx, db, "diario_span")
}

// CaseSpan is the first and last date of the cartelle, opening or closing
// (zero times when there are none).
func CaseSpan(ctx context.Context, db *store.DB) (first, last time.Time, err error) {
	return span(ctx, db, "case_span")
}

// span reads the one row (first, last) of the named fact; zero times when
// either is NULL.
func span(ctx context.Context, db Queryer, name string, args ...any) (first, last time.Time, err error) {
	rows, err := query(ctx, db, name, func(r *sql.Rows, s *[2]sql.NullTime) error {
		return r.Scan(&s[0], &s[1])
	}, args...)
	if err != nil || len(rows) == 0 || !rows[0][0].Valid || !rows[0][1].Valid {
		return first, last, err
	}
	return Day(rows[0][0].Time), Day(rows[0][1].Time), nil
}
