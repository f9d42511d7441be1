package model

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/carico/carico"
)

// Reference data is small (operators, comuni, allocations, absences,
// batches) and is read whole.

type comuneRow struct {
	carico.Comune
	residents     int
	residentsYear int
}

type reference struct {
	operators []carico.Operator
	// inService says who is in service at the reference date
	// (store/rules.sql, carico_in_service).
	inService   map[string]bool
	allocations map[string][]Allocation // by operator, largest share first
	comuni      []comuneRow
	absences    map[string]map[int]*carico.Absence // operator → year
}

func loadReference(ctx context.Context, db *sql.DB, at time.Time) (*reference, error) {
	year := at.Year()
	ref := &reference{inService: map[string]bool{}, allocations: map[string][]Allocation{}, absences: map[string]map[int]*carico.Absence{}}
	rows, err := db.QueryContext(ctx, `SELECT id, name, role, weekly_hours, contract, start_date, end_date,
	carico_in_service(start_date, end_date, ?::DATE) FROM operator ORDER BY id`, at)
	if err != nil {
		return nil, fmt.Errorf("operators: %w", err)
	}
	for rows.Next() {
		var o carico.Operator
		var start, end sql.NullTime
		var in bool
		if err := rows.Scan(&o.ID, &o.Name, &o.Role, &o.WeeklyHours, &o.Contract, &start, &end, &in); err != nil {
			rows.Close()
			return nil, fmt.Errorf("operators: %w", err)
		}
		o.Start, o.End = start.Time, end.Time
		ref.operators = append(ref.operators, o)
		ref.inService[o.ID] = in
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("operators: %w", err)
	}

	rows, err = db.QueryContext(ctx, `SELECT operator_id, istat, share FROM allocation ORDER BY operator_id, share DESC, istat`)
	if err != nil {
		return nil, fmt.Errorf("allocations: %w", err)
	}
	for rows.Next() {
		var id string
		var a Allocation
		if err := rows.Scan(&id, &a.ISTAT, &a.Share); err != nil {
			rows.Close()
			return nil, fmt.Errorf("allocations: %w", err)
		}
		ref.allocations[id] = append(ref.allocations[id], a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("allocations: %w", err)
	}

	// Residents of the reference year (store/rules.sql, carico_residents).
	rows, err = db.QueryContext(ctx, `
SELECT c.istat, c.name, coalesce(c.province, ''), coalesce(c.ambito, ''), coalesce(c.patron_month, 0), coalesce(c.patron_day, 0),
	coalesce(r.residents, 0), coalesce(r.year, 0)
FROM comune c LEFT JOIN carico_residents($1) r ON r.istat = c.istat
ORDER BY c.istat`, year)
	if err != nil {
		return nil, fmt.Errorf("comuni: %w", err)
	}
	for rows.Next() {
		var c comuneRow
		var month int
		if err := rows.Scan(&c.ISTAT, &c.Name, &c.Province, &c.Ambito, &month, &c.PatronDay, &c.residents, &c.residentsYear); err != nil {
			rows.Close()
			return nil, fmt.Errorf("comuni: %w", err)
		}
		c.PatronMonth = time.Month(month)
		ref.comuni = append(ref.comuni, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("comuni: %w", err)
	}

	rows, err = db.QueryContext(ctx, `SELECT operator_id, year, leave_days, sick_days, other_days FROM absence`)
	if err != nil {
		return nil, fmt.Errorf("absences: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a carico.Absence
		if err := rows.Scan(&a.OperatorID, &a.Year, &a.LeaveDays, &a.SickDays, &a.OtherDays); err != nil {
			return nil, fmt.Errorf("absences: %w", err)
		}
		if ref.absences[a.OperatorID] == nil {
			ref.absences[a.OperatorID] = map[int]*carico.Absence{}
		}
		ref.absences[a.OperatorID][a.Year] = &a
	}
	return ref, rows.Err()
}

// patron is the patron-saint day of the comune of istat: the configured
// override first, then the comune table.
func (ref *reference) patron(istat string, cfg AWTConfig) (time.Month, int) {
	if s, ok := cfg.Patron[istat]; ok {
		m, d, err := parseDayMonth(s)
		if err == nil {
			return m, d
		}
	}
	for _, c := range ref.comuni {
		if c.ISTAT == istat {
			return c.PatronMonth, c.PatronDay
		}
	}
	return 0, 0
}

func queryBatches(ctx context.Context, db *sql.DB) ([]Batch, []RejectedRows, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, file, sha256, kind, coalesce(profile, ''), coalesce(finished_at, started_at),
	rows_read, inserted, updated, unchanged, rejected FROM import_batch ORDER BY id`)
	if err != nil {
		return nil, nil, fmt.Errorf("import batches: %w", err)
	}
	batches := []Batch{}
	for rows.Next() {
		var b Batch
		if err := rows.Scan(&b.ID, &b.File, &b.SHA256, &b.Kind, &b.Profile, &b.ImportedAt, &b.RowsRead, &b.Inserted, &b.Updated, &b.Unchanged, &b.Rejected); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("import batches: %w", err)
		}
		batches = append(batches, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("import batches: %w", err)
	}

	rows, err = db.QueryContext(ctx, `SELECT batch_id, any_value(file), reason, count(*) FROM rejected_row GROUP BY batch_id, reason ORDER BY batch_id, reason`)
	if err != nil {
		return nil, nil, fmt.Errorf("rejected rows: %w", err)
	}
	defer rows.Close()
	rejected := []RejectedRows{}
	for rows.Next() {
		var id int64
		var file, reason string
		var n int
		if err := rows.Scan(&id, &file, &reason, &n); err != nil {
			return nil, nil, fmt.Errorf("rejected rows: %w", err)
		}
		if len(rejected) == 0 || rejected[len(rejected)-1].BatchID != id {
			rejected = append(rejected, RejectedRows{BatchID: id, File: file, Reasons: map[string]int{}})
		}
		rejected[len(rejected)-1].Reasons[reason] += n
	}
	countRejectedLines(batches, rejected)
	return batches, rejected, rows.Err()
}

// countRejectedLines sets each batch's count of rejected rows from the
// batch itself, which counts lines: a line with two bad cells is one
// rejected row, listed under both reasons.
func countRejectedLines(batches []Batch, rejected []RejectedRows) {
	lines := make(map[int64]int, len(batches))
	for _, b := range batches {
		lines[b.ID] = b.Rejected
	}
	for i := range rejected {
		rejected[i].Rejected = lines[rejected[i].BatchID]
	}
}
