package facts

import (
	"cmp"
	"context"
	"database/sql"
	"iter"
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
	Open        []OpenCount // at the reference date, by comune too
	Series      OpenSeries  // at the query's further days
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

// OpenSeries is the open cartelle of each holder × area × complexity
// cell at each of a list of days: N[d][c] on Days[d] in Cells[c]. It
// carries what the monthly and weekly series need in a table rather than
// one OpenCount per day and cell (hundreds of thousands of them on a
// large Ambito).
type OpenSeries struct {
	Days  []time.Time // ascending
	Cells []OpenCell  // by holder, area and complexity
	N     [][]int
}

// OpenCell is a cell of the open counts: holder ("" = none), area and
// complexity.
type OpenCell struct {
	Operator   string
	Area       carico.Area
	Complexity int
}

// All yields the series as open counts, day by day and each day's cells
// in order, leaving out the empty ones.
func (s OpenSeries) All() iter.Seq[OpenCount] {
	return func(yield func(OpenCount) bool) {
		for d, day := range s.Days {
			for c, n := range s.N[d] {
				if n <= 0 {
					continue
				}
				cell := s.Cells[c]
				if !yield(OpenCount{Day: day, Operator: cell.Operator, Area: cell.Area, Complexity: cell.Complexity, N: n}) {
					return
				}
			}
		}
	}
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
// Go while DuckDB computes the other's, the longest first.
func LoadWorkload(ctx context.Context, db *store.DB, q WorkloadQuery) (*Workload, error) {
	at, from, to := Day(q.At), Day(q.From), Day(q.To)
	w := &Workload{}
	kept := derivedKept(ctx, db)
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(2)
	for _, read := range []func() error{
		func() (err error) {
			w.Open, w.Series, err = openCounts(ctx, db, kept, at, q.Days)
			return err
		},
		func() (err error) {
			w.Dormant, err = dormant(ctx, db, kept, at, q.DormantDays)
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
			w.CaseYears, err = caseYears(ctx, db, kept, from, to)
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

// openCounts is the open counts at at, by comune too, and the series of
// the other days, from the kept open events when kept.
func openCounts(ctx context.Context, db Queryer, kept bool, at time.Time, days []time.Time) ([]OpenCount, OpenSeries, error) {
	at = Day(at)
	refs := []time.Time{at}
	for _, d := range days {
		refs = append(refs, Day(d))
	}
	slices.SortFunc(refs, func(a, b time.Time) int { return a.Compare(b) })
	refs = slices.Compact(refs)
	// The place of each reference day in refs, by its distance in days
	// from the first (a slice: looked up once per row).
	dayIndex := make([]int32, int(refs[len(refs)-1].Sub(refs[0])/(24*time.Hour))+1)
	for i, d := range refs {
		dayIndex[d.Sub(refs[0])/(24*time.Hour)] = int32(i)
	}
	var atBlocks blocks[OpenCount]
	var changeBlocks blocks[openChange]
	var cells []OpenCell // by number
	err := rows.Each(ctx, db, "open_counts", openCountsText(kept), func(r rows.Row) error {
		switch r.Int(0) {
		case 0:
			no := int(r.Int(2))
			if no >= len(cells) {
				cells = slices.Grow(cells, no+1-len(cells))[:no+1]
			}
			cells[no] = OpenCell{r.String(3), carico.Area(r.String(5)), int(r.Int(6))}
		case 1:
			*changeBlocks.next() = openChange{day: dayIndex[r.Day(1).Sub(refs[0])/(24*time.Hour)], cell: int32(r.Int(2)), n: int32(r.Int(7))}
		default:
			*atBlocks.next() = OpenCount{Day: at, Operator: r.String(3), ISTAT: r.String(4),
				Area: carico.Area(r.String(5)), Complexity: int(r.Int(6)), N: int(r.Int(7))}
		}
		return nil
	}, sql.Named("days", dateList(refs)), sql.Named("at", at))
	if err != nil {
		return nil, OpenSeries{}, err
	}
	atRows := atBlocks.all()
	slices.SortFunc(atRows, compareAt)
	return atRows, stocks(changeBlocks.all(), cells, refs, at), nil
}

// compareCells orders cells by holder, area and complexity.
func compareCells(a, b OpenCell) int {
	if c := strings.Compare(a.Operator, b.Operator); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.Area), string(b.Area)); c != 0 {
		return c
	}
	return cmp.Compare(a.Complexity, b.Complexity)
}

// compareAt orders the counts of one day by holder, comune, area and
// complexity. (Each comparison is made only when the ones before it tie:
// cmp.Or would make them all, and this sorts tens of thousands of rows.)
func compareAt(a, b OpenCount) int {
	if c := strings.Compare(a.Operator, b.Operator); c != 0 {
		return c
	}
	if c := strings.Compare(a.ISTAT, b.ISTAT); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.Area), string(b.Area)); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Complexity, b.Complexity); c != 0 {
		return c
	}
	return cmp.Compare(a.N, b.N)
}

// openChange is what cell gains or loses up to refs[day] since the
// reference day before.
type openChange struct{ day, cell, n int32 }

// stocks is the series of the sorted days refs other than at: the stock
// of each of cells (by number) at each day, the sum of its changes up to
// the day.
func stocks(changes []openChange, cells []OpenCell, refs []time.Time, at time.Time) OpenSeries {
	// The numbers follow the holder, area and complexity as DuckDB orders
	// them; the series takes Go's order of the same (they agree, but the
	// model's sums must not depend on a collation).
	byOrder := make([]int, len(cells)) // the cells' numbers in Go's order
	for i := range byOrder {
		byOrder[i] = i
	}
	slices.SortFunc(byOrder, func(a, b int) int { return compareCells(cells[a], cells[b]) })
	s := OpenSeries{Cells: make([]OpenCell, len(cells))}
	order := make([]int, len(cells)) // a cell's number → its place in s.Cells
	for i, no := range byOrder {
		s.Cells[i], order[no] = cells[no], i
	}
	byDay := make([][]openChange, len(refs)) // the changes of each reference day
	for _, c := range changes {
		byDay[c.day] = append(byDay[c.day], c)
	}
	stock := make([]int, len(s.Cells))
	for d, day := range refs {
		for _, c := range byDay[d] {
			stock[order[c.cell]] += int(c.n)
		}
		if !day.Equal(at) {
			s.Days = append(s.Days, day)
			s.N = append(s.N, slices.Clone(stock))
		}
	}
	return s
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

func readDormant(r rows.Row, d *Dormant) {
	*d = Dormant{CaseID: r.String(0), Operator: r.String(1), ISTAT: r.String(2), Area: carico.Area(r.String(3)),
		Opened: r.Day(4), LastDay: r.Day(5), SilentDays: int(r.Int(6))}
}

func readTimeCell(r rows.Row, c *TimeCell) {
	*c = TimeCell{ByComune: !r.Bool(0), Key: r.String(1), Month: r.String(2), Kind: carico.Kind(r.String(3)),
		Minutes: r.Int(4), Entries: r.Int(5), Estimated: r.Int(6)}
}
