package weights

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/carico/carico/facts"
	"github.com/carico/carico/store"
)

// keeper is where CalibrateCached keeps calibrations by key.
type keeper interface {
	get(ctx context.Context, key string) ([]byte, bool)
	put(ctx context.Context, key string, calibration []byte) error
}

// keeperOf is the database's own table, or the cache directory for a
// Parquet collection.
func keeperOf(db *store.DB) keeper {
	if db.Collection() != "" {
		return dirKeeper{}
	}
	return dbKeeper{db}
}

// dbKeeper keeps calibrations in the database (weight_calibration).
type dbKeeper struct{ db *store.DB }

func (k dbKeeper) get(ctx context.Context, key string) ([]byte, bool) {
	s, ok, err := facts.CachedCalibration(ctx, k.db, key)
	return []byte(s), ok && err == nil
}

func (k dbKeeper) put(ctx context.Context, key string, calibration []byte) error {
	return facts.StoreCalibration(ctx, k.db, key, string(calibration))
}

// CacheDir is the directory where the calibrations of Parquet collections
// are kept: carico/calibrazioni in the user's cache directory
// (os.UserCacheDir: $XDG_CACHE_HOME or ~/.cache on Linux, %LocalAppData%
// on Windows, ~/Library/Caches on macOS). Each file is one calibration,
// named by the SHA-256 of everything it was computed from; deleting the
// directory only makes the next request calibrate again.
func CacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cartella della cache dell'utente: %w", err)
	}
	return filepath.Join(dir, "carico", "calibrazioni"), nil
}

// dirKeeper keeps calibrations as files of CacheDir.
type dirKeeper struct{}

func (dirKeeper) get(_ context.Context, key string) ([]byte, bool) {
	dir, err := CacheDir()
	if err != nil {
		return nil, false
	}
	b, err := os.ReadFile(filepath.Join(dir, key+".json"))
	return b, err == nil
}

// put writes the file whole or not at all: a temporary file renamed over
// the name, so that a concurrent request never reads half of one.
func (dirKeeper) put(_ context.Context, key string, calibration []byte) error {
	dir, err := CacheDir()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, key+".*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(calibration)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, key+".json"))
	}
	if err != nil {
		return errors.Join(err, os.Remove(f.Name()))
	}
	return nil
}
