package facts

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The regional aggregates run on DuckDB (a carico database) and on a
// ClickHouse cluster, each in its own SQL: regional_X.sql and, beside it,
// regional_X.clickhouse.sql. ClickHouse 18 binds no parameters, so the
// texts name theirs ($from, $to, $at, $year, $full_time) and
// RegionalText writes the values in, for both engines alike.

// RegionalFacts are the regional aggregates, in the order they run.
var RegionalFacts = []string{"time", "open", "staffing", "opened", "closed"}

// Dialects of the regional texts.
const (
	DuckDB     = ""
	ClickHouse = "clickhouse"
)

// RegionalParams are the period of the time split and flows, the
// reference date of open cartelle and staffing, and the full-time week
// FTE are counted on.
type RegionalParams struct {
	From, To, At  time.Time
	FullTimeHours float64
}

// RegionalText is the SQL of aggregate name in dialect, with p's values.
func RegionalText(name, dialect string, p RegionalParams) string {
	file := "regional_" + name
	if dialect != DuckDB {
		file += "." + dialect
	}
	date := func(t time.Time) string { return "CAST('" + Day(t).Format(time.DateOnly) + "' AS DATE)" }
	return strings.NewReplacer(
		"$full_time", strconv.FormatFloat(p.FullTimeHours, 'g', -1, 64),
		"$from", date(p.From), "$to", date(p.To), "$at", date(p.At),
		"$year", strconv.Itoa(p.At.Year()),
	).Replace(text(file))
}

// TextEngine runs a query text and returns its rows as text, NULL as "".
type TextEngine interface {
	Query(ctx context.Context, q string) ([][]string, error)
}

// Regional runs every regional aggregate on e in dialect and returns the
// rows of each, by name.
func Regional(ctx context.Context, e TextEngine, dialect string, p RegionalParams) (map[string][][]string, error) {
	out := map[string][][]string{}
	for _, name := range RegionalFacts {
		rows, err := e.Query(ctx, RegionalText(name, dialect, p))
		if err != nil {
			return nil, fmt.Errorf("aggregato %s: %w", name, err)
		}
		out[name] = rows
	}
	return out, nil
}

// TextRows runs q on db and returns its rows as text, NULL as "": the
// DuckDB side of a TextEngine.
func TextRows(ctx context.Context, db Queryer, q string) ([][]string, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// ComuneAmbiti is the Ambito of each comune, by ISTAT code.
func ComuneAmbiti(ctx context.Context, db Queryer) (map[string]string, error) {
	pairs, err := query(ctx, db, "comune_ambiti", func(r *sql.Rows, p *[2]string) error { return r.Scan(&p[0], &p[1]) })
	out := map[string]string{}
	for _, p := range pairs {
		out[p[0]] = p[1]
	}
	return out, err
}
