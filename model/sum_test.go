package model

import (
	"testing"

	"github.com/carico/carico"
)

// Sum adds the minutes and the available hours of its spans and derives
// the rest as for one span: 90 + 30 min of 4 + 2 h available = 2 h
// documented, coverage 1/3.
func TestSumTimeSplits(t *testing.T) {
	t.Parallel()
	a := TimeSplit{Minutes: Minutes{carico.Kind("colloquio"): 90}, AvailableHours: 4}
	b := TimeSplit{Minutes: Minutes{carico.Kind("colloquio"): 10, carico.Kind("visita"): 20}, AvailableHours: 2}
	s := Sum(a, b)
	if s.DocumentedHours != 2 || s.AvailableHours != 6 || s.Coverage == nil || *s.Coverage != 2.0/6 {
		t.Errorf("Sum = %+v", s)
	}
	if s.Minutes["colloquio"] != 100 || s.Minutes["visita"] != 20 || a.Minutes["colloquio"] != 90 {
		t.Errorf("minutes %v (the first span's %v must not change)", s.Minutes, a.Minutes)
	}
	if z := Sum(); z.Coverage != nil || z.DocumentedHours != 0 {
		t.Errorf("Sum() = %+v", z)
	}
}
