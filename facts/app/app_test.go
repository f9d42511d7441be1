package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/storetest"
)

// TestAppTables writes and reads back every web table through the typed
// functions on a migrated store: accounts, sessions (live and expired),
// the access log, saved profiles and scenarios.
func TestAppTables(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	if n, err := app.UserCount(ctx, db); err != nil || n != 0 {
		t.Fatalf("first start: %d accounts, %v", n, err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO operator (id, name, role, weekly_hours, contract) VALUES ('as1', 'Rossi', 'assistente_sociale', 36, 'indeterminato')`); err != nil {
		t.Fatal(err)
	}
	for _, u := range []app.User{{Username: "anna", Role: "responsabile", Hash: "h1"}, {Username: "bea", Role: "operatore", OperatorID: "as1", Hash: "h2"}} {
		if err := app.InsertUser(ctx, db, u); err != nil {
			t.Fatal(err)
		}
	}
	if err := app.InsertUser(ctx, db, app.User{Username: "anna", Role: "politico", Hash: "x"}); err == nil {
		t.Error("a second account with the same name was stored")
	}
	us, err := app.Users(ctx, db)
	if err != nil || len(us) != 2 || us[1].OperatorID != "as1" || us[0].Hash != "" {
		t.Errorf("users = %+v, %v (no hash in the list)", us, err)
	}
	if u, err := app.UserByName(ctx, db, "anna"); err != nil || u.Hash != "h1" {
		t.Errorf("anna = %+v, %v", u, err)
	}
	if _, err := app.UserByName(ctx, db, "nessuno"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("unknown user: %v", err)
	}
	if err := app.InsertSession(ctx, db, "tok", "bea", now, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if u, err := app.SessionUser(ctx, db, "tok", now.Add(30*time.Minute)); err != nil || u.Username != "bea" {
		t.Errorf("live session = %+v, %v", u, err)
	}
	if _, err := app.SessionUser(ctx, db, "tok", now.Add(2*time.Hour)); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("expired session: %v", err)
	}
	if err := app.DeleteSession(ctx, db, "tok"); err != nil {
		t.Fatal(err)
	}
	if _, err := app.SessionUser(ctx, db, "tok", now); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("ended session: %v", err)
	}
	for _, a := range []app.Access{{At: now, Action: "login", Object: "/"}, {At: now, Username: "anna", Role: "responsabile", Action: "vista", Object: "/cruscotto"}} {
		if err := app.LogAccess(ctx, db, a); err != nil {
			t.Fatal(err)
		}
	}
	log, err := app.AccessLog(ctx, db, app.AccessFilter{Limit: 1})
	if err != nil || len(log) != 1 || log[0].Username != "anna" {
		t.Errorf("access log = %+v, %v (newest first, limited)", log, err)
	}
	for _, c := range []struct {
		f    app.AccessFilter
		want int
	}{
		{app.AccessFilter{Username: "anna", Limit: 10}, 1},
		{app.AccessFilter{Action: "login", Limit: 10}, 1},
		{app.AccessFilter{Action: "vista", Username: "bruno", Limit: 10}, 0},
		{app.AccessFilter{From: now, To: now.Add(time.Second), Limit: 10}, 2},
		{app.AccessFilter{From: now.Add(time.Second), Limit: 10}, 0},
		{app.AccessFilter{To: now, Limit: 10}, 0},
	} {
		if log, err := app.AccessLog(ctx, db, c.f); err != nil || len(log) != c.want {
			t.Errorf("search %+v: %d lines, %v; want %d", c.f, len(log), err, c.want)
		}
	}
	if acts, err := app.AccessActions(ctx, db); err != nil || len(acts) != 2 || acts[0] != "login" {
		t.Errorf("actions = %v, %v", acts, err)
	}
	for _, p := range []app.Profile{{Name: "p", Kind: "activities", HeaderSum: "h", TOML: "old", SavedAt: now}, {Name: "q", Kind: "activities", HeaderSum: "h", TOML: "new", SavedAt: now.Add(time.Minute)}} {
		if err := app.SaveProfile(ctx, db, p); err != nil {
			t.Fatal(err)
		}
	}
	if p, err := app.ProfileFor(ctx, db, "h"); err != nil || p.TOML != "new" {
		t.Errorf("profile for h = %+v, %v (the last saved)", p, err)
	}
	for _, sc := range []app.Scenario{{Name: "a", TOML: "1", SavedAt: now}, {Name: "a", TOML: "2", SavedAt: now}} {
		if err := app.SaveScenario(ctx, db, sc); err != nil {
			t.Fatal(err)
		}
	}
	if scs, err := app.Scenarios(ctx, db); err != nil || len(scs) != 1 || scs[0].TOML != "2" {
		t.Errorf("scenarios = %+v, %v (same name replaced)", scs, err)
	}
}
