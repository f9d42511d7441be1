package facts

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/carico/carico/facts/internal/rows"
	"github.com/carico/carico/store"
)

// ReadDormant reads the dormant cartelle at at, from the kept last entries
// when kept (which must then be current), else from the diario.
var ReadDormant = dormant

// ReadCaseYears reads the case-years of a period, from the kept timeline
// of the cartelle when kept (which must then be current), else from the
// cartelle and their holder spans.
var ReadCaseYears = caseYears

// DerivedKept is derivedKept: whether the kept derivations are
// current, rebuilding them when they are not and can be.
var DerivedKept = derivedKept

// FlowRows runs an_flows.sql, with the kept open events when kept (which
// must then be current), and ref (another text of the same figures), on
// one connection prepared as an analysis prepares it (an_prepare.sql), and
// returns the rows of each as text.
func FlowRows(ctx context.Context, db *store.DB, kept bool, from, to time.Time, ref string) (got, want []string, err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer conn.Close()
	c := &anConn{conn: conn, args: []any{sql.Named("from", Day(from)), sql.Named("to", Day(to)), sql.Named("at", Day(to))}}
	defer c.exec(context.Background(), "an_drop")
	if err := c.exec(ctx, "an_prepare"); err != nil {
		return nil, nil, err
	}
	scan := func(r *sql.Rows, s *string) error {
		var dim, key, month string
		var opened, closed, open int
		err := r.Scan(&dim, &key, &month, &opened, &closed, &open)
		*s = fmt.Sprint(dim, "|", key, "|", month, "|", opened, "|", closed, "|", open)
		return err
	}
	flows := strings.Replace(text("an_flows"), "/*events*/", eventsText(kept), 1)
	if got, err = rows.Collect(ctx, conn, "an_flows", flows, scan, c.args...); err != nil {
		return nil, nil, err
	}
	want, err = rows.Collect(ctx, conn, "reference", ref, scan, c.args...)
	return got, want, err
}

// ReadTimeSplit and ReadCaseMinutes read the period's time split and case
// minutes, from the kept monthly diario when kept (which must then be
// current), else from the diario.
var (
	ReadTimeSplit   = timeSplit
	ReadCaseMinutes = caseMinutes
)

// OpenCounts is what LoadWorkload reads of the open cartelle (openCounts)
// as one list, for the tests that hold it to the rules: the cartelle open
// at at and at each of days by holder, area and complexity, and by comune
// at at only; by day, holder, comune, area and complexity.
func OpenCounts(ctx context.Context, db *store.DB, at time.Time, days []time.Time) ([]OpenCount, error) {
	atRows, series, err := openCounts(ctx, db, derivedKept(ctx, db), at, days)
	if err != nil {
		return nil, err
	}
	var out []OpenCount
	before := func(c OpenCount) bool { return c.Day.Before(Day(at)) }
	for c := range series.All() {
		if before(c) {
			out = append(out, c)
		}
	}
	out = append(out, atRows...)
	for c := range series.All() {
		if !before(c) {
			out = append(out, c)
		}
	}
	return out, nil
}
