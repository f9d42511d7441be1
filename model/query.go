package model

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/carico/carico"
)

// The queries below aggregate inside DuckDB; Go only receives grouped rows
// (per operator, month, kind, area and complexity), never activity rows.

// openCasesCTE defines open_case: for each reference day in days, the
// cartelle open on that day and the operator holding each one, by the
// shared rules of store/rules.sql (carico_open_cases).
func openCasesCTE(days []time.Time) string {
	seen := map[time.Time]bool{}
	var vals []string
	for _, d := range days {
		if !seen[d] { // the reference date is often a month's end too
			seen[d] = true
			vals = append(vals, fmt.Sprintf("DATE '%s'", d.Format(time.DateOnly)))
		}
	}
	return `open_case AS (SELECT * FROM carico_open_cases([` + strings.Join(vals, ", ") + `]))`
}

// caseCount is the number of open cases of one cell at one day.
type caseCount struct {
	day        time.Time
	operator   string // "" = no operator
	istat      string
	area       carico.Area
	complexity int
	n          int
}

// queryOpenCases counts the open cases at each of days by operator, area
// and complexity; by comune too, but only at `at` (the monthly series do not
// need it, and it would multiply the rows).
func queryOpenCases(ctx context.Context, db *sql.DB, at time.Time, days []time.Time) ([]caseCount, error) {
	q := `WITH ` + openCasesCTE(append([]time.Time{at}, days...)) + `
SELECT day, coalesce(operator_id, ''), CASE WHEN day = ? THEN coalesce(istat, '') ELSE '' END AS istat,
	coalesce(area, ''), coalesce(complexity, 0), count(*)
FROM open_case GROUP BY ALL`
	rows, err := db.QueryContext(ctx, q, at)
	if err != nil {
		return nil, fmt.Errorf("open cases: %w", err)
	}
	defer rows.Close()
	var out []caseCount
	for rows.Next() {
		var c caseCount
		if err := rows.Scan(&c.day, &c.operator, &c.istat, &c.area, &c.complexity, &c.n); err != nil {
			return nil, fmt.Errorf("open cases: %w", err)
		}
		c.day = DateOf(c.day).Time
		out = append(out, c)
	}
	return out, rows.Err()
}

// queryDormant lists the cases open at `at` whose last diario entry on or
// before `at` (or, with none, their opening) is at least days old.
func queryDormant(ctx context.Context, db *sql.DB, at time.Time, days int) ([]DormantCase, error) {
	q := `SELECT id, coalesce(operator_id, ''), coalesce(istat, ''), coalesce(area, ''), opened, last_day, silent_days
FROM carico_dormant(?::DATE, ?) ORDER BY silent_days DESC, id`
	rows, err := db.QueryContext(ctx, q, at, days)
	if err != nil {
		return nil, fmt.Errorf("dormant cases: %w", err)
	}
	defer rows.Close()
	var out []DormantCase
	for rows.Next() {
		var d DormantCase
		var opened time.Time
		var last sql.NullTime
		if err := rows.Scan(&d.CaseID, &d.OperatorID, &d.ISTAT, &d.Area, &opened, &last, &d.DaysSilent); err != nil {
			return nil, fmt.Errorf("dormant cases: %w", err)
		}
		d.Opened = DateOf(opened)
		if last.Valid {
			l := DateOf(last.Time)
			d.LastActivity = &l
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// timeCell is documented time of one operator (or comune) in one month and kind.
type timeCell struct {
	byComune bool   // false: key is an operator id; true: an ISTAT code
	key      string // "" = none recorded
	month    string // yyyy-mm
	kind     carico.Kind
	minutes  int64
	entries  int64
}

// queryTime scans the diario of the period once and groups it two ways:
// by operator and by comune, each by month and kind.
func queryTime(ctx context.Context, db *sql.DB, from, to time.Time) ([]timeCell, error) {
	q := `SELECT grouping(istat) = 1 AS by_operator, coalesce(operator_id, istat, ''),
	strftime(day, '%Y-%m') AS month, kind, sum(minutes)::BIGINT, count(*)
FROM activity WHERE day BETWEEN ? AND ?
GROUP BY GROUPING SETS ((operator_id, month, kind), (istat, month, kind))`
	rows, err := db.QueryContext(ctx, q, from, to)
	if err != nil {
		return nil, fmt.Errorf("time split: %w", err)
	}
	defer rows.Close()
	var out []timeCell
	for rows.Next() {
		var c timeCell
		var byOperator bool
		if err := rows.Scan(&byOperator, &c.key, &c.month, &c.kind, &c.minutes, &c.entries); err != nil {
			return nil, fmt.Errorf("time split: %w", err)
		}
		c.byComune = !byOperator
		out = append(out, c)
	}
	return out, rows.Err()
}

// caseYears is the case-years of one operator × area × complexity cell in
// the period, and the case-work minutes recorded on those cases.
type caseYears struct {
	operator   string
	area       carico.Area
	complexity int
	years      float64
}

// queryCaseYears measures how long each case was open in the period, split
// by the operator holding it (carico_holder_spans), in years of 365.25
// days. A day counts when the cartella is open at its end
// (carico_open_on): from the opening day to the day before the closing.
func queryCaseYears(ctx context.Context, db *sql.DB, from, to time.Time) ([]caseYears, error) {
	q := `WITH span AS (
	SELECT coalesce(h.operator_id, '') AS operator_id, coalesce(c.area, '') AS area, coalesce(c.complexity, 0) AS complexity,
		date_diff('day',
			greatest(c.opened, coalesce(h.from_date, c.opened), $1::DATE),
			least(coalesce(c.closed - 1, $2::DATE), coalesce(h.until, $2::DATE), $2::DATE)) + 1 AS days
	FROM cases c LEFT JOIN carico_holder_spans() h ON h.case_id = c.id
	WHERE c.opened <= $2::DATE AND (c.closed IS NULL OR c.closed > $1::DATE)
)
SELECT operator_id, area, complexity, sum(days) / 365.25 FROM span WHERE days > 0 GROUP BY ALL`
	rows, err := db.QueryContext(ctx, q, from, to)
	if err != nil {
		return nil, fmt.Errorf("case-years: %w", err)
	}
	defer rows.Close()
	var out []caseYears
	for rows.Next() {
		var c caseYears
		if err := rows.Scan(&c.operator, &c.area, &c.complexity, &c.years); err != nil {
			return nil, fmt.Errorf("case-years: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// caseMinutes is case work recorded in the period by one operator on cases
// of one area and complexity.
type caseMinutes struct {
	operator   string
	area       carico.Area
	complexity int
	minutes    int64
}

func queryCaseMinutes(ctx context.Context, db *sql.DB, from, to time.Time) ([]caseMinutes, error) {
	q := `SELECT a.operator_id, coalesce(c.area, ''), coalesce(c.complexity, 0), sum(a.minutes)::BIGINT
FROM activity a JOIN cases c ON c.id = a.case_id
WHERE a.kind = 'case' AND a.day BETWEEN ? AND ?
GROUP BY ALL`
	rows, err := db.QueryContext(ctx, q, from, to)
	if err != nil {
		return nil, fmt.Errorf("case minutes: %w", err)
	}
	defer rows.Close()
	var out []caseMinutes
	for rows.Next() {
		var c caseMinutes
		if err := rows.Scan(&c.operator, &c.area, &c.complexity, &c.minutes); err != nil {
			return nil, fmt.Errorf("case minutes: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
