package model

import (
	"reflect"
	"testing"
	"time"
)

// TestNetWorkdaysDayByDay holds netWorkdays, which counts by whole weeks,
// to its definition checked one day at a time: every range of up to 70
// days starting on each day of 2024 (a leap year) and 2025, with the
// national holidays and a patron day (one on a Saturday in 2025: 21
// June), and with no holidays at all.
func TestNetWorkdaysDayByDay(t *testing.T) {
	t.Parallel()
	byDay := func(from, to time.Time, holidays map[time.Time]string) int {
		n := 0
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday && holidays[d] == "" {
				n++
			}
		}
		return n
	}
	checked := 0
	for _, year := range []int{2024, 2025} {
		for _, holidays := range []map[time.Time]string{HolidaysOf(year, time.June, 21, DefaultConfig().AWT), nil} {
			for from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); from.Year() == year; from = from.AddDate(0, 0, 1) {
				for span := -1; span < 70; span++ {
					to := from.AddDate(0, 0, span)
					if got, want := netWorkdays(from, to, holidays), byDay(from, to, holidays); got != want {
						t.Fatalf("%s–%s: %d working days, want %d", from.Format(time.DateOnly), to.Format(time.DateOnly), got, want)
					}
					checked++
				}
			}
		}
	}
	if checked < 100_000 {
		t.Fatalf("only %d ranges checked", checked)
	}
}

// TestAvailableTimeDayByDay holds AvailableTime's day counts (calendar,
// weekend, holiday days and the holidays listed, in date order), which it
// works out by whole weeks, to the same counts taken one day at a time:
// for contracts starting and ending on every day of 2024 (a leap year)
// and 2025, with and without a patron day (21 June: a Saturday in 2025).
func TestAvailableTimeDayByDay(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig().AWT
	checked := 0
	for _, year := range []int{2024, 2025} {
		for _, patron := range []int{0, 21} {
			holidays := HolidaysOf(year, time.June, patron, cfg)
			first := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
			for day := 0; day < 366; day += 3 {
				start := first.AddDate(0, 0, day)
				for _, end := range []time.Time{{}, start.AddDate(0, 0, 40), start.AddDate(0, 0, 200), first.AddDate(1, 0, 0)} {
					a := AvailableTime(AWTInput{Year: year, WeeklyHours: 36, Start: start, End: end, PatronMonth: time.June, PatronDay: patron}, cfg)
					var want AWT
					to := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
					if !end.IsZero() && end.Before(to) {
						to = end
					}
					for d := start; !d.After(to) && d.Year() == year; d = d.AddDate(0, 0, 1) {
						want.CalendarDays++
						switch {
						case d.Weekday() == time.Saturday || d.Weekday() == time.Sunday:
							want.WeekendDays++
						case holidays[d] != "":
							want.Holidays++
							want.HolidayList = append(want.HolidayList, Holiday{Date{d}, holidays[d]})
							want.PatronCounted = want.PatronCounted || holidays[d] == patronName
						}
					}
					if start.Year() != year {
						continue
					}
					got := AWT{CalendarDays: a.CalendarDays, WeekendDays: a.WeekendDays, Holidays: a.Holidays, HolidayList: a.HolidayList, PatronCounted: a.PatronCounted}
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%d from %s to %s: got %+v, want %+v", year, start.Format(time.DateOnly), to.Format(time.DateOnly), got, want)
					}
					checked++
				}
			}
		}
	}
	if checked < 400 {
		t.Fatalf("only %d contracts checked", checked)
	}
}
