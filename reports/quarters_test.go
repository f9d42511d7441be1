package reports

import (
	"testing"
	"time"

	"github.com/carico/carico/analytics"
	"github.com/carico/carico/analytics/planning"
)

func TestQuarterKeys(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ month, q, label, before string }{
		{"2025-01", "2025-T1", "gen-mar 2025", "2024-T4"},
		{"2025-08", "2025-T3", "lug-set 2025", "2025-T2"},
		{"2025-12", "2025-T4", "ott-dic 2025", "2025-T3"},
	} {
		q := quarterOf(c.month)
		if q != c.q || periodLabel(q) != c.label || periodBefore(q) != c.before {
			t.Errorf("%s: %s %q before %s; want %s %q before %s", c.month, q, periodLabel(q), periodBefore(q), c.q, c.label, c.before)
		}
	}
	if periodLabel("2025-08") != "ago 2025" || periodBefore("2025-01") != "2024-12" {
		t.Error("a month is no longer labelled as a month")
	}
}

// Flows by quarter keep the stock-flow identity: the quarter's end =
// the previous quarter's end + opened − closed.
func TestQuarterFlows(t *testing.T) {
	t.Parallel()
	open, start := 100, 100
	var fs []analytics.MonthFlow
	for i, o := range []int{5, 1, 7, 2, 0, 9} {
		c := i + 2
		open += o - c
		fs = append(fs, analytics.MonthFlow{Month: time.Date(2025, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC).Format("2006-01"), Opened: o, Closed: c, OpenEnd: open})
	}
	q := quarterFlows(fs)
	if len(q) != 2 || q[0].Month != "2025-T1" || q[0].Opened != 13 || q[0].Closed != 9 || q[1].Opened != 11 || q[1].Closed != 18 {
		t.Fatalf("quarters %+v", q)
	}
	prev := start
	for _, x := range q {
		if prev+x.Opened-x.Closed != x.OpenEnd {
			t.Errorf("%s: %d + %d − %d ≠ %d", x.Month, prev, x.Opened, x.Closed, x.OpenEnd)
		}
		if x.InflowOutflow == nil || *x.InflowOutflow != float64(x.Opened)/float64(x.Closed) {
			t.Errorf("%s: ratio %v", x.Month, x.InflowOutflow)
		}
		prev = x.OpenEnd
	}
}

// A forecast's history by quarter leaves out a quarter it covers in part;
// new cartelle are added, open cartelle taken at the quarter's end; the
// forecast of new cartelle is summed without intervals, that of open
// cartelle taken at the quarter's last month with them.
func TestQuarterForecast(t *testing.T) {
	t.Parallel()
	start := time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC) // November: 2024-T4 in part
	vals := []float64{9, 9, 1, 2, 3, 4, 5, 6}             // nov 2024 … jun 2025
	var pts []planning.Point
	for i, m := range []string{"2025-07", "2025-08", "2025-09", "2025-10"} {
		pts = append(pts, planning.Point{Month: m, Value: float64(10 * (i + 1)), Lo80: 1, Hi80: 99})
	}
	f := Forecast{Measure: planning.NewCases, Observed: planning.Series{Start: start, Values: vals}}
	f.Points = pts
	keys, got := quarterHistory(f)
	if len(keys) != 2 || keys[0] != "2025-T1" || got[0] != 6 || got[1] != 15 {
		t.Errorf("new cartelle by quarter: %v %v, want 2025-T1 6, 2025-T2 15", keys, got)
	}
	p, bands := quarterForecast(f)
	if bands || len(p) != 1 || p[0].Month != "2025-T3" || p[0].Value != 60 {
		t.Errorf("new cartelle forecast by quarter: %+v bands=%v", p, bands)
	}
	f.Measure = planning.OpenCases
	keys, got = quarterHistory(f)
	if len(keys) != 2 || got[0] != 3 || got[1] != 6 {
		t.Errorf("open cartelle by quarter: %v %v, want 3 and 6", keys, got)
	}
	p, bands = quarterForecast(f)
	if !bands || len(p) != 1 || p[0].Value != 30 || p[0].Hi80 != 99 {
		t.Errorf("open cartelle forecast by quarter: %+v bands=%v", p, bands)
	}
}

// The responsabile's version keeps the months; the council's goes by
// quarter only when some month is small.
func TestByQuarterRule(t *testing.T) {
	t.Parallel()
	m := fixtureMetrics()
	for _, c := range []struct {
		aud  Audience
		a    func() *analytics.Analysis
		want bool
	}{
		{Responsabile, fixtureAnalysis, false},
		{Politico, fixtureAnalysis, true},
		{Politico, func() *analytics.Analysis {
			a := fixtureAnalysis()
			for i := range a.Flows {
				a.Flows[i].Opened = max(a.Flows[i].Opened, 3)
			}
			return a
		}, false},
	} {
		b := &builder{m: m, a: c.a(), opt: Options{Audience: c.aud}, k: DefaultSmallCell}
		if got := b.byQuarter(); got != c.want {
			t.Errorf("%s: byQuarter %v, want %v", c.aud, got, c.want)
		}
	}
}
