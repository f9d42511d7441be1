package regional

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/carico/carico/model"
)

// The regional aggregates are written once, below, in the SQL that DuckDB
// and ClickHouse 18 both accept: CAST('yyyy-mm-dd' AS DATE), coalesce,
// argMax, CASE, JOIN … ON with equalities, one JOIN per SELECT, GROUP BY
// on aliases, no window functions. What differs between the engines is
// behind Dialect, and so are carico's shared rules (store/rules.sql): in
// DuckDB the aggregates call the rules' macros themselves, in ClickHouse,
// which has no macros, the dialect spells the same rules out, and the
// cluster test compares the two. They read
// the canonical tables by their schema names; in ClickHouse, the large ones
// (activity, cases, assignment) are Distributed tables over the shards and
// the small ones are full copies on every node.

// Dialect is what the engines spell differently.
type Dialect struct {
	Name        string
	Year, Month string // functions of a date
	Int64       string // the 64-bit integer type
	// Ambito is the expression of the Ambito's code in the large tables:
	// ClickHouse keeps it as a column, a carico database is one Ambito.
	Ambito string
	// OpenOn and InService are the rules carico_open_on and
	// carico_in_service; Residents(y) is a subquery of (r_istat,
	// k_residents) with the rule carico_residents.
	OpenOn    func(opened, closed, d string) string
	InService func(start, end, d string) string
	Residents func(y string) string
}

var (
	DuckDB = Dialect{Name: "DuckDB", Year: "year", Month: "month", Int64: "BIGINT", Ambito: "''",
		OpenOn: func(opened, closed, d string) string {
			return "carico_open_on(" + opened + ", " + closed + ", " + d + ")"
		},
		InService: func(start, end, d string) string {
			return "carico_in_service(" + start + ", " + end + ", " + d + ")"
		},
		Residents: func(y string) string {
			return "SELECT istat AS r_istat, residents AS k_residents FROM carico_residents(" + y + ")"
		},
	}
	ClickHouse = Dialect{Name: "ClickHouse", Year: "toYear", Month: "toMonth", Int64: "Int64", Ambito: "ambito",
		OpenOn: func(opened, closed, d string) string {
			return "(" + opened + " <= " + d + " AND (" + closed + " IS NULL OR " + closed + " > " + d + "))"
		},
		InService: func(start, end, d string) string {
			return "((" + start + " IS NULL OR " + start + " <= " + d + ") AND (" + end + " IS NULL OR " + end + " >= " + d + "))"
		},
		Residents: func(y string) string {
			return "SELECT istat AS r_istat, argMax(residents, CASE WHEN year <= " + y + " THEN 10000 ELSE 0 END - abs(year - " + y + ")) AS k_residents FROM residents GROUP BY r_istat"
		},
	}
)

// Engine runs a query and returns its rows as text, NULL as "".
type Engine interface {
	Dialect() Dialect
	Query(ctx context.Context, q string) ([][]string, error)
}

// Params are the period of the flows and time split, the reference date
// of open cartelle and staffing, and the model's configuration (full-time
// hours, LEPS levels).
type Params struct {
	From, To, At time.Time
	Config       *model.Config
}

// Aggregates are the regional figures.
type Aggregates struct {
	TimeSplit []TimeCell  `json:"time_split"`
	OpenCases []OpenCell  `json:"open_cases"`
	Staffing  []Staffing  `json:"staffing"`
	Flows     []MonthFlow `json:"flows"`
}

// TimeCell is the documented time of one operator in one month and kind.
type TimeCell struct {
	Ambito, Operator string
	Month            int // yyyymm
	Kind             string
	Minutes, Entries int64
}

// OpenCell counts the cartelle of one comune and area open at the date.
type OpenCell struct {
	ISTAT, Area string
	N           int64
}

// Staffing is the LEPS position of a comune, or of an Ambito (ISTAT ""):
// residents at 1 January of the reference year (else the nearest earlier
// count, else the nearest later), social-worker FTE in service at the date
// through allocation shares, and the model's LEPS result on them.
type Staffing struct {
	Ambito, ISTAT   string
	Residents       int
	SocialWorkerFTE float64
	PermanentFTE    float64
	LEPS            model.LEPSResult
}

// MonthFlow is the cartelle opened and closed in one month of the period.
type MonthFlow struct {
	Month          int // yyyymm
	Opened, Closed int64
}

func date(t time.Time) string { return "CAST('" + t.Format(time.DateOnly) + "' AS DATE)" }

// queries are the four aggregates in the dialect d.
func queries(d Dialect, p Params) map[string]string {
	month := func(x string) string { return fmt.Sprintf("(%s(%s) * 100 + %s(%s))", d.Year, x, d.Month, x) }
	from, to, at := date(p.From), date(p.To), date(p.At)
	y := strconv.Itoa(p.At.Year())
	return map[string]string{
		"time": `SELECT ` + d.Ambito + ` AS k_ambito, operator_id AS k_operator, ` + month("day") + ` AS k_month, kind AS k_kind,
	CAST(sum(minutes) AS ` + d.Int64 + `) AS k_minutes, CAST(count(*) AS ` + d.Int64 + `) AS k_entries
FROM activity WHERE day >= ` + from + ` AND day <= ` + to + `
GROUP BY k_ambito, k_operator, k_month, k_kind`,
		"open": `SELECT coalesce(istat, '') AS k_istat, coalesce(area, '') AS k_area, CAST(count(*) AS ` + d.Int64 + `) AS k_n
FROM cases WHERE ` + d.OpenOn("opened", "closed", at) + `
GROUP BY k_istat, k_area`,
		// One JOIN per SELECT: ClickHouse 18 joins two tables at a time.
		"staffing": `SELECT k_istat, k_ambito, k_res, coalesce(k_fte, 0) AS k_fte, coalesce(k_perm, 0) AS k_perm
FROM (
	SELECT c.istat AS k_istat, coalesce(c.ambito, '') AS k_ambito, coalesce(r.k_residents, 0) AS k_res
	FROM comune c
	LEFT JOIN (` + d.Residents(y) + `) r ON r.r_istat = c.istat
) cr
LEFT JOIN (
	SELECT a.istat AS s_istat, sum(o.weekly_hours / ` + fmt.Sprint(p.Config.AWT.FullTimeHours) + ` * a.share) AS k_fte,
		sum(CASE WHEN o.contract = 'indeterminato' THEN o.weekly_hours / ` + fmt.Sprint(p.Config.AWT.FullTimeHours) + ` * a.share ELSE 0 END) AS k_perm
	FROM allocation a JOIN operator o ON o.id = a.operator_id
	WHERE o.role = 'assistente_sociale' AND ` + d.InService("o.start_date", "o.end_date", at) + `
	GROUP BY s_istat
) s ON s.s_istat = cr.k_istat`,
		"opened": `SELECT ` + month("opened") + ` AS k_month, CAST(count(*) AS ` + d.Int64 + `) AS k_n
FROM cases WHERE opened >= ` + from + ` AND opened <= ` + to + ` GROUP BY k_month`,
		"closed": `SELECT ` + month("closed") + ` AS k_month, CAST(count(*) AS ` + d.Int64 + `) AS k_n
FROM cases WHERE closed >= ` + from + ` AND closed <= ` + to + ` GROUP BY k_month`,
	}
}

// Compute runs the aggregates on e.
func Compute(ctx context.Context, e Engine, p Params) (*Aggregates, error) {
	if p.Config == nil {
		p.Config = model.DefaultConfig()
	}
	qs := queries(e.Dialect(), p)
	res := map[string][][]string{}
	for _, name := range []string{"time", "open", "staffing", "opened", "closed"} {
		rows, err := e.Query(ctx, qs[name])
		if err != nil {
			return nil, fmt.Errorf("%s, aggregato %s: %w", e.Dialect().Name, name, err)
		}
		res[name] = rows
	}
	a := &Aggregates{}
	for _, r := range res["time"] {
		a.TimeSplit = append(a.TimeSplit, TimeCell{Ambito: r[0], Operator: r[1], Month: atoi(r[2]), Kind: r[3], Minutes: int64(atoi(r[4])), Entries: int64(atoi(r[5]))})
	}
	sort.Slice(a.TimeSplit, func(i, j int) bool {
		x, y := a.TimeSplit[i], a.TimeSplit[j]
		return fmt.Sprint(x.Ambito, x.Operator, x.Month, x.Kind) < fmt.Sprint(y.Ambito, y.Operator, y.Month, y.Kind)
	})
	for _, r := range res["open"] {
		a.OpenCases = append(a.OpenCases, OpenCell{ISTAT: r[0], Area: r[1], N: int64(atoi(r[2]))})
	}
	sort.Slice(a.OpenCases, func(i, j int) bool {
		return a.OpenCases[i].ISTAT+"|"+a.OpenCases[i].Area < a.OpenCases[j].ISTAT+"|"+a.OpenCases[j].Area
	})
	a.Staffing = staffing(res["staffing"], p.Config.LEPS)
	flows := map[int]*MonthFlow{}
	for name, rows := range map[string][][]string{"opened": res["opened"], "closed": res["closed"]} {
		for _, r := range rows {
			m := atoi(r[0])
			if flows[m] == nil {
				flows[m] = &MonthFlow{Month: m}
			}
			if name == "opened" {
				flows[m].Opened = int64(atoi(r[1]))
			} else {
				flows[m].Closed = int64(atoi(r[1]))
			}
		}
	}
	for _, f := range flows {
		a.Flows = append(a.Flows, *f)
	}
	sort.Slice(a.Flows, func(i, j int) bool { return a.Flows[i].Month < a.Flows[j].Month })
	return a, nil
}

// staffing adds the Ambiti's rows to the comuni's and applies the model's
// LEPS rule to each.
func staffing(rows [][]string, cfg model.LEPSConfig) []Staffing {
	var out []Staffing
	ambiti := map[string]*Staffing{}
	for _, r := range rows {
		s := Staffing{ISTAT: r[0], Ambito: r[1], Residents: atoi(r[2]), SocialWorkerFTE: atof(r[3]), PermanentFTE: atof(r[4])}
		out = append(out, s)
		if ambiti[s.Ambito] == nil {
			ambiti[s.Ambito] = &Staffing{Ambito: s.Ambito}
		}
		t := ambiti[s.Ambito]
		t.Residents += s.Residents
		t.SocialWorkerFTE += s.SocialWorkerFTE
		t.PermanentFTE += s.PermanentFTE
	}
	for _, t := range ambiti {
		out = append(out, *t)
	}
	for i := range out {
		out[i].LEPS = model.LEPS(out[i].Residents, out[i].PermanentFTE, cfg)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Ambito+"|"+out[i].ISTAT < out[j].Ambito+"|"+out[j].ISTAT })
	return out
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

func atof(s string) float64 {
	f, _ := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return f
}

// SQLEngine runs the aggregates on a carico database (DuckDB).
type SQLEngine struct{ DB *sql.DB }

func (SQLEngine) Dialect() Dialect { return DuckDB }

func (e SQLEngine) Query(ctx context.Context, q string) ([][]string, error) {
	rows, err := e.DB.QueryContext(ctx, q)
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
