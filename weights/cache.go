package weights

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/carico/carico/facts"
	"github.com/carico/carico/model"
	"github.com/carico/carico/store"
)

// cacheFormat changes whenever Calibrate's result for the same inputs
// changes, so that a database keeps no calibration of an older rule.
const cacheFormat = 1

// CalibrateCached is Calibrate, computed once per import: the result is
// kept in the database (table weight_calibration) under a key made of the
// data version (facts.DataVersion, which every import changes; every
// import also empties the table) and of everything else Calibrate reads —
// the period, the options, the operators' roles and which of their months
// the diario covers adequately — and read back on the next request with
// the same key. Data without an import batch, a read-only database or a
// Parquet collection are calibrated on every call, as before.
func CalibrateCached(ctx context.Context, db *store.DB, m *model.Metrics, opt Options) (*Calibration, error) {
	key, err := cacheKey(ctx, db, m, opt)
	if err != nil || key == "" {
		return Calibrate(ctx, db, m, opt)
	}
	if s, ok, err := facts.CachedCalibration(ctx, db, key); err == nil && ok {
		var cal Calibration
		if err := json.Unmarshal([]byte(s), &cal); err == nil {
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
	if err := facts.StoreCalibration(ctx, db, key, string(b)); err != nil {
		// A cache that cannot be written (read-only database, older
		// schema) costs time, never a figure.
		slog.Debug("calibration not cached", "err", err)
	}
	return cal, nil
}

// cacheKey is the SHA-256 of every input of Calibrate, or "" when the
// data has no version.
func cacheKey(ctx context.Context, db *store.DB, m *model.Metrics, opt Options) (string, error) {
	version, err := facts.DataVersion(ctx, db)
	if err != nil || version == "" {
		return "", err
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
// of carico never reads a calibration an older one kept.
func revision() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			return s.Key + s.Value
		}
	}
	return bi.Main.Version
}
