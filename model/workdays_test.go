package model

import (
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
