package rows

import (
	"context"
	"fmt"
	"math/big"
	"time"
)

// Row is one row of a result, read column by column (0 is the first). A
// NULL reads as the type's zero value: "", 0, false, the zero time.
type Row interface {
	String(col int) string
	Int(col int) int64
	Float(col int) float64
	// Day is a DATE (or TIMESTAMP) as its calendar day at midnight UTC.
	Day(col int) time.Time
	Bool(col int) bool
	Null(col int) bool
}

// Each runs q with args on db and calls fn with each row; errors are
// wrapped with name, the query's file. It is Collect for the facts with
// many rows: on a pool or a connection of the DuckDB driver built with
// the duckdb_arrow tag (as the release is) the rows come as Arrow batches,
// read column by column; anywhere else (a transaction, a build without the
// tag) through database/sql, with the same values (rows_test.go).
func Each(ctx context.Context, db Queryer, name, q string, fn func(Row) error, args ...any) error {
	handled, err := eachArrow(ctx, db, q, fn, args...)
	if !handled {
		err = eachSQL(ctx, db, q, fn, args...)
	}
	if err != nil {
		return fmt.Errorf("lettura di %s: %w", name, err)
	}
	return nil
}

// eachSQL is Each through database/sql: each row scanned into the
// driver's values.
func eachSQL(ctx context.Context, db Queryer, q string, fn func(Row) error, args ...any) error {
	rs, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		return err
	}
	r := sqlRow{values: make([]any, len(cols)), dest: make([]any, len(cols))}
	for i := range r.values {
		r.dest[i] = &r.values[i]
	}
	for rs.Next() {
		if err := rs.Scan(r.dest...); err != nil {
			return err
		}
		if err := fn(&r); err != nil {
			return err
		}
		if r.err != nil {
			return r.err
		}
	}
	return rs.Err()
}

// sqlRow is a Row of the values database/sql scanned.
type sqlRow struct {
	values, dest []any
	err          error // the first value of a type its reader does not take
}

func (r *sqlRow) String(col int) string {
	switch v := r.values[col].(type) {
	case nil:
		return ""
	case string:
		return v
	case []byte:
		return string(v)
	}
	return r.wrong(col, "testo")
}

func (r *sqlRow) Int(col int) int64 {
	switch v := r.values[col].(type) {
	case nil:
		return 0
	case int8:
		return int64(v)
	case int16:
		return int64(v)
	case int32:
		return int64(v)
	case int64:
		return v
	case uint8:
		return int64(v)
	case uint16:
		return int64(v)
	case uint32:
		return int64(v)
	case uint64:
		return int64(v)
	case *big.Int:
		return v.Int64()
	}
	r.wrong(col, "numero intero")
	return 0
}

func (r *sqlRow) Float(col int) float64 {
	switch v := r.values[col].(type) {
	case float64:
		return v
	case float32:
		return float64(v)
	}
	return float64(r.Int(col))
}

func (r *sqlRow) Day(col int) time.Time {
	switch v := r.values[col].(type) {
	case nil:
		return time.Time{}
	case time.Time:
		return time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)
	}
	r.wrong(col, "data")
	return time.Time{}
}

func (r *sqlRow) Bool(col int) bool {
	switch v := r.values[col].(type) {
	case nil:
		return false
	case bool:
		return v
	}
	r.wrong(col, "vero o falso")
	return false
}

func (r *sqlRow) Null(col int) bool { return r.values[col] == nil }

// wrong records that column col holds a value of a type the reader of
// kind does not take: a mistake in a fact's query, reported by Each.
func (r *sqlRow) wrong(col int, kind string) string {
	if r.err == nil {
		r.err = fmt.Errorf("la colonna %d contiene %T, non %s", col+1, r.values[col], kind)
	}
	return ""
}
