package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Segnalazione is one report of excessive load as filed.
type Segnalazione struct {
	ID               int64
	Operator, Name   string
	FiledBy          string
	FiledAt          time.Time
	From, To, At     time.Time
	Figures, Remarks string // Figures: JSON, as filed
	PDF              []byte // only on insert
	HasPDF           bool
}

// Step is one step of a segnalazione's trail.
type Step struct {
	ID, Segnalazione int64
	Status           string
	At               time.Time
	By               string
	Protocol, Plan   string // Plan: JSON actions
	FollowUp         time.Time
	Note             string
}

// InsertSegnalazione records s with its first step («aperta») and returns
// its number.
func InsertSegnalazione(ctx context.Context, db DB, s Segnalazione) (int64, error) {
	var pdf any
	if len(s.PDF) > 0 {
		pdf = s.PDF
	}
	ids, err := query(ctx, db, "segnalazione_insert", func(r *sql.Rows, id *int64) error { return r.Scan(id) },
		sql.Named("operator", s.Operator), sql.Named("by", s.FiledBy), sql.Named("at", s.FiledAt.UTC()),
		sql.Named("from", s.From), sql.Named("to", s.To), sql.Named("ref", s.At),
		sql.Named("figures", s.Figures), sql.Named("remarks", s.Remarks), sql.Named("pdf", pdf))
	if err != nil {
		return 0, err
	}
	if len(ids) != 1 {
		return 0, fmt.Errorf("segnalazione_insert: %d righe", len(ids))
	}
	return ids[0], InsertStep(ctx, db, Step{Segnalazione: ids[0], Status: "aperta", At: s.FiledAt, By: s.FiledBy})
}

// InsertStep appends st to its segnalazione's trail.
func InsertStep(ctx context.Context, db DB, st Step) error {
	var follow any
	if !st.FollowUp.IsZero() {
		follow = st.FollowUp
	}
	return exec(ctx, db, "segnalazione_step_insert", sql.Named("id", st.Segnalazione), sql.Named("status", st.Status),
		sql.Named("at", st.At.UTC()), sql.Named("by", st.By), sql.Named("protocol", nullable(st.Protocol)),
		sql.Named("plan", nullable(st.Plan)), sql.Named("follow_up", follow), sql.Named("note", nullable(st.Note)))
}

// Segnalazioni lists the segnalazioni of operator ("" for all), newest
// first, and every step of their trails in order.
func Segnalazioni(ctx context.Context, db DB, operator string) ([]Segnalazione, []Step, error) {
	list, err := query(ctx, db, "segnalazioni", func(r *sql.Rows, s *Segnalazione) error {
		return r.Scan(&s.ID, &s.Operator, &s.Name, &s.FiledBy, &s.FiledAt, &s.From, &s.To, &s.At, &s.Figures, &s.Remarks, &s.HasPDF)
	}, sql.Named("operator", operator))
	if err != nil {
		return nil, nil, err
	}
	steps, err := query(ctx, db, "segnalazione_steps", func(r *sql.Rows, st *Step) error {
		var follow sql.NullTime
		err := r.Scan(&st.ID, &st.Segnalazione, &st.Status, &st.At, &st.By, &st.Protocol, &st.Plan, &follow, &st.Note)
		st.FollowUp = follow.Time
		return err
	})
	return list, steps, err
}

// ErrNoPDF is returned when a segnalazione has no statement attached.
var ErrNoPDF = errors.New("nessun prospetto allegato")

// SegnalazionePDF returns the statement attached to segnalazione id and
// the operator it belongs to.
func SegnalazionePDF(ctx context.Context, db DB, id int64) (operator string, pdf []byte, err error) {
	type row struct {
		op  string
		pdf []byte
	}
	rs, err := query(ctx, db, "segnalazione_pdf", func(r *sql.Rows, x *row) error { return r.Scan(&x.op, &x.pdf) }, sql.Named("id", id))
	if err != nil {
		return "", nil, err
	}
	if len(rs) == 0 {
		return "", nil, ErrNoPDF
	}
	return rs[0].op, rs[0].pdf, nil
}
