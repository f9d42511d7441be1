// Package facts is the one place carico reads its canonical tables
// (activity, cases, assignments, operators, comuni, residents, import
// batches, rejected rows). Every read is a named .sql file embedded here,
// behind a typed function that returns plain structs; the computing and
// presenting packages (model, analytics, planning, weights, allocate,
// reports, evidence, web, regional) take those structs and never see a
// database handle.
//
// The queries count with the shared rules of store/rules.sql (an open
// cartella, its holder, an operator in service, the residents of a year):
// a rule is defined there once, and a fact names it rather than restating
// it. Parameters are named ($from, $to, $at, …), one style for every
// file, bound with sql.Named.
package facts

import (
	"context"
	"database/sql"
	"embed"
	"slices"
	"strings"
	"time"

	"github.com/carico/carico/facts/internal/rows"
	"github.com/carico/carico/store"
)

//go:embed *.sql
var files embed.FS

// text returns the SQL of the named fact (its file without .sql); a
// missing file is a programming error, caught by TestEverySQLFileParses.
func text(name string) string {
	b, err := files.ReadFile(name + ".sql")
	if err != nil {
		panic("facts: " + err.Error())
	}
	return string(b)
}

// Queryer is what a fact is read from: the store, its *sql.DB, or one
// connection of it. The packages that compute pass it through without
// calling it (facts/lint_test.go).
type Queryer = rows.Queryer

var _ Queryer = (*store.DB)(nil)

// query runs the named fact and scans each row with scan.
func query[T any](ctx context.Context, db Queryer, name string, scan func(*sql.Rows, *T) error, args ...any) ([]T, error) {
	return rows.Collect(ctx, db, name, text(name), scan, args...)
}

// each runs the fact q (named name) and reads each row with read: query
// for the facts with many rows, which rows.Each reads as Arrow batches.
func each[T any](ctx context.Context, db Queryer, name, q string, read func(rows.Row, *T), args ...any) ([]T, error) {
	var b blocks[T]
	err := rows.Each(ctx, db, name, q, func(r rows.Row) error {
		read(r, b.next())
		return nil
	}, args...)
	if err != nil {
		return nil, err
	}
	return b.all(), nil
}

// blocks gathers the rows of a fact in blocks and copies them once into
// one slice at the end, instead of a slice growing (and being copied) as
// they come: a fact can have a hundred thousand rows.
type blocks[T any] struct {
	full [][]T
	cur  []T
}

const blockRows = 4096

// next is the place of one more row, zero.
func (b *blocks[T]) next() *T {
	if len(b.cur) == cap(b.cur) {
		if b.cur != nil {
			b.full = append(b.full, b.cur)
		}
		b.cur = make([]T, 0, blockRows)
	}
	b.cur = b.cur[:len(b.cur)+1]
	return &b.cur[len(b.cur)-1]
}

// all is the rows gathered, nil when none.
func (b *blocks[T]) all() []T {
	if len(b.full) == 0 && len(b.cur) == 0 {
		return nil
	}
	return slices.Concat(append(b.full, b.cur)...)
}

// Day truncates t to its calendar day in UTC, the form every date of a
// fact takes.
func Day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// dateList is days as a comma-separated list of ISO dates, the form the
// facts that take several reference days read ($n split into DATE[]).
func dateList(days []time.Time) string {
	seen := map[time.Time]bool{}
	var out []string
	for _, d := range days {
		d = Day(d)
		if !seen[d] {
			seen[d] = true
			out = append(out, d.Format(time.DateOnly))
		}
	}
	return strings.Join(out, ",")
}
