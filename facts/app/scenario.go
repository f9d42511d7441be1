package app

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Scenario is a staffing scenario saved from the browser, in the scenario
// file format: a draft until published, and only published scenarios
// reach the reports.
type Scenario struct {
	Name, SavedBy, TOML string
	SavedAt             time.Time
	PublishedAt         time.Time // zero for a draft
	PublishedBy         string
}

// Published says whether s reaches the reports.
func (s Scenario) Published() bool { return !s.PublishedAt.IsZero() }

// Scenarios lists the saved scenarios, drafts and published, oldest first.
func Scenarios(ctx context.Context, db DB) ([]Scenario, error) {
	return query(ctx, db, "scenarios", func(r *sql.Rows, s *Scenario) error {
		var pub sql.NullTime
		err := r.Scan(&s.Name, &s.SavedBy, &s.TOML, &s.SavedAt, &pub, &s.PublishedBy)
		s.PublishedAt = pub.Time
		return err
	})
}

// ErrDuplicate is returned when a scenario's name is already taken.
var ErrDuplicate = fmt.Errorf("nome già usato")

// Trail is one line of the scenarios' trail: what was done (an action of
// web_scenario_trail), to which scenario, by whom and when.
type Trail struct {
	At               time.Time
	Username, Action string
	Scenario, Detail string // Detail: the former name of a renamed scenario
	TOML             string
}

// The trail's actions.
const (
	TrailDraft    = "bozza"
	TrailPublish  = "pubblicato"
	TrailWithdraw = "ritirato"
	TrailRename   = "rinominato"
	TrailDelete   = "eliminato"
)

// ScenarioTrail is the trail's last lines, newest first.
func ScenarioTrail(ctx context.Context, db DB, limit int) ([]Trail, error) {
	return query(ctx, db, "scenario_trail", func(r *sql.Rows, t *Trail) error {
		return r.Scan(&t.At, &t.Username, &t.Action, &t.Scenario, &t.Detail)
	}, sql.Named("limit", limit))
}

// InsertScenario saves s as a draft, or ErrDuplicate when its name is
// taken.
func InsertScenario(ctx context.Context, db DB, s Scenario) error {
	t := Trail{At: s.SavedAt, Username: s.SavedBy, Action: TrailDraft, Scenario: s.Name, TOML: s.TOML}
	return withTrail(ctx, db, t, "scenario_insert", sql.Named("name", s.Name), sql.Named("toml", s.TOML),
		sql.Named("at", s.SavedAt), sql.Named("by", s.SavedBy))
}

// PublishScenario publishes the draft t.Scenario; ErrNotFound when there
// is no such draft.
func PublishScenario(ctx context.Context, db DB, t Trail) error {
	t.Action = TrailPublish
	return withTrail(ctx, db, t, "scenario_publish", sql.Named("name", t.Scenario), sql.Named("at", t.At), sql.Named("by", t.Username))
}

// WithdrawScenario makes the published t.Scenario a draft again;
// ErrNotFound when there is no such published scenario.
func WithdrawScenario(ctx context.Context, db DB, t Trail) error {
	t.Action = TrailWithdraw
	return withTrail(ctx, db, t, "scenario_withdraw", sql.Named("name", t.Scenario))
}

// RenameScenario renames t.Detail to t.Scenario, whose text is t.TOML;
// ErrDuplicate when the new name is taken, ErrNotFound when the old one
// does not exist.
func RenameScenario(ctx context.Context, db DB, t Trail) error {
	t.Action = TrailRename
	return withTrail(ctx, db, t, "scenario_rename", sql.Named("name", t.Detail), sql.Named("new", t.Scenario), sql.Named("toml", t.TOML))
}

// DeleteScenario deletes t.Scenario, whose last text the trail keeps;
// ErrNotFound when it does not exist.
func DeleteScenario(ctx context.Context, db DB, t Trail) error {
	t.Action = TrailDelete
	return withTrail(ctx, db, t, "scenario_delete", sql.Named("name", t.Scenario))
}

type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// withTrail runs the statement name and appends t to the trail, both or
// neither: ErrNotFound when the statement changed no row, ErrDuplicate
// when it hit the primary key.
func withTrail(ctx context.Context, db DB, t Trail, name string, args ...any) error {
	b, ok := db.(beginner)
	if !ok {
		return fmt.Errorf("%s: il database non ammette transazioni", name)
	}
	tx, err := b.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, text(name), args...)
	if err != nil && (strings.Contains(err.Error(), "Duplicate key") || strings.Contains(err.Error(), "PRIMARY KEY")) {
		return ErrDuplicate
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return ErrNotFound
	}
	if err := exec(ctx, tx, "scenario_trail_insert", sql.Named("at", t.At), sql.Named("by", t.Username), sql.Named("action", t.Action),
		sql.Named("scenario", t.Scenario), sql.Named("detail", t.Detail), sql.Named("toml", t.TOML)); err != nil {
		return err
	}
	return tx.Commit()
}
