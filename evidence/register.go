package evidence

import (
	"context"
	"time"

	"github.com/carico/carico/allocate"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/model"
	"github.com/carico/carico/segnalazioni"
	"github.com/carico/carico/store"
)

// Register is the register of segnalazioni of operator ("" for every
// one), newest first, each with its trail.
func Register(ctx context.Context, db *store.DB, operator string) ([]segnalazioni.Entry, error) {
	list, steps, err := app.Segnalazioni(ctx, db, operator)
	if err != nil {
		return nil, err
	}
	return segnalazioni.Assemble(list, steps)
}

// Due is what the responsabile must act on: the queue's istanze past
// term, the social workers of m in sustained overload with no open plan in
// the register, the follow-ups come due by today (allocate.DueItems).
func Due(ctx context.Context, db *store.DB, items []allocate.Item, m *model.Metrics, today time.Time) ([]allocate.Due, error) {
	reg, err := Register(ctx, db, "")
	if err != nil {
		return nil, err
	}
	return allocate.DueItems(items, m.Operators, segnalazioni.Planned(reg), segnalazioni.FollowUps(reg), model.DateOf(today)), nil
}
