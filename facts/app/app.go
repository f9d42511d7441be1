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
	Disabled                         bool
}

func scanUser(r *sql.Rows, u *User) error {
	return r.Scan(&u.Username, &u.Role, &u.OperatorID, &u.Hash, &u.Disabled)
}

// nullable is s, or NULL when empty.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// SetRole changes an account's role and linked operator ("" for none).
func SetRole(ctx context.Context, db DB, username, role, operator string) error {
	return exec(ctx, db, "user_set_role", sql.Named("username", username), sql.Named("role", role), sql.Named("operator", nullable(operator)))
}

// SetHash stores an account's new password hash.
func SetHash(ctx context.Context, db DB, username, hash string) error {
	return exec(ctx, db, "user_set_hash", sql.Named("username", username), sql.Named("hash", hash))
}

// SetDisabled disables an account or enables it again; its sessions are
// ended by DeleteSessionsOf.
func SetDisabled(ctx context.Context, db DB, username string, disabled bool) error {
	return exec(ctx, db, "user_disable", sql.Named("username", username), sql.Named("disabled", disabled))
}

// DeleteSessionsOf ends every session of an account.
func DeleteSessionsOf(ctx context.Context, db DB, username string) error {
	return exec(ctx, db, "session_delete_user", sql.Named("username", username))
}

// DeleteOtherSessions ends an account's sessions but the one whose
// token's SHA-256 is keep.
func DeleteOtherSessions(ctx context.Context, db DB, username, keep string) error {
	return exec(ctx, db, "session_delete_other", sql.Named("username", username), sql.Named("keep", keep))
}

// RevokeSession ends one of an account's sessions by its public id
// (Session.ID); another account's session is left alone.
func RevokeSession(ctx context.Context, db DB, username, id string) error {
	return exec(ctx, db, "session_revoke", sql.Named("username", username), sql.Named("id", id))
}

// Session is a live session as its owner sees it: a public id, never the
// token or its hash.
type Session struct {
	ID               string
	Current          bool
	Started, Expires time.Time
	Addr             string // the address it was opened from
}

// SessionsOf lists an account's live sessions at now, newest first;
// current is the SHA-256 of the request's own token.
func SessionsOf(ctx context.Context, db DB, username, current string, now time.Time) ([]Session, error) {
	return query(ctx, db, "sessions_of", func(r *sql.Rows, s *Session) error {
		return r.Scan(&s.ID, &s.Current, &s.Started, &s.Expires, &s.Addr)
	}, sql.Named("username", username), sql.Named("current", current), sql.Named("now", now))
}

// ErrNotFound is returned when the row asked for does not exist.
var ErrNotFound = errors.New("non trovato")

// InsertUser adds an account; its operator id is stored as NULL when empty.
func InsertUser(ctx context.Context, db DB, u User) error {
	_, err := db.ExecContext(ctx, text("users_insert"), sql.Named("username", u.Username), sql.Named("role", u.Role),
		sql.Named("operator", nullable(u.OperatorID)), sql.Named("hash", u.Hash))
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

// InsertSession stores a session by the SHA-256 of its token, with the
// address it is opened from.
func InsertSession(ctx context.Context, db DB, token, username, addr string, now, expires time.Time) error {
	return exec(ctx, db, "session_insert", sql.Named("token", token), sql.Named("username", username),
		sql.Named("now", now), sql.Named("expires", expires), sql.Named("remote", addr))
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

// AccessFilter is a search of the access log: empty fields and zero
// times match everything.
type AccessFilter struct {
	Username, Action string
	From, To         time.Time // From included, To excluded
	Limit            int
}

// AccessLog is the lines of the access log that match f, newest first, at
// most f.Limit.
func AccessLog(ctx context.Context, db DB, f AccessFilter) ([]Access, error) {
	bound := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return t.UTC()
	}
	return query(ctx, db, "access_search", func(r *sql.Rows, a *Access) error {
		return r.Scan(&a.At, &a.Username, &a.Role, &a.Action, &a.Object, &a.Addr)
	}, sql.Named("username", f.Username), sql.Named("action", f.Action), sql.Named("from", bound(f.From)),
		sql.Named("to", bound(f.To)), sql.Named("limit", f.Limit))
}

// AccessActions lists the actions the access log holds.
func AccessActions(ctx context.Context, db DB) ([]string, error) {
	return query(ctx, db, "access_actions", func(r *sql.Rows, a *string) error { return r.Scan(a) })
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
