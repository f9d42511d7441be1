package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
)

// The responsabile's edits of the capacity register: each change of the
// canonical table capacity_reduction goes with an entry of the
// append-only trail web_capacity_change, in one transaction.

// The actions of the trail.
const (
	ActionAdd  = "aggiunta"
	ActionEdit = "modifica"
	ActionEnd  = "chiusura"
)

// ReductionChange is one entry of the trail: Before is nil for an
// addition.
type ReductionChange struct {
	At            time.Time
	Username      string
	OperatorID    string
	Action        string
	Before, After *carico.Reduction
}

// OverlapError says the period overlaps a stored reduction of the same
// operator.
type OverlapError struct{ With carico.Reduction }

func (e *OverlapError) Error() string {
	return "periodo sovrapposto a una riduzione già registrata per lo stesso operatore (dal " + e.With.From.Format("02/01/2006") + ")"
}

// TxDB is a store that opens transactions (a *store.DB).
type TxDB interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// SaveReduction writes ch.After — a new reduction when ch.Before is nil,
// else in place of ch.Before — and its entry in the trail, all or
// nothing. A period that overlaps another reduction of the operator is an
// *OverlapError; a Before no longer in the register is ErrNotFound.
func SaveReduction(ctx context.Context, db TxDB, ch ReductionChange) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	r := *ch.After
	var replacing any
	if ch.Before != nil {
		replacing = facts.Day(ch.Before.From)
	}
	with, err := one(query(ctx, tx, "capacity_overlap", scanReduction, sql.Named("operator", ch.OperatorID),
		sql.Named("replacing", replacing), sql.Named("from", facts.Day(r.From)), sql.Named("to", nullDay(r.To))))
	switch {
	case err == nil:
		return &OverlapError{With: with}
	case !errors.Is(err, ErrNotFound):
		return err
	}
	args := []any{sql.Named("operator", ch.OperatorID), sql.Named("from", facts.Day(r.From)), sql.Named("to", nullDay(r.To)),
		sql.Named("percent", nullZero(r.Percent)), sql.Named("hours", nullZero(r.HoursPerWeek)), sql.Named("reason", string(r.Reason)),
		sql.Named("note", nullString(r.Note))}
	if ch.Before == nil {
		err = exec(ctx, tx, "capacity_insert", args...)
	} else {
		var res sql.Result
		res, err = tx.ExecContext(ctx, text("capacity_update"), append(args, sql.Named("replacing", replacing))...)
		if n, _ := rowsAffected(res, err); err == nil && n == 0 {
			err = ErrNotFound
		}
	}
	if err != nil {
		return err
	}
	old, err := encode(ch.Before)
	if err != nil {
		return err
	}
	nw, err := encode(ch.After)
	if err != nil {
		return err
	}
	if err := exec(ctx, tx, "capacity_change_insert", sql.Named("at", ch.At), sql.Named("username", ch.Username),
		sql.Named("operator", ch.OperatorID), sql.Named("action", ch.Action), sql.Named("old", old), sql.Named("new", nw)); err != nil {
		return err
	}
	return tx.Commit()
}

// ReductionChanges is the trail, newest first: every change, or those of
// operator when it is not "".
func ReductionChanges(ctx context.Context, db DB, operator string) ([]ReductionChange, error) {
	return query(ctx, db, "capacity_changes", func(r *sql.Rows, c *ReductionChange) error {
		var old, nw string
		if err := r.Scan(&c.At, &c.Username, &c.OperatorID, &c.Action, &old, &nw); err != nil {
			return err
		}
		var err error
		if old != "" {
			c.Before, err = decode(old)
		}
		if err == nil {
			c.After, err = decode(nw)
		}
		return err
	}, sql.Named("operator", operator))
}

// ReductionsEnding lists the reductions of the register that end from
// today to today + days, both included, soonest first: the list the
// responsabile's pages show so that none lapses unnoticed.
func ReductionsEnding(ctx context.Context, db DB, today time.Time, days int) ([]carico.Reduction, error) {
	return query(ctx, db, "capacity_ending", func(r *sql.Rows, x *carico.Reduction) error {
		if err := r.Scan(&x.OperatorID, &x.From, &x.To, &x.Percent, &x.HoursPerWeek, &x.Reason, &x.Note); err != nil {
			return err
		}
		x.From, x.To = facts.Day(x.From), facts.Day(x.To)
		return nil
	}, sql.Named("today", facts.Day(today)), sql.Named("days", days))
}

func scanReduction(r *sql.Rows, x *carico.Reduction) error {
	if err := r.Scan(&x.From, &x.To, &x.Percent, &x.HoursPerWeek, &x.Reason, &x.Note); err != nil {
		return err
	}
	x.From = facts.Day(x.From)
	if x.To.Year() == 9999 {
		x.To = time.Time{}
	} else {
		x.To = facts.Day(x.To)
	}
	return nil
}

// stored is a reduction as the trail keeps it.
type stored struct {
	From         string  `json:"from"`
	To           string  `json:"to,omitempty"`
	Percent      float64 `json:"percent,omitempty"`
	HoursPerWeek float64 `json:"hours_per_week,omitempty"`
	Reason       string  `json:"reason"`
	Note         string  `json:"note,omitempty"`
}

func encode(r *carico.Reduction) (any, error) {
	if r == nil {
		return nil, nil
	}
	s := stored{From: r.From.Format(time.DateOnly), Percent: r.Percent, HoursPerWeek: r.HoursPerWeek, Reason: string(r.Reason), Note: r.Note}
	if !r.To.IsZero() {
		s.To = r.To.Format(time.DateOnly)
	}
	b, err := json.Marshal(s)
	return string(b), err
}

func decode(js string) (*carico.Reduction, error) {
	var s stored
	if err := json.Unmarshal([]byte(js), &s); err != nil {
		return nil, fmt.Errorf("voce del registro delle modifiche illeggibile: %w", err)
	}
	r := &carico.Reduction{Percent: s.Percent, HoursPerWeek: s.HoursPerWeek, Reason: carico.ReductionReason(s.Reason), Note: s.Note}
	var err error
	if r.From, err = time.Parse(time.DateOnly, s.From); err == nil && s.To != "" {
		r.To, err = time.Parse(time.DateOnly, s.To)
	}
	return r, err
}

func nullDay(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return facts.Day(t)
}

func nullZero(f float64) any {
	if f == 0 {
		return nil
	}
	return f
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func rowsAffected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
