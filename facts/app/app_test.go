package app_test

import (
	"context"
	"errors"
	"strings"
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
	if err := app.InsertSession(ctx, db, "tok", "bea", "10.0.0.7", now, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if u, err := app.SessionUser(ctx, db, "tok", now.Add(30*time.Minute)); err != nil || u.Username != "bea" {
		t.Errorf("live session = %+v, %v", u, err)
	}
	if ss, err := app.SessionsOf(ctx, db, "bea", "tok", now); err != nil || len(ss) != 1 || !ss[0].Current || ss[0].Addr != "10.0.0.7" {
		t.Errorf("bea's sessions = %+v, %v (current, with its address)", ss, err)
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
	testScenarios(t, db, now)
	testResets(t, db, now)
}

// testScenarios: a duplicate name is refused and never overwrites; a draft
// is published, renamed, withdrawn and deleted, each step in the trail.
func testScenarios(t *testing.T, db app.DB, now time.Time) {
	ctx := context.Background()
	if err := app.InsertScenario(ctx, db, app.Scenario{Name: "a", TOML: "1", SavedAt: now, SavedBy: "anna"}); err != nil {
		t.Fatal(err)
	}
	if err := app.InsertScenario(ctx, db, app.Scenario{Name: "a", TOML: "2", SavedAt: now, SavedBy: "anna"}); !errors.Is(err, app.ErrDuplicate) {
		t.Errorf("a duplicate name: %v, want ErrDuplicate", err)
	}
	if err := app.InsertScenario(ctx, db, app.Scenario{Name: "b", TOML: "3", SavedAt: now.Add(time.Minute), SavedBy: "anna"}); err != nil {
		t.Fatal(err)
	}
	scs, err := app.Scenarios(ctx, db)
	if err != nil || len(scs) != 2 || scs[0].TOML != "1" || scs[0].Published() {
		t.Fatalf("scenarios = %+v, %v (a kept, a draft)", scs, err)
	}
	later := now.Add(time.Hour)
	step := func(what string, f func(context.Context, app.DB, app.Trail) error, tr app.Trail, want error) {
		t.Helper()
		tr.At, tr.Username = later, "bea"
		if err := f(ctx, db, tr); !errors.Is(err, want) {
			t.Errorf("%s: %v, want %v", what, err, want)
		}
	}
	step("publish", app.PublishScenario, app.Trail{Scenario: "a", TOML: "1"}, nil)
	step("publish again", app.PublishScenario, app.Trail{Scenario: "a", TOML: "1"}, app.ErrNotFound)
	step("rename onto b", app.RenameScenario, app.Trail{Scenario: "b", Detail: "a", TOML: "1"}, app.ErrDuplicate)
	step("rename", app.RenameScenario, app.Trail{Scenario: "c", Detail: "a", TOML: "1c"}, nil)
	scs, _ = app.Scenarios(ctx, db)
	if len(scs) != 2 || scs[0].Name != "c" || scs[0].TOML != "1c" || !scs[0].Published() || scs[0].PublishedBy != "bea" || !scs[0].PublishedAt.Equal(later) {
		t.Errorf("after publishing and renaming: %+v", scs)
	}
	step("withdraw", app.WithdrawScenario, app.Trail{Scenario: "c", TOML: "1c"}, nil)
	step("withdraw a draft", app.WithdrawScenario, app.Trail{Scenario: "b", TOML: "3"}, app.ErrNotFound)
	step("delete", app.DeleteScenario, app.Trail{Scenario: "c", TOML: "1c"}, nil)
	step("delete again", app.DeleteScenario, app.Trail{Scenario: "c", TOML: "1c"}, app.ErrNotFound)
	scs, _ = app.Scenarios(ctx, db)
	if len(scs) != 1 || scs[0].Name != "b" {
		t.Errorf("after deleting: %+v", scs)
	}
	trail, err := app.ScenarioTrail(ctx, db, 10)
	var got []string
	for _, x := range trail {
		got = append(got, x.Action+" "+x.Scenario+" "+x.Detail)
	}
	want := []string{"eliminato c ", "ritirato c ", "rinominato c a", "pubblicato a ", "bozza b ", "bozza a "}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("trail %q, %v; want %q", got, err, want)
	}
}

// testResets: a reset link is valid until it expires or is used, and a
// new one for the same account voids the old.
func testResets(t *testing.T, db app.DB, now time.Time) {
	ctx := context.Background()
	for _, tok := range []string{"r1", "r2"} {
		if err := app.IssueReset(ctx, db, tok, "bea", now, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := app.ResetUser(ctx, db, "r1", now); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("the voided link: %v", err)
	}
	if u, err := app.ResetUser(ctx, db, "r2", now); err != nil || u != "bea" {
		t.Errorf("the live link: %q, %v", u, err)
	}
	if _, err := app.ResetUser(ctx, db, "r2", now.Add(time.Hour)); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("the expired link: %v", err)
	}
	if err := app.UseReset(ctx, db, "r2"); err != nil {
		t.Fatal(err)
	}
	if _, err := app.ResetUser(ctx, db, "r2", now); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("the used link: %v", err)
	}
}
