// Package duckdb reads the facts of the annual L. 178/2020 return (package
// sioss) from a carico database. Its SQL lives in the named .sql files.
package duckdb

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/sioss"
)

var (
	//go:embed social_workers.sql
	socialWorkersSQL string
	//go:embed periods.sql
	periodsSQL string
	//go:embed comuni.sql
	comuniSQL string
	//go:embed residents_source.sql
	residentsSourceSQL string
	//go:embed set_employer.sql
	setEmployerSQL string
)

// SetEmployer records who employs operator id, and whether she works in
// the social services, on her contract periods of year; it returns how
// many rows (periods × comuni) it changed. A later roster that carries
// these columns replaces them again.
func SetEmployer(ctx context.Context, db *sql.DB, id string, e carico.Employer, socialServices bool, year int) (int64, error) {
	if !e.Valid() {
		return 0, fmt.Errorf("datore di lavoro %q sconosciuto", e)
	}
	res, err := db.ExecContext(ctx, setEmployerSQL, string(e), socialServices, id,
		time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// Facts reads the social workers, their contract periods and the comuni
// with their residents at 1 January of year.
func Facts(ctx context.Context, db *sql.DB, year int) (sioss.Facts, error) {
	var f sioss.Facts
	var err error
	if f.Operators, err = socialWorkers(ctx, db); err != nil {
		return f, fmt.Errorf("assistenti sociali: %w", err)
	}
	if f.Periods, err = periods(ctx, db); err != nil {
		return f, fmt.Errorf("periodi di contratto: %w", err)
	}
	if f.Comuni, err = comuni(ctx, db, year); err != nil {
		return f, fmt.Errorf("comuni e residenti: %w", err)
	}
	if f.ResidentsSource, err = residentsSource(ctx, db); err != nil {
		return f, fmt.Errorf("fonte dei residenti: %w", err)
	}
	return f, nil
}

func socialWorkers(ctx context.Context, db *sql.DB) ([]carico.Operator, error) {
	return collect(ctx, db, socialWorkersSQL, nil, func(rows *sql.Rows) (carico.Operator, error) {
		var o carico.Operator
		err := rows.Scan(&o.ID, &o.Name, &o.Role)
		return o, err
	})
}

func periods(ctx context.Context, db *sql.DB) ([]carico.ContractPeriod, error) {
	return collect(ctx, db, periodsSQL, nil, func(rows *sql.Rows) (carico.ContractPeriod, error) {
		var p carico.ContractPeriod
		var start, end sql.NullTime
		var social sql.NullBool
		err := rows.Scan(&p.OperatorID, &p.ISTAT, &p.Share, &start, &end, &p.WeeklyHours, &p.Contract, &p.Employer, &social)
		p.Start, p.End = start.Time, end.Time
		if social.Valid {
			p.SocialServices = &social.Bool
		}
		return p, err
	})
}

func comuni(ctx context.Context, db *sql.DB, year int) ([]sioss.Comune, error) {
	return collect(ctx, db, comuniSQL, []any{year}, func(rows *sql.Rows) (sioss.Comune, error) {
		var c sioss.Comune
		err := rows.Scan(&c.ISTAT, &c.Name, &c.Residents, &c.ResidentsYear)
		return c, err
	})
}

func residentsSource(ctx context.Context, db *sql.DB) (string, error) {
	var file, day string
	err := db.QueryRowContext(ctx, residentsSourceSQL).Scan(&file, &day)
	if errors.Is(err, sql.ErrNoRows) {
		return "popolazione non importata", nil
	}
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("importazione di %s del %s", file, day), nil
}

// collect runs query and scans each row with scan.
func collect[T any](ctx context.Context, db *sql.DB, query string, args []any, scan func(*sql.Rows) (T, error)) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
