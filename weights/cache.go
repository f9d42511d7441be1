package weights

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"

	"github.com/carico/carico/facts"
	"github.com/carico/carico/model"
	"github.com/carico/carico/store"
)

// cacheFormat changes whenever Calibrate's result for the same inputs
// changes, so that a database keeps no calibration of an older rule.
const cacheFormat = 1

// CalibrateCached is Calibrate, computed once per state of the data.
//
// On a database the result is kept in the database (table
// weight_calibration) under a key made of the data version
// (facts.DataVersion, which every import changes; every import also
// empties the table) and of everything else Calibrate reads — the period,
// the options, the operators' roles and which of their months the diario
// covers adequately — and read back on the next request with the same
// key. Data without an import batch or a read-only database are
// calibrated on every call, as before.
//
// A Parquet collection is read into a new in-memory database on every
// request, so its calibration is kept beside it instead, in a file of the
// user's cache directory (CacheDir) named by the same key, with the
// collection's identity (store.DB.Collection: the SHA-256 of its
// manifests, whose files were checked when it was opened) in place of
// the data version: any file exported again or changed is another key.
func CalibrateCached(ctx context.Context, db *store.DB, m *model.Metrics, opt Options) (*Calibration, error) {
	key, err := cacheKey(ctx, db, m, opt)
	if err != nil || key == "" {
		return Calibrate(ctx, db, m, opt)
	}
	kept := keeperOf(db)
	if s, ok := kept.get(ctx, key); ok {
		var cal Calibration
		if err := json.Unmarshal(s, &cal); err == nil {
			return &cal, nil
		}
	}
	cal, err := Calibrate(ctx, db, m, opt)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(cal)
	if err != nil {
		return nil, fmt.Errorf("calibrazione dei pesi: %w", err)
	}
	if err := kept.put(ctx, key, b); err != nil {
		// A cache that cannot be written (read-only database, older
		// schema, no cache directory) costs time, never a figure.
		slog.Debug("calibration not cached", "err", err)
	}
	return cal, nil
}

// cacheKey is the SHA-256 of every input of Calibrate, or "" when the
// data has no version.
func cacheKey(ctx context.Context, db *store.DB, m *model.Metrics, opt Options) (string, error) {
	version := db.Collection()
	if version == "" {
		v, err := facts.DataVersion(ctx, db)
		if err != nil || v == "" {
			return "", err
		}
		version = v
	}
	cfg := m.Config
	if cfg == nil {
		cfg = model.DefaultConfig()
	}
	h := sha256.New()
	fmt.Fprintf(h, "%d|%s|%s|%s|%s|%+v|%v\n", cacheFormat, revision(), version,
		m.Period.From.Format("2006-01-02"), m.Period.To.Format("2006-01-02"), opt.withDefaults(), cfg.Thresholds.CoverageLow)
	for _, o := range m.Operators {
		fmt.Fprintf(h, "o|%s|%s\n", o.ID, o.Role)
	}
	for _, c := range m.Quality.Coverage {
		fmt.Fprintf(h, "c|%s|%s|%v\n", c.OperatorID, c.Month, c.Coverage != nil && *c.Coverage >= cfg.Thresholds.CoverageLow)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// revision is the build's version control revision, so that a new build
// of carico never reads a calibration an older one kept. A build without
// one, or from a modified work tree (a developer's), adds its
// executable's size and time, so that every rebuild is a new revision.
func revision() string {
	rev, clean := "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		rev = bi.Main.Version
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Key + s.Value
			case "vcs.modified":
				clean = s.Value == "false"
			}
		}
	}
	if !clean {
		if exe, err := os.Executable(); err == nil {
			if fi, err := os.Stat(exe); err == nil {
				rev += fmt.Sprintf("|%d|%d", fi.Size(), fi.ModTime().UnixNano())
			}
		}
	}
	return rev
}
