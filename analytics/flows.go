package analytics

import (
	"github.com/carico/carico"
	"github.com/carico/carico/facts"
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

func flows(f *facts.Analytics, p Params, a *Analysis) {
	labels := labelsOf(f)
	groups := map[string][]GroupFlow{}
	for _, r := range f.Flows {
		g := GroupFlow{Key: r.Key, Month: r.Month, Opened: r.Opened, Closed: r.Closed, OpenEnd: r.OpenEnd}
		if label := labels[r.Dim]; label != nil {
			g.Label = label(g.Key)
		}
		groups[r.Dim] = append(groups[r.Dim], g)
	}
	var opened, closed int
	for _, g := range groups[""] {
		a.Flows = append(a.Flows, MonthFlow{Month: g.Month, Opened: g.Opened, Closed: g.Closed, OpenEnd: g.OpenEnd,
			InflowOutflow: ratio(g.Opened, g.Closed)})
		opened += g.Opened
		closed += g.Closed
	}
	a.FlowTotals = FlowTotals{OpenStart: f.OpenStart, Opened: opened, Closed: closed, InflowOutflow: ratio(opened, closed)}
	if n := len(a.Flows); n > 0 {
		a.FlowTotals.OpenEnd = a.Flows[n-1].OpenEnd
	}
	a.FlowsByArea, a.FlowsByComune, a.FlowsByOperator = groups["area"], groups["comune"], groups["operator"]
	a.ClosedByReason = map[string]int{}
	for _, r := range carico.CloseReasons {
		a.ClosedByReason[string(r)] = 0
	}
	for r, n := range f.ClosedByReason {
		a.ClosedByReason[r] = n
	}
	a.TimeToClose = timeToClose(f)
	a.Reopenings = Reopenings{WindowMonths: p.Config.Flows.ReopeningMonths, Opened: f.Opened, Reopened: f.Reopened,
		Share: ratio(f.Reopened, f.Opened)}
	a.Access = []AccessVolume{}
	for _, v := range f.Access {
		a.Access = append(a.Access, AccessVolume{Month: v.Month, ISTAT: v.ISTAT, Comune: v.Comune, Activities: v.Activities, Minutes: v.Minutes})
	}
}

// timeToClose gathers the closure times of f and counts the classes of
// their distribution.
func timeToClose(f *facts.Analytics) TimeToClose {
	t := TimeToClose{All: ClosureTimes{Buckets: newBuckets()}}
	byArea := map[string]int{} // area → index in t.ByArea
	for _, r := range f.ClosureTimes {
		ct := ClosureTimes{Closed: r.Closed, Mean: r.Mean, Buckets: newBuckets(),
			P25: r.Quantiles[0], Median: r.Quantiles[1], P75: r.Quantiles[2], P90: r.Quantiles[3]}
		if r.Overall {
			t.All = ct
			continue
		}
		ct.Area, ct.Label = r.Area, areaLabel(r.Area)
		byArea[r.Area] = len(t.ByArea)
		t.ByArea = append(t.ByArea, ct)
	}
	for _, d := range f.ClosureDays {
		for i, b := range closureBuckets {
			if d.Days >= b.Min && (b.Max == 0 || d.Days <= b.Max) {
				t.All.Buckets[i].Count += d.N
				if k, ok := byArea[d.Area]; ok {
					t.ByArea[k].Buckets[i].Count += d.N
				}
			}
		}
	}
	return t
}

func newBuckets() []Bucket { return append([]Bucket(nil), closureBuckets...) }

// labelsOf names the keys of the group flows, by dimension.
func labelsOf(f *facts.Analytics) map[string]func(string) string {
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
	return map[string]func(string) string{
		"area":     areaLabel,
		"comune":   lookup(f.Names["comune"], "Comune non indicato"),
		"operator": lookup(f.Names["operator"], "Nessun operatore"),
	}
}

func areaLabel(k string) string {
	if k == "" || k == notRecorded {
		return "Area non indicata"
	}
	return carico.Area(k).Label()
}

// ratio is a ÷ b, or nil when b is zero: JSON then says null, never NaN.
// InflowOutflow is opened ÷ closed, nil when nothing closed: the ratio of
// MonthFlow and FlowTotals, for whoever sums flows over other periods
// (the council's quarters).
func InflowOutflow(opened, closed int) *float64 { return ratio(opened, closed) }

func ratio[T int | int64 | float64](a, b T) *float64 {
	if b == 0 {
		return nil
	}
	r := float64(a) / float64(b)
	return &r
}
