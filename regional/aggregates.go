package regional

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/carico/carico/facts"
	"github.com/carico/carico/model"
)

// The regional aggregates are facts (facts/regional_*.sql), each written
// for DuckDB and, beside it, for ClickHouse 18 (regional_*.clickhouse.sql):
// in DuckDB they call carico's shared rules (store/rules.sql) as macros; in
// ClickHouse, which has no macros, the text spells the same rules out, and
// the cluster test compares the two engines on the same data. They read
// the canonical tables by their schema names; in ClickHouse, the large ones
// (activity, cases, assignment) are Distributed tables over the shards and
// the small ones are full copies on every node.

// Dialect names the SQL an engine speaks: the file suffix of its texts
// (facts.DuckDB, facts.ClickHouse).
type Dialect struct {
	Name string
	SQL  string
}

// The dialects of the regional aggregates.
var (
	DuckDB     = Dialect{Name: "DuckDB", SQL: facts.DuckDB}
	ClickHouse = Dialect{Name: "ClickHouse", SQL: facts.ClickHouse}
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

// Compute runs the aggregates on e.
func Compute(ctx context.Context, e Engine, p Params) (*Aggregates, error) {
	if p.Config == nil {
		p.Config = model.DefaultConfig()
	}
	d := e.Dialect()
	res, err := facts.Regional(ctx, e, d.SQL, facts.RegionalParams{From: p.From, To: p.To, At: p.At, FullTimeHours: p.Config.AWT.FullTimeHours})
	if err != nil {
		return nil, fmt.Errorf("%s, %w", d.Name, err)
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
type SQLEngine struct{ DB facts.Queryer }

func (SQLEngine) Dialect() Dialect { return DuckDB }

func (e SQLEngine) Query(ctx context.Context, q string) ([][]string, error) {
	return facts.TextRows(ctx, e.DB, q)
}
