// Package rows runs one query and reads every row into a typed value: the
// loops the facts packages (facts, facts/app) read rows with. Collect
// scans each row through database/sql; Each, for the facts with many rows,
// hands each row's columns to a reader, from Arrow batches where the
// driver has them (row.go).
package rows

import (
	"context"
	"database/sql"
	"fmt"
)

// Queryer is a pool or one connection of it.
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Collect runs q with args on db and scans each row with scan; errors
// are wrapped with name, the query's file.
func Collect[T any](ctx context.Context, db Queryer, name, q string, scan func(*sql.Rows, *T) error, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("lettura di %s: %w", name, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := scan(rows, &v); err != nil {
			return nil, fmt.Errorf("lettura di %s: %w", name, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("lettura di %s: %w", name, err)
	}
	return out, nil
}
