package model

import (
	"fmt"
	"slices"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/it"
)

// AWTInput is what the available working time of one operator in one year
// depends on.
type AWTInput struct {
	Year        int
	WeeklyHours float64
	// Start and End bound the contract; zero values mean "before the year"
	// and "still in service".
	Start, End time.Time
	// PatronMonth and PatronDay are the patron saint's day of the comune
	// where the operator mostly works; zero when unknown.
	PatronMonth time.Month
	PatronDay   int
	// Absence is the leave actually taken, when the roster has it; nil
	// means the configured averages, pro-rated to the contract.
	Absence *carico.Absence
}

// AWT is the available working time of an operator in one year, with every
// step of the computation (WHO WISN: working days − public holidays −
// leave − sickness − other absence, times hours per day).
type AWT struct {
	Year int  `json:"year"`
	From Date `json:"from"` // first day of the contract in the year
	To   Date `json:"to"`   // last day of the contract in the year
	// CalendarDays, WeekendDays and Holidays count the days From–To;
	// Holidays counts only those falling Monday to Friday.
	CalendarDays int       `json:"calendar_days"`
	WeekendDays  int       `json:"weekend_days"`
	Holidays     int       `json:"holidays"`
	HolidayList  []Holiday `json:"holiday_list"`
	// NetWorkdays = CalendarDays − WeekendDays − Holidays.
	NetWorkdays int `json:"net_workdays"`
	// PatronDay is the patron saint's day of the operator's comune, as
	// "dd/mm", that Holidays took into account; empty when neither the
	// configuration nor the comuni table gives it, and then no day was
	// taken off for it.
	PatronDay string `json:"patron_day"`
	// PatronCounted says whether the patron day fell on a working day of
	// the contract in the year, and so is one of Holidays.
	PatronCounted bool    `json:"patron_counted"`
	LeaveDays     float64 `json:"leave_days"`
	SickDays      float64 `json:"sick_days"`
	OtherDays     float64 `json:"other_days"`
	// AbsenceSource is "dati" when the absence table has the year, else
	// "parametri" (configured averages, pro-rated to the contract).
	AbsenceSource string  `json:"absence_source"`
	WorkingDays   float64 `json:"working_days"`
	HoursPerDay   float64 `json:"hours_per_day"`
	Hours         float64 `json:"hours"`
}

// Holiday is a public holiday falling on a working day.
type Holiday struct {
	Date Date   `json:"date"`
	Name string `json:"name"`
}

// AvailableTime computes the available working time of one operator in one
// year on the Italian calendar: Monday–Friday working days, the national
// holidays of github.com/rickar/cal/v2/it plus the configured extra ones,
// the comune's patron saint, and leave (from data, else the configured
// CCNL averages pro-rated to the share of the year under contract). Hours
// per day are weekly hours ÷ 5.
func AvailableTime(in AWTInput, cfg AWTConfig) AWT {
	first := time.Date(in.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(in.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	from, to := first, last
	if !in.Start.IsZero() && DateOf(in.Start).After(from) {
		from = DateOf(in.Start).Time
	}
	if !in.End.IsZero() && DateOf(in.End).Before(to) {
		to = DateOf(in.End).Time
	}
	a := AWT{Year: in.Year, From: Date{from}, To: Date{to}, HoursPerDay: in.WeeklyHours / 5}
	if to.Before(from) {
		a.To = a.From
		a.AbsenceSource = "parametri"
		return a
	}
	holidays := HolidaysOf(in.Year, in.PatronMonth, in.PatronDay, cfg)
	if in.PatronMonth > 0 && in.PatronDay > 0 {
		a.PatronDay = fmt.Sprintf("%02d/%02d", in.PatronDay, in.PatronMonth)
	}
	// The days counted by whole weeks, then the holidays on a weekday
	// (netWorkdays), in date order.
	a.CalendarDays = int(to.Sub(from)/(24*time.Hour)) + 1
	a.WeekendDays = a.CalendarDays - netWorkdays(from, to, nil)
	for d, name := range holidays {
		if wd := d.Weekday(); name != "" && wd != time.Saturday && wd != time.Sunday && !d.Before(from) && !d.After(to) {
			a.Holidays++
			a.HolidayList = append(a.HolidayList, Holiday{Date{d}, name})
			a.PatronCounted = a.PatronCounted || name == patronName
		}
	}
	slices.SortFunc(a.HolidayList, func(x, y Holiday) int { return x.Date.Compare(y.Date.Time) })
	a.NetWorkdays = a.CalendarDays - a.WeekendDays - a.Holidays
	if in.Absence != nil {
		a.AbsenceSource = "dati"
		a.LeaveDays, a.SickDays, a.OtherDays = in.Absence.LeaveDays, in.Absence.SickDays, in.Absence.OtherDays
	} else {
		a.AbsenceSource = "parametri"
		share := 1.0
		if full := netWorkdays(first, last, holidays); full > 0 {
			share = float64(a.NetWorkdays) / float64(full)
		}
		a.LeaveDays, a.SickDays, a.OtherDays = cfg.LeaveDays*share, cfg.SickDays*share, cfg.OtherDays*share
	}
	a.WorkingDays = max(0, float64(a.NetWorkdays)-a.LeaveDays-a.SickDays-a.OtherDays)
	a.Hours = a.WorkingDays * a.HoursPerDay
	return a
}

// HoursBetween returns the part of the year's available hours falling in
// from–to (inclusive): the available hours of a month or of a period.
// Each month of the contract gets its net working days less its share of
// the absences: leave (ferie) by the configured monthly profile
// (awt.leave_profile: most of it in August and around Christmas), sickness
// and other absence in proportion to the month's working days. A month
// cannot lose more days than it has; what a profile puts beyond that stays
// with the other months. Over the whole year the parts add up to Hours.
func (a AWT) HoursBetween(from, to time.Time, patronMonth time.Month, patronDay int, cfg AWTConfig) float64 {
	return a.months(patronMonth, patronDay, cfg).between(from, to)
}

// awtMonths is an AWT with its holidays and each month's working days
// worked out once, for the many ranges the model asks of one operator's
// year (the period, then each month).
type awtMonths struct {
	a        AWT
	holidays map[time.Time]string
	working  [12]float64
	net      [12]int // each month's net working days within the contract
}

func (a AWT) months(patronMonth time.Month, patronDay int, cfg AWTConfig) awtMonths {
	m := awtMonths{a: a}
	if a.NetWorkdays != 0 && a.WorkingDays != 0 {
		m.holidays = HolidaysOf(a.Year, patronMonth, patronDay, cfg)
		for mo := time.Month(1); mo <= 12; mo++ {
			if mFrom, mTo := a.month(mo); !mTo.Before(mFrom) {
				m.net[mo-1] = netWorkdays(mFrom, mTo, m.holidays)
			}
		}
		m.working = a.monthlyWorkingDays(m.net, cfg)
	}
	return m
}

// month is the part of month mo of the year that the contract covers
// (empty, to before from, when it covers none).
func (a AWT) month(mo time.Month) (from, to time.Time) {
	first := time.Date(a.Year, mo, 1, 0, 0, 0, 0, time.UTC)
	return maxTime(first, a.From.Time), minTime(first.AddDate(0, 1, -1), a.To.Time)
}

// between is AWT.HoursBetween.
func (m awtMonths) between(from, to time.Time) float64 {
	a := m.a
	if a.NetWorkdays == 0 || a.WorkingDays == 0 {
		return 0
	}
	if a.From.After(from) {
		from = a.From.Time
	}
	if a.To.Before(to) {
		to = a.To.Time
	}
	if to.Before(from) {
		return 0
	}
	var hours float64
	for mo := time.Month(1); mo <= 12; mo++ {
		mFrom, mTo := a.month(mo)
		if mTo.Before(mFrom) || m.working[mo-1] == 0 {
			continue
		}
		in := m.net[mo-1] // the whole month, or the part of it in from–to
		if from.After(mFrom) || to.Before(mTo) {
			in = netWorkdays(maxTime(mFrom, from), minTime(mTo, to), m.holidays)
		}
		if in > 0 {
			hours += m.working[mo-1] * float64(in) / float64(m.net[mo-1]) * a.HoursPerDay
		}
	}
	return hours
}

// monthlyWorkingDays spreads the year's absences over the months of the
// contract, whose net working days are days (see HoursBetween), and
// returns each month's working days.
func (a AWT) monthlyWorkingDays(days [12]int, cfg AWTConfig) [12]float64 {
	var net, weight [12]float64
	var profile float64
	for m := time.Month(1); m <= 12; m++ {
		net[m-1] = float64(days[m-1])
		if net[m-1] > 0 {
			weight[m-1] = cfg.leaveShare(m, net[m-1])
			profile += weight[m-1]
		}
	}
	var working [12]float64
	leave, spill := a.LeaveDays, 0.0
	for i := range working {
		l := leave / 12
		if profile > 0 {
			l = leave * weight[i] / profile
		}
		if net[i] == 0 {
			spill += l
			continue
		}
		other := (a.SickDays + a.OtherDays) * net[i] / float64(a.NetWorkdays)
		working[i] = net[i] - other - l
		if working[i] < 0 {
			spill -= working[i]
			working[i] = 0
		}
	}
	// Leave a month could not hold is taken from the others, in
	// proportion to what they have left.
	var left float64
	for _, w := range working {
		left += w
	}
	if spill > 0 && left > 0 {
		for i := range working {
			working[i] -= spill * working[i] / left
		}
	}
	return working
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// patronName names the patron saint's day among the holidays.
const patronName = "Santo patrono"

// HolidaysOf lists the public holidays of year by UTC day: national ones,
// the configured extra ones and the patron saint's day (when month > 0).
func HolidaysOf(year int, patronMonth time.Month, patronDay int, cfg AWTConfig) map[time.Time]string {
	hs := make(map[time.Time]string)
	for _, h := range it.Holidays {
		if h.Type != cal.ObservancePublic {
			continue
		}
		actual, _ := h.Calc(year)
		if actual.IsZero() {
			continue
		}
		hs[time.Date(year, actual.Month(), actual.Day(), 0, 0, 0, 0, time.UTC)] = h.Name
	}
	for _, h := range cfg.ExtraHolidays {
		if year >= h.FromYear {
			hs[time.Date(year, h.Month, h.Day, 0, 0, 0, 0, time.UTC)] = h.Name
		}
	}
	if patronMonth > 0 && patronDay > 0 {
		d := time.Date(year, patronMonth, patronDay, 0, 0, 0, 0, time.UTC)
		if _, ok := hs[d]; !ok {
			hs[d] = patronName
		}
	}
	return hs
}

// netWorkdays is the days from from to to, both included, that are
// neither a Saturday, a Sunday nor one of holidays (UTC midnights, as the
// dates are): the weekdays counted by whole weeks, then the holidays on a
// weekday taken away, instead of a lookup per day (it runs for every
// operator and month).
func netWorkdays(from, to time.Time, holidays map[time.Time]string) int {
	if to.Before(from) {
		return 0
	}
	days := int(to.Sub(from)/(24*time.Hour)) + 1
	n := days / 7 * 5
	for i, wd := 0, from.Weekday(); i < days%7; i++ {
		if d := (wd + time.Weekday(i)) % 7; d != time.Saturday && d != time.Sunday {
			n++
		}
	}
	for d, name := range holidays {
		if wd := d.Weekday(); name != "" && wd != time.Saturday && wd != time.Sunday && !d.Before(from) && !d.After(to) {
			n--
		}
	}
	return n
}

// describe is the computation in one Italian line, for tables and rules.
func (a AWT) describe() string {
	return fmt.Sprintf("%d: %d giorni − %d sabati e domeniche − %d festivi = %d; − ferie %s − malattia %s − altre assenze %s (%s) = %s giorni × %s h = %s h",
		a.Year, a.CalendarDays, a.WeekendDays, a.Holidays, a.NetWorkdays,
		italian.Number(a.LeaveDays, 1), italian.Number(a.SickDays, 1), italian.Number(a.OtherDays, 1), a.AbsenceSource,
		italian.Number(a.WorkingDays, 1), italian.Number(a.HoursPerDay, 2), italian.Number(a.Hours, 1))
}
