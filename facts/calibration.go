package facts

import (
	"context"
	"database/sql"
	"fmt"
)

// DataVersion names the state of the imported data (data_version.sql):
// it changes with every import. It is "" when the tables hold no import
// batch, and then nothing derived from them may be cached.
func DataVersion(ctx context.Context, db Queryer) (string, error) {
	v, err := query(ctx, db, "data_version", func(r *sql.Rows, s *string) error { return r.Scan(s) })
	if err != nil || len(v) == 0 {
		return "", err
	}
	return v[0], nil
}

// CachedCalibration returns the calibration kept under key, and whether
// there is one.
func CachedCalibration(ctx context.Context, db Queryer, key string) (string, bool, error) {
	v, err := query(ctx, db, "calibration_get", func(r *sql.Rows, s *string) error { return r.Scan(s) }, sql.Named("key", key))
	if err != nil || len(v) == 0 {
		return "", false, err
	}
	return v[0], true, nil
}

// Execer is a handle that writes: the store or one connection of it.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// StoreCalibration keeps calibration under key (calibration_put.sql).
func StoreCalibration(ctx context.Context, db Execer, key, calibration string) error {
	_, err := db.ExecContext(ctx, text("calibration_put"), sql.Named("key", key), sql.Named("calibration", calibration))
	return err
}

// ForgetCalibrations drops every kept calibration (calibration_forget.sql):
// the importer calls it inside its transaction, so that a calibration
// never outlives the data it was computed on.
func ForgetCalibrations(ctx context.Context, db Execer) error {
	if _, err := db.ExecContext(ctx, text("calibration_forget")); err != nil {
		return fmt.Errorf("pesi calibrati: %w", err)
	}
	return nil
}
