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
	keys := strings.Join(m.spec.keys, ", ")
	// A later row with the same source ID supersedes an earlier one: exports
	// list a record again when it changed. Duplicates are deleted in place
	// rather than copying the staging table, to keep memory down.
	n, err := m.exec(fmt.Sprintf(`DELETE FROM stg WHERE line IN (
		SELECT line FROM stg QUALIFY row_number() OVER (PARTITION BY %s ORDER BY line DESC) > 1)`, keys))
	if err != nil {
		return fmt.Errorf("eliminazione dei duplicati: %w", err)
	}
	m.skipped += int(n)
	var distinct int
	if err := m.conn.QueryRowContext(m.ctx, `SELECT count(*) FROM stg`).Scan(&distinct); err != nil {
		return err
	}
	if m.spec.current != "" {
		// Records spread over two tables are counted before the merge.
		on := make([]string, len(m.spec.keys))
		for i, k := range m.spec.keys {
			// A key may be NULL (a staff row without a start date).
			on[i] = fmt.Sprintf("cur.%s IS NOT DISTINCT FROM s.%s", k, k)
		}
		count := fmt.Sprintf(`SELECT count(*) FILTER (WHERE cur.%s IS NULL),
			count(*) FILTER (WHERE cur.%s IS NOT NULL AND %s)
			FROM stg s LEFT JOIN (%s) cur ON %s`,
			m.spec.keys[0], m.spec.keys[0], m.changed("cur", "s", m.cols, m.fills), m.spec.current, strings.Join(on, " AND "))
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

// distinctRow is the SQL condition "some of cols differ between a and b";
// IS DISTINCT FROM treats two NULLs as equal, as a re-import should.
func distinctRow(a, b string, cols []string) string {
	if len(cols) == 0 {
		return "false"
	}
	var x, y []string
	for _, c := range cols {
		x = append(x, a+"."+c)
		y = append(y, b+"."+c)
	}
	return fmt.Sprintf("(%s) IS DISTINCT FROM (%s)", strings.Join(x, ", "), strings.Join(y, ", "))
}

// changed is the SQL condition "the record in b changes the record in a":
// some of cols differ, or b fills a NULL of a fill column.
func (m *merger) changed(a, b string, cols, fills []string) string {
	cond := distinctRow(a, b, cols)
	for _, c := range fills {
		cond += fmt.Sprintf(" OR (%s.%s IS NULL AND %s.%s IS NOT NULL)", a, c, b, c)
	}
	return "(" + cond + ")"
}

// upsertInto merges the rows of from into target: it updates the records
// whose cols changed and inserts the new ones, in two set-based statements,
// and returns how many of each. from must name its columns as target does;
// insert lists the columns a new record takes from it. With batch, changed
// and new records point to this import's batch.
func (m *merger) upsertInto(target, from string, keys, cols, insert []string, batch bool) (inserted, updated int, err error) {
	on := make([]string, len(keys))
	for i, k := range keys {
		on[i] = fmt.Sprintf("t.%s = s.%s", k, k)
	}
	set := make([]string, 0, len(cols)+1)
	for _, c := range cols {
		set = append(set, fmt.Sprintf("%s = s.%s", c, c))
	}
	fills := only(m.fills, insert...)
	for _, c := range fills {
		set = append(set, fmt.Sprintf("%s = coalesce(t.%s, s.%s)", c, c, c))
	}
	ins, vals := strings.Join(insert, ", "), "s."+strings.Join(insert, ", s.")
	if batch {
		set = append(set, fmt.Sprintf("batch_id = %d", m.batch))
		ins += ", batch_id"
		vals += fmt.Sprintf(", %d", m.batch)
	}
	// A first load into an empty table has nothing to update or to skip:
	// the joins that find changed and new records would cost as much as
	// the insert itself.
	var empty bool
	if err := m.conn.QueryRowContext(m.ctx, fmt.Sprintf(`SELECT NOT EXISTS (SELECT 1 FROM %s)`, target)).Scan(&empty); err != nil {
		return 0, 0, err
	}
	if empty {
		n, err := m.exec(fmt.Sprintf(`INSERT INTO %s (%s) SELECT %s FROM (%s) AS s`, target, ins, vals, from))
		if err != nil {
			return 0, 0, fmt.Errorf("inserimento in %s: %w", target, err)
		}
		return int(n), 0, nil
	}
	if len(cols)+len(fills) > 0 {
		n, err := m.exec(fmt.Sprintf(`UPDATE %s AS t SET %s FROM (%s) AS s WHERE %s AND %s`,
			target, strings.Join(set, ", "), from, strings.Join(on, " AND "), m.changed("t", "s", cols, fills)))
		if err != nil {
			return 0, 0, fmt.Errorf("aggiornamento di %s: %w", target, err)
		}
		updated = int(n)
	}
	n, err := m.exec(fmt.Sprintf(`INSERT INTO %s (%s) SELECT %s FROM (%s) AS s
		WHERE NOT EXISTS (SELECT 1 FROM %s AS t WHERE %s)`,
		target, ins, vals, from, target, strings.Join(on, " AND ")))
	if err != nil {
		return 0, 0, fmt.Errorf("inserimento in %s: %w", target, err)
	}
	return int(n), updated, nil
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
	m.inserted, m.updated, err = m.upsertInto(target, "SELECT * FROM stg", m.spec.keys, m.cols, insert, batch)
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
	if _, err := m.exec(`UPDATE stg SET share = 1.0 / n FROM (SELECT operator_id AS op, start_date AS st, count(*) AS n FROM stg GROUP BY ALL) c
		WHERE stg.operator_id = c.op AND stg.start_date IS NOT DISTINCT FROM c.st AND stg.share IS NULL`); err != nil {
		return fmt.Errorf("completamento delle quote: %w", err)
	}
	col := strings.Join(m.p.Columns["share"], " + ")
	n, err := m.exec(`INSERT INTO rejected_row (batch_id, file, line, col, value, reason)
		SELECT ?, ?, s.line, ?, replace(printf('%.2f', s.share), '.', ','),
		       printf('le quote dell''operatore %s sommano a %s invece che a 1', s.name, replace(printf('%.2f', t.total), '.', ','))
		FROM stg s JOIN (SELECT operator_id, start_date, sum(share) AS total
		                 FROM (SELECT DISTINCT ON (operator_id, istat, start_date) * FROM stg ORDER BY line DESC) GROUP BY ALL) t
		  ON t.operator_id = s.operator_id AND t.start_date IS NOT DISTINCT FROM s.start_date
		WHERE abs(t.total - 1) > 0.005`, m.batch, m.file, col)
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
	if _, err := m.exec(`UPDATE stg SET person = c.person FROM cases c WHERE c.id = stg.id AND stg.person_by_name`); err != nil {
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
	_, err := m.exec(`DELETE FROM stg WHERE line IN (SELECT line FROM rejected_row WHERE batch_id = ?)`, m.batch)
	return err
}

// latestPeriod selects each operator's rows of her latest contract period:
// operator and allocation hold it, for the figures at a reference date.
const latestPeriod = `SELECT * FROM stg QUALIFY dense_rank() OVER (PARTITION BY operator_id ORDER BY start_date DESC NULLS LAST) = 1`

// applyStaff merges a roster. Each operator's rows with one start date
// are a contract period; the roster is the operator's whole history:
// contract_period takes every period, operator and allocation the latest.
// The operator's start is that of her first period.
func applyStaff(m *merger) error {
	opCols := only(m.cols, "name", "role", "weekly_hours", "contract", "start_date", "end_date")
	_, _, err := m.upsertInto("operator", `SELECT operator_id AS id, coalesce(name, operator_id) AS name, role, weekly_hours, contract,
		CASE WHEN bool_or(start_date IS NULL) OVER (PARTITION BY operator_id) THEN NULL
		     ELSE min(start_date) OVER (PARTITION BY operator_id) END AS start_date, end_date
		FROM stg QUALIFY row_number() OVER (PARTITION BY operator_id ORDER BY start_date DESC NULLS LAST, line DESC) = 1`,
		[]string{"id"}, opCols, []string{"id", "name", "role", "weekly_hours", "contract", "start_date", "end_date"}, false)
	if err == nil {
		_, _, err = m.upsertInto("allocation", `SELECT operator_id, istat, share FROM (`+latestPeriod+`)`,
			[]string{"operator_id", "istat"}, []string{"share"}, []string{"operator_id", "istat", "share"}, false)
	}
	if err != nil {
		return err
	}
	// The roster is the whole allocation of the operators it lists: comuni
	// an operator no longer serves are dropped.
	if _, err := m.exec(`DELETE FROM allocation a WHERE a.operator_id IN (SELECT operator_id FROM stg)
		AND NOT EXISTS (SELECT 1 FROM (` + latestPeriod + `) s WHERE s.operator_id = a.operator_id AND s.istat = a.istat)`); err != nil {
		return fmt.Errorf("rimozione delle vecchie assegnazioni ai comuni: %w", err)
	}
	if err := m.replacePeriods(); err != nil {
		return fmt.Errorf("periodi di contratto: %w", err)
	}
	if _, err := m.exec(`INSERT OR REPLACE INTO operator_alias
		SELECT alias, operator_id FROM stg WHERE alias IS NOT NULL QUALIFY row_number() OVER (PARTITION BY alias ORDER BY line DESC) = 1`); err != nil {
		return fmt.Errorf("registrazione delle grafie degli operatori: %w", err)
	}
	return nil
}

// replacePeriods replaces the contract periods of the operators the roster
// lists with its rows. The employer and the social-services flag a roster
// does not carry are kept from the period stored with the same comune and
// start.
func (m *merger) replacePeriods() error {
	keep := func(col string) string {
		if len(only(m.cols, col)) > 0 {
			return "s." + col
		}
		return "o." + col
	}
	steps := []string{
		`CREATE OR REPLACE TEMP TABLE old_period AS SELECT * FROM contract_period WHERE operator_id IN (SELECT operator_id FROM stg)`,
		`DELETE FROM contract_period WHERE operator_id IN (SELECT operator_id FROM stg)`,
		`INSERT INTO contract_period (operator_id, istat, start_date, end_date, weekly_hours, contract, employer, social_services, share)
		SELECT s.operator_id, s.istat, s.start_date, s.end_date, s.weekly_hours, s.contract, ` + keep("employer") + `, ` + keep("social_services") + `, s.share
		FROM stg s LEFT JOIN old_period o ON o.operator_id = s.operator_id AND o.istat = s.istat AND o.start_date IS NOT DISTINCT FROM s.start_date`,
		`DROP TABLE old_period`,
	}
	for _, q := range steps {
		if _, err := m.exec(q); err != nil {
			return err
		}
	}
	return nil
}

func applyPopulation(m *merger) error {
	comuneCols := only(m.cols, "name", "province", "ambito", "patron_month", "patron_day")
	_, _, err := m.upsertInto("comune", `SELECT istat, coalesce(name, istat) AS name, province, ambito, patron_month, patron_day
		FROM stg QUALIFY row_number() OVER (PARTITION BY istat ORDER BY line DESC) = 1`,
		[]string{"istat"}, comuneCols, []string{"istat", "name", "province", "ambito", "patron_month", "patron_day"}, false)
	if err != nil {
		return err
	}
	_, _, err = m.upsertInto("residents", `SELECT istat, year, residents FROM stg`,
		[]string{"istat", "year"}, only(m.cols, "residents"), []string{"istat", "year", "residents"}, false)
	return err
}
