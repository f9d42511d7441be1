package app

import (
	"context"
	"database/sql"
	"time"
)

// IssueReset stores a reset link for username by its token's SHA-256,
// voiding the account's previous link and the expired ones.
func IssueReset(ctx context.Context, db DB, token, username string, now, expires time.Time) error {
	if err := exec(ctx, db, "reset_clear", sql.Named("username", username), sql.Named("now", now)); err != nil {
		return err
	}
	return exec(ctx, db, "reset_insert", sql.Named("token", token), sql.Named("username", username), sql.Named("expires", expires))
}

// ResetUser is the account of a reset link valid at now, or ErrNotFound.
func ResetUser(ctx context.Context, db DB, token string, now time.Time) (string, error) {
	return one(query(ctx, db, "reset_user", func(r *sql.Rows, s *string) error { return r.Scan(s) },
		sql.Named("token", token), sql.Named("now", now)))
}

// UseReset voids a reset link once it has set a password.
func UseReset(ctx context.Context, db DB, token string) error {
	return exec(ctx, db, "reset_use", sql.Named("token", token))
}
