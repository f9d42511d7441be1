//go:build duckdb_arrow

package rows

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/duckdb/duckdb-go/v2"
)

// eachArrow is Each through the driver's Arrow interface, when db is a
// pool or one of its connections (a transaction is not: its statements
// must run on its own connection, which database/sql does not hand out).
func eachArrow(ctx context.Context, db Queryer, q string, fn func(Row) error, args ...any) (bool, error) {
	var conn *sql.Conn
	switch d := db.(type) {
	case *sql.Conn:
		conn = d
	case interface {
		Conn(context.Context) (*sql.Conn, error)
	}:
		c, err := d.Conn(ctx)
		if err != nil {
			return true, err
		}
		defer c.Close()
		conn = c
	default:
		return false, nil
	}
	err := conn.Raw(func(dc any) error {
		a, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		if err != nil {
			return err
		}
		rr, err := a.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rr.Release()
		r := arrowRow{}
		for rr.Next() {
			rec := rr.RecordBatch()
			r.cols = rec.Columns()
			for r.i = 0; r.i < int(rec.NumRows()); r.i++ {
				if err := fn(&r); err != nil {
					return err
				}
				if r.err != nil {
					return r.err
				}
			}
		}
		return rr.Err()
	})
	return true, err
}

// arrowRow is row i of a batch.
type arrowRow struct {
	cols []arrow.Array
	i    int
	err  error // the first value of a type its reader does not take
	// kept holds, per column, the strings already copied out of the
	// batches: a column of few values (holders, comuni, areas) is copied
	// once per value instead of once per row.
	kept []keptStrings
}

// keptStrings is one column's copied strings; a column of more distinct
// values than maxKept (identifiers) is copied row by row.
type keptStrings struct {
	m    map[string]string
	many bool
}

const maxKept = 4096

// keep is v, which points into a batch's buffers (freed with the next
// batch), as a string of its own.
func (r *arrowRow) keep(col int, v string) string {
	if r.kept == nil {
		r.kept = make([]keptStrings, len(r.cols))
	}
	k := &r.kept[col]
	if k.many {
		return strings.Clone(v)
	}
	if s, ok := k.m[v]; ok {
		return s
	}
	s := strings.Clone(v)
	switch {
	case k.m == nil:
		k.m = map[string]string{s: s}
	case len(k.m) < maxKept:
		k.m[s] = s
	default:
		k.many, k.m = true, nil
	}
	return s
}

func (r *arrowRow) Null(col int) bool { return r.cols[col].IsNull(r.i) }

func (r *arrowRow) String(col int) string {
	if r.Null(col) {
		return ""
	}
	switch a := r.cols[col].(type) {
	case *array.String:
		return r.keep(col, a.Value(r.i))
	case *array.LargeString:
		return r.keep(col, a.Value(r.i))
	case *array.StringView:
		return r.keep(col, a.Value(r.i))
	case *array.Dictionary:
		return r.keep(col, a.Dictionary().ValueStr(a.GetValueIndex(r.i)))
	}
	r.wrong(col, "testo")
	return ""
}

func (r *arrowRow) Int(col int) int64 {
	if r.Null(col) {
		return 0
	}
	switch a := r.cols[col].(type) {
	case *array.Int8:
		return int64(a.Value(r.i))
	case *array.Int16:
		return int64(a.Value(r.i))
	case *array.Int32:
		return int64(a.Value(r.i))
	case *array.Int64:
		return a.Value(r.i)
	case *array.Uint8:
		return int64(a.Value(r.i))
	case *array.Uint16:
		return int64(a.Value(r.i))
	case *array.Uint32:
		return int64(a.Value(r.i))
	case *array.Uint64:
		return int64(a.Value(r.i))
	case *array.Decimal128: // a HUGEINT
		if a.DataType().(*arrow.Decimal128Type).Scale == 0 {
			return int64(a.Value(r.i).LowBits())
		}
	}
	r.wrong(col, "numero intero")
	return 0
}

func (r *arrowRow) Float(col int) float64 {
	switch a := r.cols[col].(type) {
	case *array.Float64:
		if a.IsNull(r.i) {
			return 0
		}
		return a.Value(r.i)
	case *array.Float32:
		if a.IsNull(r.i) {
			return 0
		}
		return float64(a.Value(r.i))
	}
	return float64(r.Int(col))
}

func (r *arrowRow) Day(col int) time.Time {
	if r.Null(col) {
		return time.Time{}
	}
	var t time.Time
	switch a := r.cols[col].(type) {
	case *array.Date32:
		return time.Unix(int64(a.Value(r.i))*86400, 0).UTC()
	case *array.Date64:
		t = a.Value(r.i).ToTime()
	case *array.Timestamp:
		t = a.Value(r.i).ToTime(a.DataType().(*arrow.TimestampType).Unit)
	default:
		r.wrong(col, "data")
		return time.Time{}
	}
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func (r *arrowRow) Bool(col int) bool {
	if r.Null(col) {
		return false
	}
	if a, ok := r.cols[col].(*array.Boolean); ok {
		return a.Value(r.i)
	}
	r.wrong(col, "vero o falso")
	return false
}

// wrong records that column col holds a value of a type the reader of
// kind does not take: a mistake in a fact's query, reported by Each.
func (r *arrowRow) wrong(col int, kind string) {
	if r.err == nil {
		r.err = fmt.Errorf("la colonna %d è di tipo %s, non %s", col+1, r.cols[col].DataType(), kind)
	}
}
