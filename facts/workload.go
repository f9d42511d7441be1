package facts

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts/internal/rows"
	"github.com/carico/carico/store"
	"golang.org/x/sync/errgroup"
)

// Workload is everything the workload model reads from the database for
// one period and reference date: grouped rows (per operator, month, kind,
// area and complexity), never diario rows, and the small reference tables
// whole.
type Workload struct {
	Operators   []Operator
	Allocations []Allocation
	Comuni      []Comune
	Absences    []carico.Absence
	Reductions  []carico.Reduction
	Open        []OpenCount
	Dormant     []Dormant
	Time        []TimeCell
	CaseYears   []CaseYears
	CaseMinutes []CaseMinutes
	Batches     []Batch
	Rejected    []Rejected
}

// WorkloadQuery says which Workload to read: the period From–To, the
// reference date At, the further days whose open cartelle are counted
// (the months' ends) and the silence, in days, of a dormant cartella.
type WorkloadQuery struct {
	At, From, To time.Time
	Days         []time.Time
	DormantDays  int
}

// Operator is one roster row and whether it is in service at the
// reference date (store/rules.sql, carico_in_service).
type Operator struct {
	carico.Operator
	InService bool
}

// Allocation is an operator's share in a comune.
type Allocation struct {
	Operator string
	ISTAT    string
	Share    float64
}

// Comune is a comune with its residents for the reference year and the
// year they were counted (0 when none is recorded).
type Comune struct {
	carico.Comune
	Residents     int
	ResidentsYear int
}

// OpenCount is the number of cartelle of one cell open at one day.
type OpenCount struct {
	Day        time.Time
	Operator   string // "" = no holder
	ISTAT      string // only at the reference date, else ""
	Area       carico.Area
	Complexity int
	N          int
}

// Dormant is a cartella open at the reference date with no diario entry
// for at least the query's days.
type Dormant struct {
	CaseID     string
	Operator   string
	ISTAT      string
	Area       carico.Area
	Opened     time.Time
	LastDay    time.Time // zero: no entry ever
	SilentDays int
}

// TimeCell is the documented time of one operator (or comune) in one
// month and kind.
type TimeCell struct {
	ByComune bool   // false: Key is an operator id; true: an ISTAT code
	Key      string // "" = none recorded
	Month    string // yyyy-mm
	Kind     carico.Kind
	Minutes  int64
	Entries  int64
	// Estimated are the minutes of Minutes given by a profile's standard
	// duration to contacts recorded without one.
	Estimated int64
}

// CaseYears is the case-years of one holder × area × complexity cell in
// the period.
type CaseYears struct {
	Operator   string
	Area       carico.Area
	Complexity int
	Years      float64
}

// CaseMinutes is the case work recorded in the period by one operator on
// cartelle of one area and complexity.
type CaseMinutes struct {
	Operator   string
	Area       carico.Area
	Complexity int
	Minutes    int64
}

// Batch is one import, for the "Metodo e fonti" part of a report.
type Batch struct {
	ID         int64     `json:"id"`
	File       string    `json:"file"`
	SHA256     string    `json:"sha256"`
	Kind       string    `json:"kind"`
	Profile    string    `json:"profile"`
	ImportedAt time.Time `json:"imported_at"`
	RowsRead   int       `json:"rows_read"`
	Inserted   int       `json:"inserted"`
	Updated    int       `json:"updated"`
	Unchanged  int       `json:"unchanged"`
	Rejected   int       `json:"rejected"`
}

// Rejected is the number of rows of one batch rejected for one reason.
type Rejected struct {
	BatchID int64
	File    string
	Reason  string
	N       int
}

// LoadWorkload reads the Workload of q. The reads are independent of
// each other: they run two at a time, so that one's rows are scanned in
// Go while DuckDB computes the other's.
func LoadWorkload(ctx context.Context, db *store.DB, q WorkloadQuery) (*Workload, error) {
	at, from, to := Day(q.At), Day(q.From), Day(q.To)
	w := &Workload{}
	period := []any{sql.Named("from", from), sql.Named("to", to)}
	kept := derivedKept(ctx, db)
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(2)
	for _, read := range []func() error{
		func() (err error) {
			w.Open, err = openCounts(ctx, db, kept, at, q.Days)
			return err
		},
		func() (err error) {
			w.Time, err = timeSplit(ctx, db, kept, from, to)
			return err
		},
		func() (err error) {
			w.CaseMinutes, err = caseMinutes(ctx, db, kept, from, to)
			return err
		},
		func() (err error) {
			w.Dormant, err = dormant(ctx, db, kept, at, q.DormantDays)
			return err
		},
		func() (err error) {
			w.CaseYears, err = query(ctx, db, "case_years", func(r *sql.Rows, c *CaseYears) error {
				return r.Scan(&c.Operator, &c.Area, &c.Complexity, &c.Years)
			}, period...)
			return err
		},
		func() (err error) {
			if w.Operators, err = query(ctx, db, "operators", scanOperator, sql.Named("at", at)); err != nil {
				return err
			}
			if w.Allocations, err = query(ctx, db, "allocations", func(r *sql.Rows, a *Allocation) error {
				return r.Scan(&a.Operator, &a.ISTAT, &a.Share)
			}); err != nil {
				return err
			}
			if w.Comuni, err = query(ctx, db, "comuni", scanComune, sql.Named("year", at.Year())); err != nil {
				return err
			}
			if w.Absences, err = query(ctx, db, "absences", func(r *sql.Rows, a *carico.Absence) error {
				return r.Scan(&a.OperatorID, &a.Year, &a.LeaveDays, &a.SickDays, &a.OtherDays)
			}); err != nil {
				return err
			}
			if w.Reductions, err = Reductions(ctx, db); err != nil {
				return err
			}
			if w.Batches, err = Batches(ctx, db); err != nil {
				return err
			}
			w.Rejected, err = query(ctx, db, "rejected", func(r *sql.Rows, x *Rejected) error {
				return r.Scan(&x.BatchID, &x.File, &x.Reason, &x.N)
			})
			return err
		},
	} {
		g.Go(read)
	}
	return w, g.Wait()
}

// Reductions is the capacity register, oldest first; an open-ended
// reduction has a zero To.
func Reductions(ctx context.Context, db Queryer) ([]carico.Reduction, error) {
	return query(ctx, db, "reductions", func(r *sql.Rows, x *carico.Reduction) error {
		err := r.Scan(&x.OperatorID, &x.From, &x.To, &x.Percent, &x.HoursPerWeek, &x.Reason, &x.Note)
		x.From = Day(x.From)
		if x.To.Year() == 9999 {
			x.To = time.Time{}
		} else {
			x.To = Day(x.To)
		}
		return err
	})
}

// OpenCounts counts the cartelle open at at and at each of days by holder,
// area and complexity, and by comune at at only; by day, holder, comune,
// area and complexity.
func OpenCounts(ctx context.Context, db *store.DB, at time.Time, days []time.Time) ([]OpenCount, error) {
	return openCounts(ctx, db, derivedKept(ctx, db), at, days)
}

// openCounts is OpenCounts, from the kept open events when kept.
func openCounts(ctx context.Context, db Queryer, kept bool, at time.Time, days []time.Time) ([]OpenCount, error) {
	at = Day(at)
	q := strings.Replace(text("open_counts"), "/*events*/", eventsText(kept), 1)
	found, err := rows.Collect(ctx, db, "open_counts", q, func(r *sql.Rows, c *openRow) error {
		err := r.Scan(&c.change, &c.Day, &c.Operator, &c.ISTAT, &c.Area, &c.Complexity, &c.N)
		c.Day = Day(c.Day)
		return err
	}, sql.Named("days", dateList(append([]time.Time{at}, days...))), sql.Named("at", at))
	if err != nil {
		return nil, err
	}
	var changes, atRows []OpenCount
	for _, r := range found {
		if r.change {
			changes = append(changes, r.OpenCount)
		} else {
			atRows = append(atRows, r.OpenCount)
		}
	}
	slices.SortFunc(atRows, func(a, b OpenCount) int {
		return cmp.Or(strings.Compare(a.Operator, b.Operator), strings.Compare(a.ISTAT, b.ISTAT),
			strings.Compare(string(a.Area), string(b.Area)), cmp.Compare(a.Complexity, b.Complexity), cmp.Compare(a.N, b.N))
	})
	refs := append([]time.Time{at}, days...)
	for i := range refs {
		refs[i] = Day(refs[i])
	}
	slices.SortFunc(refs, func(a, b time.Time) int { return a.Compare(b) })
	return stocks(changes, slices.Compact(refs), at, atRows), nil
}

// openRow is a row of open_counts.sql: a change of a cell's stock on a
// day, or (change false) a count by comune at the reference date.
type openRow struct {
	change bool
	OpenCount
}

// openCell is a cell of the open counts: holder, area and complexity.
type openCell struct {
	op         string
	area       carico.Area
	complexity int
}

// stocks is the stock of each cell at each of the sorted days refs, the
// sum of its changes up to the day; at at, the counts by comune atRows
// replace the cells'.
func stocks(changes []OpenCount, refs []time.Time, at time.Time, atRows []OpenCount) []OpenCount {
	index := map[openCell]int{}
	var cells []openCell
	byDay := map[time.Time][]OpenCount{}
	for _, r := range changes {
		k := openCell{r.Operator, r.Area, r.Complexity}
		if _, ok := index[k]; !ok {
			index[k] = len(cells)
			cells = append(cells, k)
		}
		byDay[r.Day] = append(byDay[r.Day], r)
	}
	slices.SortFunc(cells, func(a, b openCell) int {
		return cmp.Or(strings.Compare(a.op, b.op), strings.Compare(string(a.area), string(b.area)), cmp.Compare(a.complexity, b.complexity))
	})
	for i, c := range cells {
		index[c] = i
	}
	stock := make([]int, len(cells))
	out := make([]OpenCount, 0, len(atRows)+(len(refs)-1)*len(cells))
	for _, d := range refs {
		for _, r := range byDay[d] {
			stock[index[openCell{r.Operator, r.Area, r.Complexity}]] += r.N
		}
		if d.Equal(at) {
			out = append(out, atRows...)
			continue
		}
		for i, c := range cells {
			if stock[i] > 0 {
				out = append(out, OpenCount{Day: d, Operator: c.op, Area: c.area, Complexity: c.complexity, N: stock[i]})
			}
		}
	}
	return out
}

// Batches lists the import batches, oldest first.
func Batches(ctx context.Context, db *store.DB) ([]Batch, error) {
	b, err := query(ctx, db, "batches", func(r *sql.Rows, b *Batch) error {
		return r.Scan(&b.ID, &b.File, &b.SHA256, &b.Kind, &b.Profile, &b.ImportedAt, &b.RowsRead, &b.Inserted, &b.Updated, &b.Unchanged, &b.Rejected)
	})
	if b == nil && err == nil {
		b = []Batch{}
	}
	return b, err
}

func scanOperator(r *sql.Rows, o *Operator) error {
	var start, end sql.NullTime
	err := r.Scan(&o.ID, &o.Name, &o.Role, &o.WeeklyHours, &o.Contract, &start, &end, &o.InService)
	o.Start, o.End = start.Time, end.Time
	return err
}

func scanComune(r *sql.Rows, c *Comune) error {
	var month int
	err := r.Scan(&c.ISTAT, &c.Name, &c.Province, &c.Ambito, &month, &c.PatronDay, &c.Residents, &c.ResidentsYear)
	c.PatronMonth = time.Month(month)
	return err
}

func scanDormant(r *sql.Rows, d *Dormant) error {
	var last sql.NullTime
	err := r.Scan(&d.CaseID, &d.Operator, &d.ISTAT, &d.Area, &d.Opened, &last, &d.SilentDays)
	d.Opened = Day(d.Opened)
	if last.Valid {
		d.LastDay = Day(last.Time)
	}
	return err
}

func scanTimeCell(r *sql.Rows, c *TimeCell) error {
	var byOperator bool
	err := r.Scan(&byOperator, &c.Key, &c.Month, &c.Kind, &c.Minutes, &c.Entries, &c.Estimated)
	c.ByComune = !byOperator
	return err
}
