// Package app holds the web application's own tables (web_user,
// web_session, web_access, web_profile, web_scenario): each statement a
// named .sql file embedded here, behind a typed function, as package facts
// does for the canonical tables. The web package calls these and holds no
// SQL.
package app

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"time"

	"github.com/carico/carico/facts/internal/rows"
)

//go:embed *.sql
var files embed.FS

// DB is the store the tables live in (a *store.DB).
type DB interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func text(name string) string {
	b, err := files.ReadFile(name + ".sql")
	if err != nil {
		panic("app: " + err.Error())
	}
	return string(b)
}

func exec(ctx context.Context, db DB, name string, args ...any) error {
	if _, err := db.ExecContext(ctx, text(name), args...); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func query[T any](ctx context.Context, db DB, name string, scan func(*sql.Rows, *T) error, args ...any) ([]T, error) {
	return rows.Collect(ctx, db, name, text(name), scan, args...)
}

// User is an account, with its password hash where the call reads it.
type User struct {
	Username, Role, OperatorID, Hash string
}

func scanUser(r *sql.Rows, u *User) error {
	return r.Scan(&u.Username, &u.Role, &u.OperatorID, &u.Hash)
}

// ErrNotFound is returned when the row asked for does not exist.
var ErrNotFound = errors.New("non trovato")

// InsertUser adds an account; its operator id is stored as NULL when empty.
func InsertUser(ctx context.Context, db DB, u User) error {
	var op any
	if u.OperatorID != "" {
		op = u.OperatorID
	}
	_, err := db.ExecContext(ctx, text("users_insert"), sql.Named("username", u.Username), sql.Named("role", u.Role),
		sql.Named("operator", op), sql.Named("hash", u.Hash))
	return err // the caller reads a duplicate key from it
}

// UserCount is the number of accounts.
func UserCount(ctx context.Context, db DB) (int, error) {
	n, err := query(ctx, db, "users_count", func(r *sql.Rows, n *int) error { return r.Scan(n) })
	if err != nil || len(n) == 0 {
		return 0, err
	}
	return n[0], nil
}

// Users lists the accounts, by username.
func Users(ctx context.Context, db DB) ([]User, error) {
	return query(ctx, db, "users", scanUser)
}

// UserByName is the account username with its hash, or ErrNotFound.
func UserByName(ctx context.Context, db DB, username string) (User, error) {
	return one(query(ctx, db, "user", scanUser, sql.Named("username", username)))
}

// InsertSession stores a session by the SHA-256 of its token.
func InsertSession(ctx context.Context, db DB, token, username string, now, expires time.Time) error {
	return exec(ctx, db, "session_insert", sql.Named("token", token), sql.Named("username", username),
		sql.Named("now", now), sql.Named("expires", expires))
}

// DeleteSession ends the session of a token's SHA-256.
func DeleteSession(ctx context.Context, db DB, token string) error {
	return exec(ctx, db, "session_delete", sql.Named("token", token))
}

// SessionUser is the account of a live session at now, or ErrNotFound.
func SessionUser(ctx context.Context, db DB, token string, now time.Time) (User, error) {
	return one(query(ctx, db, "session_user", scanUser, sql.Named("token", token), sql.Named("now", now)))
}

// Access is one line of the access log; empty Username and Role for a
// visitor not logged in.
type Access struct {
	At                                   time.Time
	Username, Role, Action, Object, Addr string
}

// LogAccess appends a line to the access log.
func LogAccess(ctx context.Context, db DB, a Access) error {
	var name, role any
	if a.Username != "" {
		name, role = a.Username, a.Role
	}
	return exec(ctx, db, "access_insert", sql.Named("at", a.At), sql.Named("username", name), sql.Named("role", role),
		sql.Named("action", a.Action), sql.Named("object", a.Object), sql.Named("remote", a.Addr))
}

// AccessLog is the last limit lines of the access log, newest first.
func AccessLog(ctx context.Context, db DB, limit int) ([]Access, error) {
	return query(ctx, db, "access_log", func(r *sql.Rows, a *Access) error {
		return r.Scan(&a.At, &a.Username, &a.Role, &a.Action, &a.Object, &a.Addr)
	}, sql.Named("limit", limit))
}

// Profile is an import profile saved from the browser.
type Profile struct {
	Name, Kind, HeaderSum, TOML, SavedBy string
	SavedAt                              time.Time
}

// ProfileFor is the last profile saved for a header's SHA-256, or
// ErrNotFound.
func ProfileFor(ctx context.Context, db DB, header string) (Profile, error) {
	return one(query(ctx, db, "profile_for", func(r *sql.Rows, p *Profile) error {
		return r.Scan(&p.Name, &p.TOML)
	}, sql.Named("header", header)))
}

// SaveProfile stores p, replacing a profile of the same name.
func SaveProfile(ctx context.Context, db DB, p Profile) error {
	return exec(ctx, db, "profile_save", sql.Named("name", p.Name), sql.Named("kind", p.Kind), sql.Named("header", p.HeaderSum),
		sql.Named("toml", p.TOML), sql.Named("at", p.SavedAt), sql.Named("by", p.SavedBy))
}

// Scenario is a staffing scenario saved from the browser, in the scenario
// file format.
type Scenario struct {
	Name, SavedBy, TOML string
	SavedAt             time.Time
}

// Scenarios lists the saved scenarios, oldest first.
func Scenarios(ctx context.Context, db DB) ([]Scenario, error) {
	return query(ctx, db, "scenarios", func(r *sql.Rows, s *Scenario) error {
		return r.Scan(&s.Name, &s.SavedBy, &s.TOML)
	})
}

// SaveScenario stores s, replacing a scenario of the same name.
func SaveScenario(ctx context.Context, db DB, s Scenario) error {
	return exec(ctx, db, "scenario_save", sql.Named("name", s.Name), sql.Named("toml", s.TOML), sql.Named("at", s.SavedAt), sql.Named("by", s.SavedBy))
}

// one is the first of rows, or ErrNotFound.
func one[T any](rows []T, err error) (T, error) {
	var zero T
	if err != nil {
		return zero, err
	}
	if len(rows) == 0 {
		return zero, ErrNotFound
	}
	return rows[0], nil
}

// SetEmployer records employer (an Employer value) and whether operator
// works in the social services on her contract periods of year, and says
// how many rows (periods × comuni) changed.
func SetEmployer(ctx context.Context, db DB, operator, employer string, social bool, year int) (int64, error) {
	res, err := db.ExecContext(ctx, text("contract_employer"), sql.Named("employer", employer), sql.Named("social", social),
		sql.Named("operator", operator), sql.Named("first", time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)),
		sql.Named("last", time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		return 0, fmt.Errorf("contract_employer: %w", err)
	}
	return res.RowsAffected()
}
