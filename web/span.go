package web

import (
	"context"
	"fmt"
	"time"

	"github.com/carico/carico/facts"
)

// dataWindow is the span of the dates a report may ask for: the whole
// calendar years the data cover, from the first day of the diario or the
// cartelle to the last. Zero times when there are no data.
func (s *Server) dataWindow(ctx context.Context) (from, to time.Time, err error) {
	df, dl, err := facts.DiarioSpan(ctx, s.db)
	if err != nil {
		return from, to, err
	}
	cf, cl, err := facts.CaseSpan(ctx, s.db)
	if err != nil {
		return from, to, err
	}
	for _, t := range []time.Time{df, cf} {
		if !t.IsZero() && (from.IsZero() || t.Before(from)) {
			from = t
		}
	}
	for _, t := range []time.Time{dl, cl} {
		if t.After(to) {
			to = t
		}
	}
	if from.IsZero() || to.IsZero() {
		return time.Time{}, time.Time{}, nil
	}
	return time.Date(from.Year(), 1, 1, 0, 0, 0, 0, time.UTC), time.Date(to.Year(), 12, 31, 0, 0, 0, 0, time.UTC), nil
}

// checkWindow refuses a period or a reference date outside the data's
// years: a report over a century would compute for minutes on nothing.
func (s *Server) checkWindow(ctx context.Context, f filters) error {
	from, to, err := s.dataWindow(ctx)
	if err != nil || from.IsZero() {
		return err
	}
	for _, d := range []struct {
		label string
		t     time.Time
	}{{"l'inizio del periodo", f.From}, {"la fine del periodo", f.To}, {"la data di riferimento", f.At}} {
		if !d.t.IsZero() && (d.t.Before(from) || d.t.After(to)) {
			return fmt.Errorf("%s (%s) è fuori dagli anni coperti dai dati: scegliere una data dal %s al %s",
				d.label, d.t.Format("02/01/2006"), from.Format("02/01/2006"), to.Format("02/01/2006"))
		}
	}
	return nil
}
