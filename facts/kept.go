package facts

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts/internal/rows"
	"github.com/carico/carico/store"
)

// What the model and the analysis read over the whole history, whatever
// the period — each cartella's last diario entry (store/rules.sql,
// carico_last_entries: the dormant cartelle of the model and of the
// analysis' audit) and the changes of the open cartelle by day
// (carico_open_events: the open cartelle at the reference date and at
// each month's end and week) — and the diario added up by month (the time
// split and the case minutes of a period of whole months) a database
// keeps with the data (migration 014: case_last_entry, open_event,
// diario_month; migration 015: case_timeline, the cartelle's open lives
// cut by holder, for the cartelle open on a day and the case-years;
// migration 016: open_stock, the open cartelle at each year's end),
// under the data version they were
// computed on (DataVersion, which every import changes). The first request
// after an import that can write rebuilds them — `carico import` does at
// its end, where it also calibrates the weights. A read-only database with
// nothing current kept, data without an import batch and a collection
// read in place compute them from the diario and the cartelle, as before.

// keptName is the kept derivations' name in kept_version.
const keptName = "derived"

// keptFiles rebuild the kept derivations, in order.
var keptFiles = []string{"kept_last_entries", "kept_open_events", "kept_open_stock", "kept_diario_month", "kept_case_timeline", "kept_record"}

// derivedKept says whether the kept derivations are those of the data as
// it is now, rebuilding them first when they are not and db can keep them.
// A failure costs time, never a figure: the caller computes them.
func derivedKept(ctx context.Context, db *store.DB) bool {
	version, err := DataVersion(ctx, db)
	if err != nil || version == "" {
		return false
	}
	kept, err := query(ctx, db, "kept_version", scanString, sql.Named("name", keptName))
	if err == nil && len(kept) == 1 && kept[0] == version {
		return true
	}
	if err := Keep(ctx, db); err != nil {
		slog.Debug("derived data not kept", "err", err)
		return false
	}
	return true
}

// Keep rebuilds the kept derivations from the diario and the cartelle in
// one transaction, recording the data version of the same snapshot. It
// refuses a read-only database and one whose diario is not a table of its
// own.
func Keep(ctx context.Context, db *store.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("dati derivati: %w", err)
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
		return fmt.Errorf("dati derivati: il diario non è una tabella del database")
	}
	version, err := DataVersion(ctx, tx)
	if err != nil {
		return err
	}
	if version == "" {
		return fmt.Errorf("dati derivati: dati senza importazione")
	}
	for _, name := range keptFiles {
		for _, stmt := range strings.Split(text(name), ";\n") {
			if strings.TrimSpace(stripComments(stmt)) == "" {
				continue
			}
			if _, err = tx.ExecContext(ctx, stmt, sql.Named("version", version)); err != nil {
				return fmt.Errorf("dati derivati (%s): %w", name, err)
			}
		}
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("dati derivati: %w", err)
	}
	return nil
}

// ForgetKept drops the record of the kept derivations (kept_forget.sql):
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

// openCountsText is the SQL of open_counts.sql: its events (ev, for the
// reference days ref; ev_at, for the reference date at_ref) from the kept
// year-end stocks and events when kept (open_events_kept.sql, for each of
// the two), else those of store/rules.sql, computed once (eventsText).
func openCountsText(kept bool) string {
	events, atEvents := eventsText(false), "SELECT * FROM ev"
	if kept {
		events = strings.ReplaceAll(text("open_events_kept"), "/*days*/ref", "ref")
		atEvents = strings.ReplaceAll(text("open_events_kept"), "/*days*/ref", "at_ref")
	}
	return strings.NewReplacer("/*events*/", events, "/*events at*/", atEvents).Replace(text("open_counts"))
}

// eventsText is the SQL of the open events (store/rules.sql,
// carico_open_events): as kept, added up by day, when kept.
func eventsText(kept bool) string {
	if kept {
		return "SELECT day, operator_id, istat, area, complexity, n FROM open_event"
	}
	return "SELECT day, operator_id, istat, area, complexity, n FROM carico_open_events()"
}

// periodArgs are the arguments of the period's reads: $from and $to and,
// for the kept monthly diario, the whole months of the period
// $full_from–$full_to (the first day of the first, the last day of the
// last; none when $full_from is after $full_to) and whether the period has
// days outside them ($partial).
func periodArgs(from, to time.Time) []any {
	full := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
	if !full.Equal(from) {
		full = full.AddDate(0, 1, 0)
	}
	fullTo := time.Date(to.Year(), to.Month()+1, 0, 0, 0, 0, 0, time.UTC) // the month's last day
	if !fullTo.Equal(to) {
		fullTo = time.Date(to.Year(), to.Month(), 0, 0, 0, 0, 0, time.UTC)
	}
	partial := from.Before(full) || to.After(fullTo)
	return []any{sql.Named("from", from), sql.Named("to", to), sql.Named("full_from", full), sql.Named("full_to", fullTo),
		sql.Named("partial", partial)}
}

// timeSplit reads the time split of the period (time_split.sql), from the
// kept monthly diario when kept.
func timeSplit(ctx context.Context, db Queryer, kept bool, from, to time.Time) ([]TimeCell, error) {
	name := "time_split"
	if kept {
		name = "time_split_kept"
	}
	return each(ctx, db, name, text(name), readTimeCell, periodArgs(from, to)...)
}

// caseMinutes reads the case minutes of the period (case_minutes.sql),
// from the kept monthly diario when kept.
func caseMinutes(ctx context.Context, db Queryer, kept bool, from, to time.Time) ([]CaseMinutes, error) {
	name := "case_minutes"
	if kept {
		name = "case_minutes_kept"
	}
	return each(ctx, db, name, text(name), func(r rows.Row, c *CaseMinutes) {
		*c = CaseMinutes{Operator: r.String(0), Area: carico.Area(r.String(1)), Complexity: int(r.Int(2)), Minutes: r.Int(3)}
	}, periodArgs(from, to)...)
}

// caseYears reads the case-years of the period (case_years.sql), from the
// kept timeline of the cartelle when kept.
func caseYears(ctx context.Context, db Queryer, kept bool, from, to time.Time) ([]CaseYears, error) {
	name := "case_years"
	if kept {
		name = "case_years_kept"
	}
	return each(ctx, db, name, text(name), func(r rows.Row, c *CaseYears) {
		*c = CaseYears{Operator: r.String(0), Area: carico.Area(r.String(1)), Complexity: int(r.Int(2)), Years: r.Float(3)}
	}, sql.Named("from", from), sql.Named("to", to))
}

// dormant reads the dormant cartelle at at, silent for days or more.
func dormant(ctx context.Context, db Queryer, kept bool, at time.Time, days int) ([]Dormant, error) {
	q, year := dormantText(kept, at)
	return each(ctx, db, "dormant", q, readDormant,
		sql.Named("at", Day(at)), sql.Named("year", year), sql.Named("dormant", days))
}

func scanString(r *sql.Rows, s *string) error { return r.Scan(s) }
