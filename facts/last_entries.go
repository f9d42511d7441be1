package facts

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/carico/carico/facts/internal/rows"
	"github.com/carico/carico/store"
)

// Each cartella's last diario entry (store/rules.sql, carico_last_entries)
// is read over the whole history, whatever the period: the dormant
// cartelle of the model and of the analysis' audit need it. Grouping the
// whole diario by cartella on every request was the largest read of a
// large archive, so a database keeps the answer per cartella and year
// (case_last_entry, migration 014) under the data version it was computed
// on (DataVersion, which every import changes), and rebuilds it on the
// first request after an import that can write — as `carico import` does
// at its end, where it also calibrates the weights. A read-only database
// with nothing current kept, data without an import batch and a
// collection read in place compute it from the diario, as before.

// lastEntriesName is the kept derivation's name in kept_version.
const lastEntriesName = "case_last_entry"

// lastEntriesKept says whether the kept last entries are those of the data
// as it is now, rebuilding them first when they are not and db can keep
// them. A failure costs time, never a figure: the caller computes them.
func lastEntriesKept(ctx context.Context, db *store.DB) bool {
	version, err := DataVersion(ctx, db)
	if err != nil || version == "" {
		return false
	}
	kept, err := query(ctx, db, "kept_version", scanString, sql.Named("name", lastEntriesName))
	if err == nil && len(kept) == 1 && kept[0] == version {
		return true
	}
	if err := KeepLastEntries(ctx, db); err != nil {
		slog.Debug("last diario entries not kept", "err", err)
		return false
	}
	return true
}

// KeepLastEntries rebuilds the kept last entries from the diario in one
// transaction, recording the data version of the same snapshot
// (last_entries_keep.sql). It refuses a read-only database and one whose
// diario is not a table of its own.
func KeepLastEntries(ctx context.Context, db *store.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("ultime voci di diario: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	table, err := query(ctx, tx, "diario_is_table", func(r *sql.Rows, b *bool) error { return r.Scan(b) })
	if err != nil {
		return err
	}
	if len(table) == 0 || !table[0] {
		return fmt.Errorf("ultime voci di diario: il diario non è una tabella del database")
	}
	version, err := DataVersion(ctx, tx)
	if err != nil {
		return err
	}
	if version == "" {
		return fmt.Errorf("ultime voci di diario: dati senza importazione")
	}
	for _, stmt := range strings.Split(text("last_entries_keep"), ";\n") {
		if strings.TrimSpace(stripComments(stmt)) == "" {
			continue
		}
		if _, err = tx.ExecContext(ctx, stmt, sql.Named("version", version)); err != nil {
			return fmt.Errorf("ultime voci di diario: %w", err)
		}
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("ultime voci di diario: %w", err)
	}
	return nil
}

// ForgetKept drops the record of every kept derivation (kept_forget.sql):
// the next request that can write rebuilds them.
func ForgetKept(ctx context.Context, db Execer) error {
	if _, err := db.ExecContext(ctx, text("kept_forget")); err != nil {
		return fmt.Errorf("dati derivati: %w", err)
	}
	return nil
}

// dormantText is the SQL of the dormant cartelle at at, whose $year is
// year: from the kept last entries when kept, else from the diario
// (store/rules.sql, carico_dormant).
func dormantText(kept bool, at time.Time) (q string, year int) {
	at = Day(at)
	if !kept {
		return text("dormant"), at.Year()
	}
	last, year := text("last_entries_kept"), at.Year()-1
	if at.Month() == time.December && at.Day() == 31 {
		last, year = text("last_entries_year_end"), at.Year()
	}
	return strings.Replace(text("dormant_kept"), "/*last entries*/", last, 1), year
}

// dormant reads the dormant cartelle at at, silent for days or more.
func dormant(ctx context.Context, db Queryer, kept bool, at time.Time, days int) ([]Dormant, error) {
	q, year := dormantText(kept, at)
	return rows.Collect(ctx, db, "dormant", q, scanDormant,
		sql.Named("at", Day(at)), sql.Named("year", year), sql.Named("dormant", days))
}

func scanString(r *sql.Rows, s *string) error { return r.Scan(s) }
