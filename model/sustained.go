package model

import (
	"fmt"
	"time"
)

// Sustained overload, after UK probation's Workload Measurement Tool: a
// load above the critical threshold (caseload_red, 110 %) for
// thresholds.sustained_weeks consecutive weeks (4 by default) is excessive
// and calls for the manager's plan, where one week over is not.

// SustainedLookbackWeeks is how many weekly snapshots, ending at the
// reference date, the model counts: a run of overload is followed back
// at most this far.
const SustainedLookbackWeeks = 52

// SustainedOverload is an operator's run of weeks over the critical
// threshold ending at the reference date: Weeks 0 (and no Since) when the
// run is shorter than thresholds.sustained_weeks.
type SustainedOverload struct {
	Weeks int `json:"weeks"`
	// Since is the first weekly snapshot of the run.
	Since *Date `json:"since"`
}

// WeekLoad is an operator's load at one weekly snapshot.
type WeekLoad struct {
	Day      Date     `json:"day"`
	Weighted float64  `json:"weighted_caseload"`
	Load     *float64 `json:"load"`
	Status   Status   `json:"status"`
}

// weekDays are the weekly snapshots ending at at: at, at − 7 days, …,
// newest first.
func weekDays(at time.Time) []time.Time {
	days := make([]time.Time, SustainedLookbackWeeks)
	for i := range days {
		days[i] = at.AddDate(0, 0, -7*i)
	}
	return days
}

// Sustained judges weekly snapshots, newest first: the run of critical
// weeks that ends at the newest, counted when it lasts at least n weeks.
func Sustained(weeks []WeekLoad, n int) SustainedOverload {
	run := 0
	for run < len(weeks) && weeks[run].Status == StatusCritical {
		run++
	}
	if n < 1 || run < n {
		return SustainedOverload{}
	}
	since := weeks[run-1].Day
	return SustainedOverload{Weeks: run, Since: &since}
}

// weekly is each operator in service's load at each weekly snapshot,
// newest first: the weighted caseload of the cartelle she held that day
// (the same open-count facts as the reference date's) over her hours for
// case work in the period measured.
func (c *computation) weekly(m *Metrics) {
	days := weekDays(c.p.At)
	index := map[time.Time]int{}
	for i, d := range days {
		index[d] = i
	}
	weighted := map[string][]float64{}
	for op, held := range c.held {
		for d, day := range c.openSeries.Days {
			if i, ok := index[day]; ok && held[d].open > 0 {
				if weighted[op] == nil {
					weighted[op] = make([]float64, len(days))
				}
				weighted[op][i] += held[d].weighted
			}
		}
	}
	for _, cc := range c.open {
		i, ok := index[cc.Day]
		if !ok {
			continue
		}
		if weighted[cc.Operator] == nil {
			weighted[cc.Operator] = make([]float64, len(days))
		}
		weighted[cc.Operator][i] += c.cfg.Caseload.Weigh(cc.Area, cc.Complexity, cc.N)
	}
	for i := range m.Operators {
		om := &m.Operators[i]
		if om.Capacity == nil || weighted[om.ID] == nil {
			continue
		}
		om.Weekly = make([]WeekLoad, len(days))
		for j, d := range days {
			w := weighted[om.ID][j]
			om.Weekly[j] = WeekLoad{Day: DateOf(d), Weighted: w, Load: Load(w, om.Capacity.CaseHours),
				Status: LoadStatus(w, om.Capacity.CaseHours, c.cfg.Thresholds)}
		}
		om.SustainedOverload = Sustained(om.Weekly, c.cfg.Thresholds.SustainedWeeks)
	}
}

// WeeksText says a run of n weeks in Italian: «almeno 52» when it fills
// the whole lookback, whose first week may not be the run's first.
func WeeksText(n int) string {
	if n >= SustainedLookbackWeeks {
		return fmt.Sprintf("almeno %d", SustainedLookbackWeeks)
	}
	return fmt.Sprint(n)
}
