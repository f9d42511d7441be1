package facts

import (
	"context"
	"database/sql"
	"fmt"
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

func span(ctx context.Context, db *store.DB, name string) (first, last time.Time, err error) {
	var f, l sql.NullTime
	if err := db.QueryRowContext(ctx, text(name)).Scan(&f, &l); err != nil {
		return first, last, fmt.Errorf("lettura di %s: %w", name, err)
	}
	if !f.Valid || !l.Valid {
		return first, last, nil
	}
	return Day(f.Time), Day(l.Time), nil
}
