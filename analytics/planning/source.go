package planning

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/model"
)

// This file is the only one that reads the store: it turns tables into the
// plain slices the algorithms take.

// Measure is what a forecast series counts.
type Measure string

// The forecast measures.
const (
	NewCases  Measure = "new"  // cartelle opened in the month
	OpenCases Measure = "open" // cartelle open on the month's last day
)

// DataWindow is the period the store covers: the diario's first and last
// day, or the cartelle's when there is no diario.
func DataWindow(ctx context.Context, db *sql.DB) (from, to time.Time, err error) {
	var f, t sql.NullTime
	err = db.QueryRowContext(ctx, `
		SELECT coalesce((SELECT min(day) FROM activity), (SELECT min(opened) FROM cases)),
		       coalesce((SELECT max(day) FROM activity), (SELECT greatest(max(opened), max(closed)) FROM cases))`).Scan(&f, &t)
	if err != nil {
		return from, to, fmt.Errorf("read data window: %w", err)
	}
	if !f.Valid || !t.Valid {
		return from, to, fmt.Errorf("nessun dato nel database: importare prima cartelle e diario")
	}
	return f.Time.UTC(), t.Time.UTC(), nil
}

// CompleteMonths returns the first and last month of the window that are
// covered in full: a month whose data end in its last week counts as
// complete (the last working day may fall before the 31st).
func CompleteMonths(from, to time.Time) (first, last time.Time) {
	first = time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
	if from.Day() > 7 {
		first = first.AddDate(0, 1, 0)
	}
	last = time.Date(to.Year(), to.Month(), 1, 0, 0, 0, 0, time.UTC)
	if end := last.AddDate(0, 1, -1); end.Sub(to) >= 7*24*time.Hour {
		last = last.AddDate(0, -1, 0)
	}
	return first, last
}

// MonthlySeries reads the monthly series of measure for the Ambito (named
// "ambito") and for each area di utenza present, months first…last
// (first days of months). Cases without an area count in the Ambito only.
func MonthlySeries(ctx context.Context, db *sql.DB, measure Measure, first, last time.Time) ([]Series, error) {
	var q string
	switch measure {
	case NewCases:
		q = `
		WITH months AS (SELECT CAST(m AS DATE) AS m FROM generate_series(CAST(? AS DATE), CAST(? AS DATE), INTERVAL 1 MONTH) t(m))
		SELECT months.m, c.area, grouping(c.area) = 1, count(c.id)
		FROM months LEFT JOIN cases c ON date_trunc('month', c.opened) = months.m
		GROUP BY GROUPING SETS ((months.m), (months.m, c.area))
		ORDER BY 1`
	case OpenCases:
		q = `
		WITH months AS (SELECT CAST(m AS DATE) AS m, CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS d
		                FROM generate_series(CAST(? AS DATE), CAST(? AS DATE), INTERVAL 1 MONTH) t(m))
		SELECT months.m, c.area, grouping(c.area) = 1, count(c.id)
		FROM months LEFT JOIN cases c ON c.opened <= months.d AND (c.closed IS NULL OR c.closed >= months.d)
		GROUP BY GROUPING SETS ((months.m), (months.m, c.area))
		ORDER BY 1`
	default:
		return nil, fmt.Errorf("misura sconosciuta %q: usare new o open", measure)
	}
	rows, err := db.QueryContext(ctx, q, first, last)
	if err != nil {
		return nil, fmt.Errorf("read monthly series: %w", err)
	}
	defer rows.Close()
	n := monthsBetween(first, last) + 1
	ambito := make([]float64, n)
	byArea := map[carico.Area][]float64{}
	for rows.Next() {
		var m time.Time
		var area sql.NullString
		var total bool
		var count float64
		if err := rows.Scan(&m, &area, &total, &count); err != nil {
			return nil, fmt.Errorf("read monthly series: %w", err)
		}
		i := monthsBetween(first, m.UTC())
		switch {
		case i < 0 || i >= n:
		case total:
			ambito[i] = count
		case area.Valid:
			a := carico.Area(area.String)
			if byArea[a] == nil {
				byArea[a] = make([]float64, n)
			}
			byArea[a][i] = count
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read monthly series: %w", err)
	}
	out := []Series{{Name: "ambito", Start: first, Values: ambito}}
	for _, a := range carico.Areas {
		if v := byArea[a]; v != nil {
			out = append(out, Series{Name: string(a), Start: first, Values: v})
		}
	}
	return out, nil
}

func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// LoadBaseline reads the Ambito at date at: residents at 1 January of at's
// year (the latest year available up to it), staff in service on at with
// their allocation, open cases on at by comune, area and complexity, and a
// full-time worker's available hours in the year (model.AvailableTime,
// without a patron saint). Operators without an allocation and cases
// without a comune cannot be placed and are left out.
func LoadBaseline(ctx context.Context, db *sql.DB, at time.Time, cfg *model.Config) (Baseline, error) {
	b := Baseline{Year: at.Year()}
	rows, err := db.QueryContext(ctx, `
		SELECT c.istat, c.name, coalesce((
			SELECT r.residents FROM residents r WHERE r.istat = c.istat
			ORDER BY (r.year <= ?) DESC, CASE WHEN r.year <= ? THEN -r.year ELSE r.year END LIMIT 1), 0)
		FROM comune c ORDER BY c.istat`, b.Year, b.Year)
	if err != nil {
		return b, fmt.Errorf("read comuni: %w", err)
	}
	for rows.Next() {
		var c BaseComune
		if err := rows.Scan(&c.ISTAT, &c.Name, &c.Residents); err != nil {
			rows.Close()
			return b, fmt.Errorf("read comuni: %w", err)
		}
		b.Comuni = append(b.Comuni, c)
	}
	rows.Close()
	if len(b.Comuni) == 0 {
		return b, fmt.Errorf("nessun comune nel database: importare prima la popolazione")
	}

	rows, err = db.QueryContext(ctx, `
		SELECT o.id, o.role, o.contract, a.istat, o.weekly_hours / ? * a.share
		FROM operator o JOIN allocation a ON a.operator_id = o.id
		WHERE (o.start_date IS NULL OR o.start_date <= ?) AND (o.end_date IS NULL OR o.end_date >= ?)
		ORDER BY o.id, a.istat`, carico.FullTimeHours, at, at)
	if err != nil {
		return b, fmt.Errorf("read staff: %w", err)
	}
	for rows.Next() {
		var s StaffShare
		if err := rows.Scan(&s.OperatorID, &s.Role, &s.Contract, &s.ISTAT, &s.FTE); err != nil {
			rows.Close()
			return b, fmt.Errorf("read staff: %w", err)
		}
		b.Staff = append(b.Staff, s)
	}
	rows.Close()

	rows, err = db.QueryContext(ctx, `
		SELECT istat, coalesce(area, ''), coalesce(complexity, 0), count(*)
		FROM cases
		WHERE istat IS NOT NULL AND opened <= ? AND (closed IS NULL OR closed >= ?)
		GROUP BY ALL ORDER BY ALL`, at, at)
	if err != nil {
		return b, fmt.Errorf("read open cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var g CaseGroup
		if err := rows.Scan(&g.ISTAT, &g.Area, &g.Complexity, &g.Open); err != nil {
			return b, fmt.Errorf("read open cases: %w", err)
		}
		b.Cases = append(b.Cases, g)
	}
	if err := rows.Err(); err != nil {
		return b, fmt.Errorf("read open cases: %w", err)
	}
	b.HoursPerFTE = model.AvailableTime(model.AWTInput{Year: b.Year, WeeklyHours: cfg.AWT.FullTimeHours}, cfg.AWT).Hours
	return b, nil
}

// ZoneUnits gives the territorial units and their workload on date at
// (base is LoadBaseline at the same date). With comune empty the units are
// the comuni of the Ambito; otherwise they
// are the quartieri (cases.zone) of that comune — every quartiere met in its
// cartelle, with no workload when none is open on the date — whose
// residents the store does not hold (0). Workload is the weighted caseload: Σ over open cases
// of the case weight (model config, hours per case-year). byArea gives the
// same workload split among the thematic teams of the area model
// (ThematicTeam): the current organisation the zones are compared with.
func ZoneUnits(ctx context.Context, db *sql.DB, base Baseline, at time.Time, comune string, weights model.CaseloadConfig) (units []Unit, byArea []Zone, err error) {
	unitOf := map[string]int{} // index into units
	add := func(id string, residents int) *Unit {
		i, ok := unitOf[id]
		if !ok {
			i = len(units)
			units = append(units, Unit{ID: id, Residents: residents})
			unitOf[id] = i
		}
		return &units[i]
	}
	areas := map[carico.Area]float64{}
	if comune == "" {
		for _, c := range base.Comuni {
			add(c.ISTAT, c.Residents)
		}
		for _, g := range base.Cases {
			w := g.Open * weights.Weight(g.Area, g.Complexity)
			if i, ok := unitOf[g.ISTAT]; ok {
				units[i].Workload += w
				areas[g.Area] += w
			}
		}
	} else {
		rows, err := db.QueryContext(ctx, `
			SELECT zone, coalesce(area, ''), coalesce(complexity, 0),
			       count(*) FILTER (WHERE opened <= ? AND (closed IS NULL OR closed >= ?))
			FROM cases
			WHERE istat = ? AND zone IS NOT NULL AND zone <> ''
			GROUP BY ALL ORDER BY ALL`, at, at, comune)
		if err != nil {
			return nil, nil, fmt.Errorf("read quartieri: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var zone string
			var area carico.Area
			var complexity int
			var open float64
			if err := rows.Scan(&zone, &area, &complexity, &open); err != nil {
				return nil, nil, fmt.Errorf("read quartieri: %w", err)
			}
			w := open * weights.Weight(area, complexity)
			add(zone, 0).Workload += w
			if open > 0 {
				areas[area] += w
			}
		}
		if err := rows.Err(); err != nil {
			return nil, nil, fmt.Errorf("read quartieri: %w", err)
		}
		if len(units) == 0 {
			return nil, nil, fmt.Errorf("nessun quartiere nelle cartelle del comune %s", comune)
		}
	}
	teams := map[string]*Zone{}
	for _, a := range append(slices.Clone(carico.Areas), "") {
		w, ok := areas[a]
		if !ok {
			continue
		}
		name := ThematicTeam(a)
		t := teams[name]
		if t == nil {
			t = &Zone{ID: name}
			teams[name] = t
		}
		t.WorkloadHours += w
		code := string(a)
		if a == "" {
			code = "non_indicata"
		}
		t.Units = append(t.Units, code)
	}
	for _, name := range ThematicTeams {
		if t := teams[name]; t != nil {
			byArea = append(byArea, *t)
		}
	}
	sort.Slice(units, func(i, j int) bool { return units[i].ID < units[j].ID })
	return units, byArea, nil
}

// ThematicTeams are the teams of the area model that the Comune di Crema
// replaced with territorial micro-équipes in 2013 (seed 004: "Aree
// Tematiche (Anziani, Disabili, Minori e Famiglia, Adulti a rischio di
// emarginazione)").
var ThematicTeams = []string{"Minori e famiglia", "Disabili", "Anziani", "Adulti a rischio di emarginazione"}

// ThematicTeam maps an ISTAT area di utenza to its thematic team: the
// areas without a team of their own (dipendenze, immigrati, povertà,
// multiutenza, unknown) go to the adults' team.
func ThematicTeam(a carico.Area) string {
	switch a {
	case carico.AreaFamily:
		return ThematicTeams[0]
	case carico.AreaDisability:
		return ThematicTeams[1]
	case carico.AreaElderly:
		return ThematicTeams[2]
	}
	return ThematicTeams[3]
}

// RoleMix is the FTE of each role of a micro-équipe — social workers,
// educators and ASA/OSS, as in Crema's integrated teams; administrative
// staff stay out — among the staff in service (in the given comuni; all
// when nil): the mix each zone's FTE need is split by.
func RoleMix(base Baseline, comuni map[string]bool) map[carico.Role]float64 {
	mix := map[carico.Role]float64{}
	for _, s := range base.Staff {
		if s.Role == carico.RoleClerk {
			continue
		}
		if comuni == nil || comuni[s.ISTAT] {
			mix[s.Role] += s.FTE
		}
	}
	return mix
}

// MeanCaseWeight is the mean standard weight (hours per case-year) of the
// open cases of the baseline, of one area or of all when area is empty;
// 0 without open cases.
func MeanCaseWeight(base Baseline, weights model.CaseloadConfig, area carico.Area) float64 {
	var hours, cases float64
	for _, g := range base.Cases {
		if area == "" || g.Area == area {
			hours += g.Open * weights.Weight(g.Area, g.Complexity)
			cases += g.Open
		}
	}
	if cases == 0 {
		return 0
	}
	return hours / cases
}
