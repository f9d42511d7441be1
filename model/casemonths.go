package model

import (
	"context"
	"fmt"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/store"
)

// CaseMonth is one cartella's exposure in one calendar month of a period,
// under one holder: the days it was open and held by that operator. It is
// the unit the case-weight calibration resamples.
type CaseMonth struct {
	CaseID     string
	Operator   string // the holder; cases.operator_id when there are no assignment rows
	Area       carico.Area
	Complexity int // 0 = not recorded
	Month      string
	Days       int
}

// CaseMonthMinutes is the case work one operator recorded on one cartella
// in one month.
type CaseMonthMinutes struct {
	CaseID   string
	Operator string
	Month    string
	Minutes  int64
}

// CaseMonths returns, for the period from–to, the exposure of every
// cartella month by month and holder — the shared open and holder rules
// (carico_holder_spans), as the case-years of the staffing need — and the case
// minutes recorded on each cartella month by month and operator. Rows are
// grouped inside DuckDB: one per cartella, month and operator.
func CaseMonths(ctx context.Context, db *store.DB, from, to time.Time) ([]CaseMonth, []CaseMonthMinutes, error) {
	from, to = DateOf(from).Time, DateOf(to).Time
	q := `WITH mon AS (
	SELECT range::DATE AS m_start, (range + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS m_end
	FROM range($1::DATE - (day($1::DATE) - 1)::INTEGER, $2::DATE + INTERVAL 1 DAY, INTERVAL 1 MONTH)
),
span AS (
	SELECT c.id, h.operator_id, coalesce(c.area, '') AS area, coalesce(c.complexity, 0) AS complexity,
		strftime(mon.m_start, '%Y-%m') AS month,
		date_diff('day',
			greatest(c.opened, h.from_date, mon.m_start, $1::DATE),
			least(coalesce(c.closed - 1, $2::DATE), coalesce(h.until, $2::DATE), mon.m_end, $2::DATE)) + 1 AS days
	FROM cases c JOIN carico_holder_spans() h ON h.case_id = c.id
	JOIN mon ON c.opened <= mon.m_end AND coalesce(c.closed, DATE '9999-12-31') > mon.m_start
	WHERE c.opened <= $2::DATE AND (c.closed IS NULL OR c.closed > $1::DATE)
)
SELECT id, operator_id, area, complexity, month, sum(days)::INTEGER FROM span WHERE days > 0 GROUP BY ALL ORDER BY ALL`
	rows, err := db.QueryContext(ctx, q, from, to)
	if err != nil {
		return nil, nil, fmt.Errorf("case months: %w", err)
	}
	var exposure []CaseMonth
	for rows.Next() {
		var c CaseMonth
		if err := rows.Scan(&c.CaseID, &c.Operator, &c.Area, &c.Complexity, &c.Month, &c.Days); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("case months: %w", err)
		}
		exposure = append(exposure, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("case months: %w", err)
	}
	rows, err = db.QueryContext(ctx, `SELECT case_id, operator_id, strftime(day, '%Y-%m') AS month, sum(minutes)::BIGINT
FROM activity WHERE kind = 'case' AND case_id IS NOT NULL AND day BETWEEN ? AND ?
GROUP BY ALL ORDER BY ALL`, from, to)
	if err != nil {
		return nil, nil, fmt.Errorf("case month minutes: %w", err)
	}
	defer rows.Close()
	var minutes []CaseMonthMinutes
	for rows.Next() {
		var c CaseMonthMinutes
		if err := rows.Scan(&c.CaseID, &c.Operator, &c.Month, &c.Minutes); err != nil {
			return nil, nil, fmt.Errorf("case month minutes: %w", err)
		}
		minutes = append(minutes, c)
	}
	return exposure, minutes, rows.Err()
}
