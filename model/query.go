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

// assignmentCTE is the assignment history, with cases.operator_id standing
// for the whole life of a case that has no assignment rows.
const assignmentCTE = `asg AS (
	SELECT case_id, operator_id, from_date, to_date FROM assignment
	UNION ALL
	SELECT c.id, c.operator_id, c.opened, NULL FROM cases c
	WHERE c.operator_id IS NOT NULL
	  AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.case_id = c.id)
)`

// openCasesCTE defines, for each reference day in days, the cases open on
// that day and the operator holding each one.
//
// Rule (DOMAIN.md §4): a case is open at d when opened <= d and (closed is
// null or closed >= d) — a case closed ON d still counts that day, one
// opened on d already counts. The operator is the one of the assignment in
// force at d (from_date <= d and (to_date null or to_date >= d)); when a
// reassignment makes two assignments touch d, the later one wins. Cases
// without any assignment row fall back to cases.operator_id.
func openCasesCTE(days []time.Time) string {
	vals := make([]string, len(days))
	for i, d := range days {
		vals[i] = fmt.Sprintf("(DATE '%s')", d.Format(time.DateOnly))
	}
	return `
ref(day) AS (VALUES ` + strings.Join(vals, ", ") + `),
` + assignmentCTE + `,
open_case AS (
	SELECT ref.day, c.id, c.istat, c.area, c.complexity, c.opened, asg.operator_id
	FROM ref
	JOIN cases c ON c.opened <= ref.day AND (c.closed IS NULL OR c.closed >= ref.day)
	LEFT JOIN asg ON asg.case_id = c.id AND asg.from_date <= ref.day
		AND (asg.to_date IS NULL OR asg.to_date >= ref.day)
	QUALIFY row_number() OVER (PARTITION BY ref.day, c.id ORDER BY asg.from_date DESC NULLS LAST) = 1
)`
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

func queryOpenCases(ctx context.Context, db *sql.DB, days []time.Time) ([]caseCount, error) {
	q := `WITH ` + openCasesCTE(days) + `
SELECT day, coalesce(operator_id, ''), coalesce(istat, ''), coalesce(area, ''), coalesce(complexity, 0), count(*)
FROM open_case GROUP BY ALL`
	rows, err := db.QueryContext(ctx, q)
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
	q := `WITH ` + openCasesCTE([]time.Time{at}) + `,
last AS (
	SELECT case_id, max(day) AS last FROM activity
	WHERE case_id IS NOT NULL AND day <= ? GROUP BY case_id
)
SELECT o.id, coalesce(o.operator_id, ''), coalesce(o.istat, ''), coalesce(o.area, ''), o.opened, l.last,
	date_diff('day', coalesce(l.last, o.opened), o.day) AS silent
FROM open_case o LEFT JOIN last l ON l.case_id = o.id
WHERE date_diff('day', coalesce(l.last, o.opened), o.day) >= ?
ORDER BY silent DESC, o.id`
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
// by the operator holding it, in years of 365.25 days.
func queryCaseYears(ctx context.Context, db *sql.DB, from, to time.Time) ([]caseYears, error) {
	q := `WITH ` + assignmentCTE + `,
span AS (
	SELECT coalesce(asg.operator_id, '') AS operator_id, coalesce(c.area, '') AS area, coalesce(c.complexity, 0) AS complexity,
		date_diff('day',
			greatest(c.opened, coalesce(asg.from_date, c.opened), $1::DATE),
			least(coalesce(c.closed, $2::DATE), coalesce(asg.to_date, $2::DATE), $2::DATE)) + 1 AS days
	FROM cases c LEFT JOIN asg ON asg.case_id = c.id
	WHERE c.opened <= $2::DATE AND (c.closed IS NULL OR c.closed >= $1::DATE)
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

// caseMinutes is case work recorded in the period on cases of one area and
// complexity.
type caseMinutes struct {
	area       carico.Area
	complexity int
	minutes    int64
}

func queryCaseMinutes(ctx context.Context, db *sql.DB, from, to time.Time) ([]caseMinutes, error) {
	q := `SELECT coalesce(c.area, ''), coalesce(c.complexity, 0), sum(a.minutes)::BIGINT
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
		if err := rows.Scan(&c.area, &c.complexity, &c.minutes); err != nil {
			return nil, fmt.Errorf("case minutes: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
