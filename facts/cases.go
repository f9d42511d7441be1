package facts

import (
	"context"
	"database/sql"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/store"
)

// Holding is one cartella open at a date with the operator holding it
// (store/rules.sql, carico_open_cases).
type Holding struct {
	CaseID   string
	Operator string // "" = no operator
	Person   string // pseudonym
	ISTAT    string
	Zone     string
}

// Holdings lists the cartelle open at at and who holds each one.
func Holdings(ctx context.Context, db *store.DB, at time.Time) ([]Holding, error) {
	return query(ctx, db, "holdings", func(r *sql.Rows, h *Holding) error {
		return r.Scan(&h.CaseID, &h.Operator, &h.Person, &h.ISTAT, &h.Zone)
	}, sql.Named("at", Day(at)))
}

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
// cartella month by month and holder — the shared open and holder rules,
// as the case-years of the staffing need — and the case minutes recorded
// on each cartella month by month and operator. Rows are grouped inside
// DuckDB: one per cartella, month and operator.
func CaseMonths(ctx context.Context, db *store.DB, from, to time.Time) ([]CaseMonth, []CaseMonthMinutes, error) {
	from, to = Day(from), Day(to)
	// A Region's year is some 15 million case-months, each naming an
	// operator, an area and a month of a few thousand: each of those texts
	// is kept once. (The cartelle are millions: looking each up would cost
	// more than the copy it spares.)
	in := interner{}
	var op, area, month sql.RawBytes
	exposure, err := query(ctx, db, "case_months", func(r *sql.Rows, c *CaseMonth) error {
		err := r.Scan(&c.CaseID, &op, &area, &c.Complexity, &month, &c.Days)
		c.Operator, c.Area, c.Month = in.text(op), carico.Area(in.text(area)), in.text(month)
		return err
	}, sql.Named("from", from), sql.Named("to", to))
	if err != nil {
		return nil, nil, err
	}
	minutes, err := query(ctx, db, "case_month_minutes", func(r *sql.Rows, c *CaseMonthMinutes) error {
		err := r.Scan(&c.CaseID, &op, &month, &c.Minutes)
		c.Operator, c.Month = in.text(op), in.text(month)
		return err
	}, sql.Named("from", from), sql.Named("to", to))
	return exposure, minutes, err
}

// interner keeps one copy of each distinct text scanned.
type interner map[string]string

// text is b as a string, the copy kept if b was met before.
func (in interner) text(b sql.RawBytes) string {
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := string(b)
	in[s] = s
	return s
}
