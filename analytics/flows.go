package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/carico/carico"
)

// MonthFlow is one month of case flows. A month cut by the period's bounds
// counts only the days inside the period, and its open_end is taken at the
// period's end.
type MonthFlow struct {
	Month   string `json:"month"` // yyyy-mm
	Opened  int    `json:"opened"`
	Closed  int    `json:"closed"`
	OpenEnd int    `json:"open_end"` // open at the end of the month's last day
	// InflowOutflow is opened ÷ closed; null when nothing closed.
	InflowOutflow *float64 `json:"inflow_outflow_ratio"`
}

// FlowTotals sums the flows over the period. OpenEnd = OpenStart + Opened −
// Closed holds exactly, because a cartella closed on a day is no longer
// open at that day's end.
type FlowTotals struct {
	OpenStart     int      `json:"open_start"` // open at the end of the day before From
	Opened        int      `json:"opened"`
	Closed        int      `json:"closed"`
	OpenEnd       int      `json:"open_end"`
	InflowOutflow *float64 `json:"inflow_outflow_ratio"`
}

// GroupFlow is one month of flows of one area, comune or operator. Key is
// the area code ("non_indicata" when missing), the ISTAT code or the
// operator id ("" when the cartella does not record them); for operators, each event counts for the operator
// holding the case on its day.
type GroupFlow struct {
	Key     string `json:"key"`
	Label   string `json:"label"`
	Month   string `json:"month"`
	Opened  int    `json:"opened"`
	Closed  int    `json:"closed"`
	OpenEnd int    `json:"open_end"`
}

// TimeToClose is the time from opening to closure of the cartelle closed in
// the period, overall and by area.
type TimeToClose struct {
	All    ClosureTimes   `json:"all"`
	ByArea []ClosureTimes `json:"by_area"`
}

// ClosureTimes describes the days from opening to closure of a set of
// cartelle. Quantiles interpolate linearly between order statistics
// (DuckDB quantile_cont, Hyndman–Fan type 7); they are null when nothing
// closed.
type ClosureTimes struct {
	Area    string   `json:"area,omitempty"` // "" in All; "non_indicata" for cartelle without area
	Label   string   `json:"label,omitempty"`
	Closed  int      `json:"closed"`
	Mean    *float64 `json:"mean_days"`
	P25     *float64 `json:"p25_days"`
	Median  *float64 `json:"median_days"`
	P75     *float64 `json:"p75_days"`
	P90     *float64 `json:"p90_days"`
	Buckets []Bucket `json:"distribution"`
}

// Bucket counts the cartelle whose days fall in [Min, Max] (Max 0: no upper bound).
type Bucket struct {
	Label string `json:"label"`
	Min   int    `json:"min_days"`
	Max   int    `json:"max_days,omitempty"`
	Count int    `json:"count"`
}

// closureBuckets are the classes of the time-to-closure distribution.
var closureBuckets = []Bucket{
	{Label: "fino a 30 giorni", Min: 0, Max: 30},
	{Label: "31–90 giorni", Min: 31, Max: 90},
	{Label: "91–180 giorni", Min: 91, Max: 180},
	{Label: "181–365 giorni", Min: 181, Max: 365},
	{Label: "da 1 a 2 anni", Min: 366, Max: 730},
	{Label: "oltre 2 anni", Min: 731},
}

// Reopenings counts the cartelle opened in the period for a person who had
// another cartella closed at most WindowMonths before (on the closure day
// included).
type Reopenings struct {
	WindowMonths int      `json:"window_months"`
	Reopened     int      `json:"reopened"`
	Opened       int      `json:"opened"`
	Share        *float64 `json:"share"` // reopened ÷ opened
}

// AccessVolume is the segretariato sociale (access activities) of one comune
// in one month. ISTAT is "" for activities without a comune.
type AccessVolume struct {
	Month      string `json:"month"`
	ISTAT      string `json:"istat"`
	Comune     string `json:"comune"`
	Activities int    `json:"activities"`
	Minutes    int64  `json:"minutes"`
}

// notRecorded is the key of cartelle that do not record a field.
const notRecorded = "non_indicata"

// prepare builds the temporary tables the other steps share: the months
// of the period, who held each case when, and the cartelle open at the
// reference date with their holder and last diario entry, by the shared
// rules of store/rules.sql.
func prepare(ctx context.Context, q *querier, _ *Analysis) error {
	if err := q.createTemp(ctx, "an_month", `
		SELECT strftime(m, '%Y-%m') AS month,
		       greatest(m::DATE, CAST($from AS DATE)) AS m_from,
		       least((m + INTERVAL 1 MONTH)::DATE - 1, CAST($to AS DATE)) AS m_to
		FROM range(date_trunc('month', CAST($from AS DATE))::TIMESTAMP,
		           CAST($to AS DATE)::TIMESTAMP + INTERVAL 1 DAY, INTERVAL 1 MONTH) r(m)`); err != nil {
		return err
	}
	// Who held each cartella when (store/rules.sql, carico_holder_spans):
	// one operator per case and day.
	if err := q.createTemp(ctx, "an_holder", `SELECT case_id, operator_id, from_date, until FROM carico_holder_spans()`); err != nil {
		return err
	}
	return q.createTemp(ctx, "an_open", `
		WITH last_entry AS (
			SELECT case_id, max(day) AS last_day FROM activity
			WHERE case_id IS NOT NULL AND day <= CAST($at AS DATE) GROUP BY case_id
		)
		SELECT o.id, o.person, o.area, o.istat, o.opened, nullif(o.operator_id, '') AS operator_id, l.last_day
		FROM carico_open_cases([CAST($at AS DATE)]) o
		LEFT JOIN last_entry l ON l.case_id = o.id`)
}

// flowKey groups a case c on the day given by an SQL date expression:
// join adds what the key needs to the FROM clause, key is the expression.
type flowKey func(date string) (join, key string)

var (
	keyAll    flowKey = func(string) (string, string) { return "", "''" }
	keyArea   flowKey = func(string) (string, string) { return "", "coalesce(c.area, '" + notRecorded + "')" }
	keyComune flowKey = func(string) (string, string) { return "", "coalesce(c.istat, '')" }
	// keyOperator is the operator holding the case on the day.
	keyOperator flowKey = func(date string) (string, string) {
		return fmt.Sprintf("LEFT JOIN an_holder h ON h.case_id = c.id AND %s BETWEEN h.from_date AND h.until", date),
			"coalesce(h.operator_id, '')"
	}
)

func flows(ctx context.Context, q *querier, a *Analysis) error {
	labels, err := loadLabels(ctx, q)
	if err != nil {
		return err
	}
	total, err := groupFlows(ctx, q, keyAll, nil)
	if err != nil {
		return err
	}
	var opened, closed int
	for _, g := range total {
		a.Flows = append(a.Flows, MonthFlow{Month: g.Month, Opened: g.Opened, Closed: g.Closed, OpenEnd: g.OpenEnd,
			InflowOutflow: ratio(g.Opened, g.Closed)})
		opened += g.Opened
		closed += g.Closed
	}
	a.FlowTotals = FlowTotals{Opened: opened, Closed: closed, InflowOutflow: ratio(opened, closed)}
	if n := len(a.Flows); n > 0 {
		a.FlowTotals.OpenEnd = a.Flows[n-1].OpenEnd
	}
	if err := q.scalar(ctx, &a.FlowTotals.OpenStart, `SELECT count(*) FROM cases
		WHERE carico_open_on(opened, closed, CAST($from AS DATE) - 1)`); err != nil {
		return err
	}
	if a.FlowsByArea, err = groupFlows(ctx, q, keyArea, labels.area); err != nil {
		return err
	}
	if a.FlowsByComune, err = groupFlows(ctx, q, keyComune, labels.comune); err != nil {
		return err
	}
	if a.FlowsByOperator, err = groupFlows(ctx, q, keyOperator, labels.operator); err != nil {
		return err
	}
	if a.ClosedByReason, err = closedByReason(ctx, q); err != nil {
		return err
	}
	if a.TimeToClose, err = timeToClose(ctx, q); err != nil {
		return err
	}
	if a.Reopenings, err = reopenings(ctx, q); err != nil {
		return err
	}
	a.Access, err = accessVolume(ctx, q)
	return err
}

// groupFlows counts, per month and key, the cartelle opened, closed and
// open at the month's end. Every key met in the period gets every month.
func groupFlows(ctx context.Context, q *querier, key flowKey, label func(string) string) ([]GroupFlow, error) {
	openJoin, openKey := key("c.opened")
	closeJoin, closeKey := key("c.closed")
	endJoin, endKey := key("m.m_to")
	stmt := fmt.Sprintf(`
		WITH scope AS (
			SELECT * FROM cases
			WHERE carico_open_during(opened, closed, CAST($from AS DATE), CAST($to AS DATE))
		), opened AS (
			SELECT m.month, %s AS key, count(*) AS n
			FROM scope c JOIN an_month m ON c.opened BETWEEN m.m_from AND m.m_to %s GROUP BY ALL
		), closed AS (
			SELECT m.month, %s AS key, count(*) AS n
			FROM scope c JOIN an_month m ON c.closed BETWEEN m.m_from AND m.m_to %s GROUP BY ALL
		), open_end AS (
			SELECT m.month, %s AS key, count(*) AS n
			FROM scope c JOIN an_month m
			  ON carico_open_on(c.opened, c.closed, m.m_to) %s GROUP BY ALL
		), keys AS (
			SELECT key FROM opened UNION SELECT key FROM closed UNION SELECT key FROM open_end
		)
		SELECT k.key, m.month, coalesce(o.n, 0), coalesce(cl.n, 0), coalesce(e.n, 0)
		FROM an_month m CROSS JOIN keys k
		LEFT JOIN opened o ON o.month = m.month AND o.key = k.key
		LEFT JOIN closed cl ON cl.month = m.month AND cl.key = k.key
		LEFT JOIN open_end e ON e.month = m.month AND e.key = k.key
		ORDER BY k.key, m.month`, openKey, openJoin, closeKey, closeJoin, endKey, endJoin)
	if label == nil { // the total: every month, even an empty one
		stmt = strings.Replace(stmt, "SELECT key FROM opened UNION SELECT key FROM closed UNION SELECT key FROM open_end",
			"SELECT '' AS key", 1)
	}
	rows, err := q.query(ctx, stmt)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []GroupFlow
	for rows.Next() {
		var g GroupFlow
		if err := rows.Scan(&g.Key, &g.Month, &g.Opened, &g.Closed, &g.OpenEnd); err != nil {
			return nil, err
		}
		if label != nil {
			g.Label = label(g.Key)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

func closedByReason(ctx context.Context, q *querier) (map[string]int, error) {
	rows, err := q.query(ctx, `SELECT coalesce(close_reason, 'non_indicato'), count(*) FROM cases
		WHERE closed BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) GROUP BY 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for _, r := range carico.CloseReasons {
		out[string(r)] = 0
	}
	for rows.Next() {
		var reason string
		var n int
		if err := rows.Scan(&reason, &n); err != nil {
			return nil, err
		}
		out[reason] = n
	}
	return out, rows.Err()
}

func timeToClose(ctx context.Context, q *querier) (TimeToClose, error) {
	var filters []string
	for _, b := range closureBuckets {
		cond := fmt.Sprintf("d >= %d", b.Min)
		if b.Max > 0 {
			cond += fmt.Sprintf(" AND d <= %d", b.Max)
		}
		filters = append(filters, fmt.Sprintf("count(*) FILTER (WHERE %s)", cond))
	}
	rows, err := q.query(ctx, fmt.Sprintf(`
		SELECT grouping(area) AS overall, area, count(*), avg(d), quantile_cont(d, [0.25, 0.5, 0.75, 0.9]), %s
		FROM (SELECT coalesce(area, '%s') AS area, closed - opened AS d FROM cases
		      WHERE closed BETWEEN CAST($from AS DATE) AND CAST($to AS DATE))
		GROUP BY GROUPING SETS ((area), ())
		ORDER BY overall DESC, area`, strings.Join(filters, ", "), notRecorded))
	if err != nil {
		return TimeToClose{}, err
	}
	defer rows.Close()
	t := TimeToClose{All: ClosureTimes{Buckets: newBuckets()}}
	for rows.Next() {
		var (
			overall int
			area    sql.NullString
			ct      = ClosureTimes{Buckets: newBuckets()}
			mean    sql.NullFloat64
			qs      any
		)
		dest := []any{&overall, &area, &ct.Closed, &mean, &qs}
		for i := range ct.Buckets {
			dest = append(dest, &ct.Buckets[i].Count)
		}
		if err := rows.Scan(dest...); err != nil {
			return t, err
		}
		ct.Mean = nullFloat(mean)
		if qv, ok := qs.([]any); ok && len(qv) == 4 {
			ct.P25, ct.Median, ct.P75, ct.P90 = anyFloat(qv[0]), anyFloat(qv[1]), anyFloat(qv[2]), anyFloat(qv[3])
		}
		if overall == 1 {
			t.All = ct
			continue
		}
		ct.Area = area.String
		ct.Label = areaLabel(ct.Area)
		t.ByArea = append(t.ByArea, ct)
	}
	return t, rows.Err()
}

func newBuckets() []Bucket { return append([]Bucket(nil), closureBuckets...) }

func reopenings(ctx context.Context, q *querier) (Reopenings, error) {
	r := Reopenings{WindowMonths: q.p.Config.Flows.ReopeningMonths}
	err := q.conn.QueryRowContext(ctx, `
		SELECT count(*),
		       count(*) FILTER (WHERE EXISTS (
		           SELECT 1 FROM cases c1
		           WHERE c1.person = c2.person AND c1.id <> c2.id AND c1.closed IS NOT NULL
		             AND c2.opened >= c1.closed
		             AND c2.opened <= CAST(c1.closed + to_months(CAST($months AS INTEGER)) AS DATE)))
		FROM cases c2
		WHERE c2.opened BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)`,
		q.args(sql.Named("months", r.WindowMonths))...).Scan(&r.Opened, &r.Reopened)
	r.Share = ratio(r.Reopened, r.Opened)
	return r, err
}

func accessVolume(ctx context.Context, q *querier) ([]AccessVolume, error) {
	rows, err := q.query(ctx, `
		SELECT strftime(a.day, '%Y-%m') AS month, coalesce(a.istat, '') AS istat, coalesce(any_value(cm.name), ''),
		       count(*), coalesce(sum(a.minutes), 0)
		FROM activity a LEFT JOIN comune cm ON cm.istat = a.istat
		WHERE a.kind = 'access' AND a.day BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
		GROUP BY 1, 2 ORDER BY 1, 2`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []AccessVolume{}
	for rows.Next() {
		var v AccessVolume
		if err := rows.Scan(&v.Month, &v.ISTAT, &v.Comune, &v.Activities, &v.Minutes); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// labels names the keys of the group flows.
type labels struct {
	area, comune, operator func(string) string
}

func loadLabels(ctx context.Context, q *querier) (labels, error) {
	names := func(stmt string) (map[string]string, error) {
		rows, err := q.query(ctx, stmt)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		m := map[string]string{}
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				return nil, err
			}
			m[k] = v
		}
		return m, rows.Err()
	}
	comuni, err := names(`SELECT istat, name FROM comune`)
	if err != nil {
		return labels{}, err
	}
	operators, err := names(`SELECT id, name FROM operator`)
	if err != nil {
		return labels{}, err
	}
	lookup := func(m map[string]string, missing string) func(string) string {
		return func(k string) string {
			if k == "" {
				return missing
			}
			if v, ok := m[k]; ok {
				return v
			}
			return k
		}
	}
	return labels{
		area:     func(k string) string { return areaLabel(k) },
		comune:   lookup(comuni, "Comune non indicato"),
		operator: lookup(operators, "Nessun operatore"),
	}, nil
}

func areaLabel(k string) string {
	if k == "" || k == notRecorded {
		return "Area non indicata"
	}
	return carico.Area(k).Label()
}

// ratio is a ÷ b, or nil when b is zero: JSON then says null, never NaN.
func ratio[T int | int64 | float64](a, b T) *float64 {
	if b == 0 {
		return nil
	}
	r := float64(a) / float64(b)
	return &r
}

func nullFloat(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	return &v.Float64
}

func anyFloat(v any) *float64 {
	switch x := v.(type) {
	case float64:
		return &x
	case int64:
		f := float64(x)
		return &f
	}
	return nil
}

func (q *querier) scalar(ctx context.Context, dest any, stmt string, extra ...any) error {
	return q.conn.QueryRowContext(ctx, stmt, q.args(extra...)...).Scan(dest)
}
