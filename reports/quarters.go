package reports

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/carico/carico/analytics"
	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

// The council's monthly series (issue 22). In the politico version the
// series of Flussi, Andamento and Previsioni go month by month only when
// no month's count — cartelle opened, closed, open at the month's end, new
// cartelle of the forecast's history — is from 1 to k−1: in an Ambito
// that small, months would be mostly hidden, and a month's «n.d.» sits in
// a stock-flow chain that the audit can close only by hiding its
// neighbours. Otherwise every one of those series goes by quarter (sums of
// the flows, the stock and the weighted load at the quarter's end, the
// hours summed) — Tempo di lavoro and the access activities too — in every
// channel, since they all print this document.

// byQuarter reports whether the council's series go by quarter.
func (b *builder) byQuarter() bool {
	if !b.politico() {
		return false
	}
	small := func(n int) bool { return small1(n, b.k) }
	if b.a != nil {
		for _, f := range b.a.Flows {
			if small(f.Opened) || small(f.Closed) || small(f.OpenEnd) {
				return true
			}
		}
	}
	for _, p := range b.m.Monthly.Team.Points {
		if small(p.OpenCases) {
			return true
		}
	}
	if b.opt.Plan != nil {
		for _, f := range b.opt.Plan.Forecasts {
			for _, v := range f.Observed.Values {
				if small(int(math.Round(v))) {
					return true
				}
			}
		}
	}
	return false
}

// quarterOf is the quarter of month ("2025-03" → "2025-T1").
func quarterOf(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return fmt.Sprintf("%d-T%d", t.Year(), (int(t.Month())-1)/3+1)
}

// quarterMonths are the first and last months of quarter q ("2025-T1").
func quarterMonths(q string) (first, last time.Time, ok bool) {
	var y, n int
	if _, err := fmt.Sscanf(q, "%d-T%d", &y, &n); err != nil || n < 1 || n > 4 {
		return time.Time{}, time.Time{}, false
	}
	first = time.Date(y, time.Month(3*n-2), 1, 0, 0, 0, 0, time.UTC)
	return first, first.AddDate(0, 2, 0), true
}

// periodLabel names a month ("gen 2025") or a quarter ("gen-mar 2025").
func periodLabel(key string) string {
	first, last, ok := quarterMonths(key)
	if !ok {
		return italian.ShortMonthOf(key)
	}
	return italian.ShortMonthOf(first.Format("2006-01"))[:3] + "-" + italian.ShortMonthOf(last.Format("2006-01"))
}

// periodBefore is the month or quarter before key.
func periodBefore(key string) string {
	first, _, ok := quarterMonths(key)
	if !ok {
		return monthBefore(key)
	}
	return quarterOf(first.AddDate(0, -3, 0).Format("2006-01"))
}

// lastOfQuarter reports whether month is the last of its quarter.
func lastOfQuarter(month string) bool {
	_, last, ok := quarterMonths(quarterOf(month))
	return ok && last.Format("2006-01") == month
}

// quarterFlows sums monthly flows by quarter: opened and closed added, open
// at the end of the quarter's last month. Month holds the quarter.
func quarterFlows(fs []analytics.MonthFlow) []analytics.MonthFlow {
	var out []analytics.MonthFlow
	for _, f := range fs {
		q := quarterOf(f.Month)
		if len(out) == 0 || out[len(out)-1].Month != q {
			out = append(out, analytics.MonthFlow{Month: q})
		}
		o := &out[len(out)-1]
		o.Opened += f.Opened
		o.Closed += f.Closed
		o.OpenEnd = f.OpenEnd
	}
	for i := range out {
		out[i].InflowOutflow = analytics.InflowOutflow(out[i].Opened, out[i].Closed)
	}
	return out
}

// quarterPoints is a month-by-month series by quarter: open cartelle and
// weighted load at the quarter's last month, the time of its months
// summed (model.Sum: minutes by kind, hours, coverage of the quarter).
// Month holds the quarter.
func quarterPoints(ps []model.MonthPoint) []model.MonthPoint {
	var out []model.MonthPoint
	for _, p := range ps {
		q := quarterOf(p.Month)
		if len(out) == 0 || out[len(out)-1].Month != q {
			out = append(out, model.MonthPoint{Month: q})
		}
		o := &out[len(out)-1]
		o.OpenCases, o.WeightedCaseload = p.OpenCases, p.WeightedCaseload
		o.TimeSplit = model.Sum(o.TimeSplit, p.TimeSplit)
	}
	return out
}

// quarterHistory is a forecast's monthly history by whole quarter: the
// flow of new cartelle added, the open cartelle at the quarter's end. A
// quarter the history covers only in part is left out.
func quarterHistory(f Forecast) (keys []string, vals []float64) {
	n := map[string]int{}
	for i, v := range f.Observed.Values {
		m := f.Observed.Start.AddDate(0, i, 0).Format("2006-01")
		q := quarterOf(m)
		if len(keys) == 0 || keys[len(keys)-1] != q {
			keys, vals = append(keys, q), append(vals, 0)
		}
		n[q]++
		if f.Measure == planning.OpenCases {
			vals[len(vals)-1] = v
		} else {
			vals[len(vals)-1] += v
		}
	}
	var k2 []string
	var v2 []float64
	for i, q := range keys {
		if n[q] == 3 {
			k2, v2 = append(k2, q), append(v2, vals[i])
		}
	}
	return k2, v2
}

// quarterPoints is a forecast by quarter: for the open cartelle, the point
// of the quarter's last month with its intervals; for new cartelle, the
// sum of the three months' forecasts, without intervals (intervals of
// single months do not add up), bands false.
func quarterForecast(f Forecast) (pts []planning.Point, bands bool) {
	if f.Measure == planning.OpenCases {
		for _, p := range f.Points {
			if lastOfQuarter(p.Month) {
				p.Month = quarterOf(p.Month)
				pts = append(pts, p)
			}
		}
		return pts, true
	}
	n := map[string]int{}
	for _, p := range f.Points {
		q := quarterOf(p.Month)
		if len(pts) == 0 || pts[len(pts)-1].Month != q {
			pts = append(pts, planning.Point{Month: q})
		}
		pts[len(pts)-1].Value += p.Value
		n[q]++
	}
	out := pts[:0]
	for _, p := range pts {
		if n[p.Month] == 3 {
			out = append(out, p)
		}
	}
	return out, false
}

// quarterNote says why a series goes by quarter.
func quarterNote(k int) string {
	return "Dati per trimestre: in almeno un mese qualche conteggio è tra 1 e " + strconv.Itoa(k-1) +
		", e nella versione per la Giunta e il Consiglio le serie sono mese per mese solo quando nessun mese ha conteggi così piccoli."
}
