package model

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
)

// This file owns the capacity factor: the part of an operator's time for
// case work left after the reductions of the capacity register
// (coordination, first year of service, union time, reasonable
// adjustments, extra roles). Like the UK probation Workload Measurement
// Tool, carico deducts them before measuring the load; CaseHours applies
// the factor, and every output takes it from there.

// Capacity is an operator's capacity for cartelle in the reference year:
// the factor, her hours for case work under it, and the reductions that
// make it.
type Capacity struct {
	// Factor is 1 − the reductions in force, each weighted by the share
	// of the year's working days it covers.
	Factor float64 `json:"factor"`
	// CaseHours is the yearly available hours × case_time_share × Factor,
	// the hours the load divides by.
	CaseHours  float64         `json:"case_hours"`
	Reductions []ReductionView `json:"reductions"`
}

// ReductionView is one reduction of the register as the outputs show it:
// both as a percentage of the contract and as hours per week.
type ReductionView struct {
	From         Date                   `json:"from"`
	To           *Date                  `json:"to"` // null: open-ended
	Percent      float64                `json:"percent"`
	HoursPerWeek float64                `json:"hours_per_week"`
	Reason       carico.ReductionReason `json:"reason"`
	// Assumed marks the first year of service of a social worker the
	// register does not list: the configuration's
	// protected.first_year_case_share, from her start in the roster.
	Assumed bool `json:"assumed,omitempty"`
}

// Sentence says the reduction in words, as the statement writes it:
// «riduzione del 20 % per coordinamento dal 01/01/2025 al 31/12/2025».
func (r ReductionView) Sentence() string {
	var to time.Time
	if r.To != nil {
		to = r.To.Time
	}
	s := fmt.Sprintf("riduzione %s %% %s", italian.Before("del", percentOf(r.Percent/100)), r.Reason.Span(r.From.Time, to))
	if r.Assumed {
		s += " (non dal registro: quota di cartelle del primo anno fissata dalla configurazione, dalla data di inizio servizio in organico)"
	}
	return s
}

// CapacityFactor is 1 − Σ reduction share × the working days (Monday to
// Friday less holidays) it covers in year ÷ the year's working days, at
// least 0. A reduction stated in hours per week is a share of weeklyHours.
func CapacityFactor(rs []carico.Reduction, weeklyHours float64, year int, holidays map[time.Time]string) float64 {
	first := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	days := netWorkdays(first, last, holidays)
	if days == 0 {
		return 1
	}
	var off float64
	for _, r := range rs {
		from, to := maxTime(DateOf(r.From).Time, first), last
		if !r.To.IsZero() {
			to = minTime(DateOf(r.To).Time, last)
		}
		if to.Before(from) {
			continue
		}
		off += r.Share(weeklyHours) * float64(netWorkdays(from, to, holidays)) / float64(days)
	}
	return max(0, 1-off)
}

// capacity is the Capacity of an operator in service whose yearly
// available hours are available: her reductions touching the reference
// year, the factor they make and her hours for case work.
func (c *computation) capacity(om *OperatorMetrics, available float64) Capacity {
	y := c.p.At.Year()
	pm, pd := c.operatorPatron(om.ID)
	var rs []carico.Reduction
	cp := Capacity{Reductions: []ReductionView{}}
	register, assumed := c.reductionsOf(om)
	for i, r := range register {
		if r.From.Year() > y || (!r.To.IsZero() && r.To.Year() < y) {
			continue
		}
		rs = append(rs, r)
		share := r.Share(om.WeeklyHours)
		v := ReductionView{From: DateOf(r.From), Percent: share * 100, HoursPerWeek: share * om.WeeklyHours, Reason: r.Reason,
			Assumed: i == assumed}
		if !r.To.IsZero() {
			to := DateOf(r.To)
			v.To = &to
		}
		cp.Reductions = append(cp.Reductions, v)
	}
	cp.Factor = CapacityFactor(rs, om.WeeklyHours, y, HolidaysOf(y, pm, pd, c.cfg.AWT))
	cp.CaseHours = CaseHours(available, c.cfg.Thresholds.CaseTimeShare, cp.Factor)
	return cp
}

// FirstYear is the reduction of a newly qualified social worker's
// caseload in her first year of service (the LGA Standards for employers
// of social workers, standard 3): from her start to the day before its
// first anniversary, 1 − caseShare of her time off cartelle. ok is false
// when it does not apply: another role, no start date, a share not below
// 1, or a register that already lists a «primo anno» reduction for her
// (the register's wins).
func FirstYear(o carico.Operator, register []carico.Reduction, caseShare float64) (carico.Reduction, bool) {
	if o.Role != carico.RoleSocialWorker || o.Start.IsZero() || caseShare <= 0 || caseShare >= 1 {
		return carico.Reduction{}, false
	}
	for _, r := range register {
		if r.Reason == carico.ReasonFirstYear {
			return carico.Reduction{}, false
		}
	}
	start := DateOf(o.Start).Time
	return carico.Reduction{OperatorID: o.ID, From: start, To: start.AddDate(1, 0, -1), Percent: (1 - caseShare) * 100,
		Reason: carico.ReasonFirstYear}, true
}

// reductionsOf is the operator's register, with her first year of
// service last when the register does not list it; assumed is its index,
// -1 when there is none.
func (c *computation) reductionsOf(om *OperatorMetrics) (rs []carico.Reduction, assumed int) {
	rs = c.ref.reductions[om.ID]
	for _, o := range c.ref.operators {
		if o.ID != om.ID {
			continue
		}
		if r, ok := FirstYear(o, rs, c.cfg.Protected.FirstYearCaseShare); ok {
			return append(slices.Clip(rs), r), len(rs)
		}
	}
	return rs, -1
}

// CapacityFactor is the operator's capacity factor, 1 when she has none
// (not in service).
func (om *OperatorMetrics) CapacityFactor() float64 {
	if om.Capacity == nil {
		return 1
	}
	return om.Capacity.Factor
}

// percentOf writes a fraction as a percentage, with one decimal only when
// it is not whole (80 %, 75,5 %).
func percentOf(f float64) string {
	p := f * 100
	if math.Abs(p-math.Round(p)) < 1e-9 {
		return italian.Number(p, 0)
	}
	return italian.Number(p, 1)
}
