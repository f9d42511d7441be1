package evidence

import (
	"context"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/allocate"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/model"
	"github.com/carico/carico/store"
)

// Queue is the allocation queue at p's reference date (the end of the
// last full year of data when p.At is zero): the cartelle without a holder
// in service and the pending istanze with the days left to their term
// (the analysis's terms and pending rule), sorted as allocate.Queue says,
// each marked with the allocation decision recorded on it (allocate.Mark).
func Queue(ctx context.Context, db *store.DB, p Params, qc allocate.QueueConfig) ([]allocate.Item, time.Time, error) {
	at := p.At
	if at.IsZero() {
		_, to, err := model.DefaultPeriod(ctx, db)
		if err != nil {
			return nil, at, err
		}
		at = to
	}
	at = facts.Day(at)
	unheld, err := facts.UnheldCases(ctx, db, at, qc.AbsentDays)
	if err != nil {
		return nil, at, err
	}
	istanze, err := facts.PendingIstanze(ctx, db, at)
	if err != nil {
		return nil, at, err
	}
	comuni, err := facts.ComuneNames(ctx, db)
	if err != nil {
		return nil, at, err
	}
	names := map[string]string{}
	for _, c := range comuni {
		names[c.ID] = c.Name
	}
	cfg := p.config()
	term := func(procedure, initiative string) int {
		return cfg.ProcedureTermDays(procedure, carico.Initiative(initiative))
	}
	items := allocate.Queue(at, unheld, istanze, term, names, qc)
	decisions, err := app.Decisions(ctx, db)
	if err != nil {
		return nil, at, err
	}
	allocate.Mark(items, decisions)
	return items, at, nil
}
