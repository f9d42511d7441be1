package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// merger runs the set-based part of an import on the connection that holds
// its transaction: checks on the staging table stg, deduplication into src,
// counting against the stored records, and the merge itself.
type merger struct {
	ctx   context.Context
	conn  *sql.Conn
	spec  *spec
	p     *Profile
	log   *slog.Logger
	batch int64
	file  string
	// cols are the staging columns that an import may change in a stored
	// record: not keys, and only those whose field the profile maps.
	cols []string
	// fills are the columns that only fill a stored NULL (see changeable).
	fills []string
	// unique is whether stg's keys are known not to repeat (see stage).
	unique bool

	inserted, updated, unchanged, skipped, rejected int
}

func (m *merger) exec(query string, args ...any) (int64, error) {
	start := time.Now()
	res, err := m.conn.ExecContext(m.ctx, query, args...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if m.log != nil {
		m.log.Debug("merge step", "sql", strings.Join(strings.Fields(query), " "), "rows", n, "elapsed", time.Since(start))
	}
	return n, err
}

func (m *merger) run() error {
	if m.spec.check != nil {
		if err := m.spec.check(m); err != nil {
			return err
		}
	}
	if !m.unique {
		n, err := m.exec(sqlFill("dedup_stg", struct{ Keys []string }{m.spec.keys}))
		if err != nil {
			return fmt.Errorf("eliminazione dei duplicati: %w", err)
		}
		m.skipped += int(n)
	}
	var distinct int
	if err := m.conn.QueryRowContext(m.ctx, sqlText("count_stg")).Scan(&distinct); err != nil {
		return err
	}
	if m.spec.current != "" {
		// Records spread over two tables are counted before the merge.
		count := sqlFill("count_changes", struct {
			Current           string
			Keys, Cols, Fills []string
		}{sqlText(m.spec.current), m.spec.keys, m.cols, m.fills})
		if err := m.conn.QueryRowContext(m.ctx, count).Scan(&m.inserted, &m.updated); err != nil {
			return fmt.Errorf("conteggio delle modifiche: %w", err)
		}
	}
	if err := m.spec.apply(m); err != nil {
		return fmt.Errorf("fusione nelle tabelle: %w", err)
	}
	m.unchanged = distinct - m.inserted - m.updated
	return nil
}

// upsertInto merges the rows of from into target: it updates the records
// whose cols changed and inserts the new ones, in two set-based statements,
// and returns how many of each. from must name its columns as target does;
// insert lists the columns a new record takes from it. With batch, changed
// and new records point to this import's batch.
func (m *merger) upsertInto(target, from string, keys, cols, insert []string, batch bool) (inserted, updated int, err error) {
	q := upsertSQL{Target: target, From: from, Keys: keys, Cols: cols, Fills: only(m.fills, insert...), Insert: insert, Batch: batch}
	var args []any
	if batch {
		args = append(args, sql.Named("batch", m.batch))
	}
	// A first load into an empty table has nothing to update or to skip:
	// the joins that find changed and new records would cost as much as
	// the insert itself.
	var empty bool
	if err := m.conn.QueryRowContext(m.ctx, sqlFill("table_empty", struct{ Table string }{target})).Scan(&empty); err != nil {
		return 0, 0, err
	}
	if empty {
		q.First = true
		n, err := m.exec(sqlFill("upsert_insert", q), args...)
		if err != nil {
			return 0, 0, fmt.Errorf("inserimento in %s: %w", target, err)
		}
		return int(n), 0, nil
	}
	// One join finds the new and the changed rows; the UPDATE and the
	// INSERT read only those.
	if _, err := m.exec(sqlFill("upsert_delta", q)); err != nil {
		return 0, 0, fmt.Errorf("confronto con %s: %w", target, err)
	}
	if len(q.Cols)+len(q.Fills) > 0 {
		u := q
		u.From = sqlFill("delta_rows", struct{ New bool }{false})
		n, err := m.exec(sqlFill("upsert_update", u), args...)
		if err != nil {
			return 0, 0, fmt.Errorf("aggiornamento di %s: %w", target, err)
		}
		updated = int(n)
	}
	q.From, q.First = sqlFill("delta_rows", struct{ New bool }{true}), true
	n, err := m.exec(sqlFill("upsert_insert", q), args...)
	if err != nil {
		return 0, 0, fmt.Errorf("inserimento in %s: %w", target, err)
	}
	return int(n), updated, nil
}

// upsertSQL is what the upsert_*.sql templates fill in.
type upsertSQL struct {
	Target, From              string
	Keys, Cols, Fills, Insert []string
	Batch, First              bool
}

// upsert merges the staging rows into a table whose columns are the
// staging columns, counting what it inserted and updated.
func (m *merger) upsert(target string, batch bool) error {
	var insert []string
	for _, c := range m.spec.stage {
		if c.field != stagedOnly {
			insert = append(insert, c.name)
		}
	}
	var err error
	m.inserted, m.updated, err = m.upsertInto(target, sqlText("stg_rows"), m.spec.keys, m.cols, insert, batch)
	return err
}

// only keeps the columns of cols that are in set.
func only(cols []string, set ...string) []string {
	var out []string
	for _, c := range cols {
		for _, s := range set {
			if c == s {
				out = append(out, c)
			}
		}
	}
	return out
}

// staffShares completes and checks the allocation shares. A roster without
// a share column splits an operator's time evenly across the comuni listed;
// otherwise the shares of each operator must sum to 1, and all the rows of
// an operator whose shares do not are rejected, with the sum in the reason.
func staffShares(m *merger) error {
	// The shares of one operator sum to 1 in each contract period (the
	// rows with one start date).
	if _, err := m.exec(sqlText("staff_shares_even")); err != nil {
		return fmt.Errorf("completamento delle quote: %w", err)
	}
	col := strings.Join(m.p.Columns["share"], " + ")
	n, err := m.exec(sqlText("staff_shares_reject"), sql.Named("batch", m.batch), sql.Named("file", m.file), sql.Named("col", col))
	if err != nil {
		return fmt.Errorf("controllo delle quote: %w", err)
	}
	return m.dropRejected(n)
}

// keepPersons applies the rule that a later export never wipes what it
// does not carry to the person of each row: a row whose codice fiscale is
// blank keeps the person of a case already stored, whose pseudonym may
// come from a codice fiscale an earlier export carried. Only a row with a
// codice fiscale re-keys a stored case; a new case takes the pseudonym of
// name and birth date.
func keepPersons(m *merger) error {
	if _, err := m.exec(sqlText("keep_persons")); err != nil {
		return fmt.Errorf("persone delle cartelle già registrate: %w", err)
	}
	return nil
}

// dropRejected counts n rows a set-based check rejected and takes the
// batch's rejected lines out of staging.
func (m *merger) dropRejected(n int64) error {
	m.rejected += int(n)
	if n == 0 {
		return nil
	}
	_, err := m.exec(sqlText("drop_rejected_stg"), sql.Named("batch", m.batch))
	return err
}

// applyStaff merges a roster. Each operator's rows with one start date
// are a contract period; the roster is the operator's whole history:
// contract_period takes every period, operator and allocation the latest.
// The operator's start is that of her first period.
func applyStaff(m *merger) error {
	opCols := only(m.cols, "name", "role", "weekly_hours", "contract", "start_date", "end_date")
	_, _, err := m.upsertInto("operator", sqlText("staff_operators"),
		[]string{"id"}, opCols, []string{"id", "name", "role", "weekly_hours", "contract", "start_date", "end_date"}, false)
	if err == nil {
		_, _, err = m.upsertInto("allocation", sqlFill("staff_allocation", nil),
			[]string{"operator_id", "istat"}, []string{"share"}, []string{"operator_id", "istat", "share"}, false)
	}
	if err != nil {
		return err
	}
	if _, err := m.exec(sqlFill("staff_drop_allocation", nil)); err != nil {
		return fmt.Errorf("rimozione delle vecchie assegnazioni ai comuni: %w", err)
	}
	if err := m.replacePeriods(); err != nil {
		return fmt.Errorf("periodi di contratto: %w", err)
	}
	if _, err := m.exec(sqlText("staff_aliases")); err != nil {
		return fmt.Errorf("registrazione delle grafie degli operatori: %w", err)
	}
	return nil
}

// replacePeriods replaces the contract periods of the operators the roster
// lists with its rows. The employer and the social-services flag a roster
// does not carry are kept from the period stored with the same comune and
// start.
func (m *merger) replacePeriods() error {
	_, err := m.exec(sqlFill("periods_replace", struct{ KeepEmployer, KeepSocial bool }{
		len(only(m.cols, "employer")) == 0, len(only(m.cols, "social_services")) == 0}))
	return err
}

func applyPopulation(m *merger) error {
	comuneCols := only(m.cols, "name", "province", "ambito", "patron_month", "patron_day")
	_, _, err := m.upsertInto("comune", sqlText("population_comuni"),
		[]string{"istat"}, comuneCols, []string{"istat", "name", "province", "ambito", "patron_month", "patron_day"}, false)
	if err != nil {
		return err
	}
	_, _, err = m.upsertInto("residents", sqlText("population_residents"),
		[]string{"istat", "year"}, only(m.cols, "residents"), []string{"istat", "year", "residents"}, false)
	return err
}
