// Package sioss computes the Ambito's annual return for the L. 178/2020
// contribution (art. 1 c. 797 ff.; DM 4 February 2021), entered in the
// Ministry's SIOSS platform by 28 February: the permanent social workers
// of the past year in full-time equivalents averaged over the year, who
// counts and why, the contribution earned, and the forecast of the
// current year. It is pure: it takes typed facts (facts.LoadSioss reads
// them, FromFacts takes them) and never reads a database.
package sioss

import "time"

// day is a calendar day, without time of day or zone.
func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// DaysInYear is 365, or 366 in a leap year.
func DaysInYear(year int) int {
	return int(time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC).Sub(time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// DaysIn counts the calendar days from start to end, both included, that
// fall in year. A zero start means since before the year, a zero end
// still in service. Days are counted exactly: Saturdays, Sundays and
// holidays are days in service like any other, as a contract runs on
// calendar days.
func DaysIn(start, end time.Time, year int) int {
	first := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	if !start.IsZero() && day(start).After(first) {
		first = day(start)
	}
	if !end.IsZero() && day(end).Before(last) {
		last = day(end)
	}
	if last.Before(first) {
		return 0
	}
	return int(last.Sub(first).Hours()/24) + 1
}

// YearFTE is the full-time equivalent a contract period is worth in year:
// its days in the year ÷ the days of the year × its FTE (weekly hours ÷
// the full-time week, model.AWTConfig.FTE). A social worker hired on 1
// July 2025 for 18 of 36 hours is 184 ÷ 365 × 0.5 = 0.2521 FTE of 2025.
func YearFTE(start, end time.Time, fte float64, year int) float64 {
	return float64(DaysIn(start, end, year)) / float64(DaysInYear(year)) * fte
}
