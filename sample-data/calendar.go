package sampledata

import (
	"time"

	"github.com/rickar/cal/v2/it"
)

// Days are counted from epoch so that the generator works on small integers;
// they become time.Time only in the records it returns.
var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

type day int

func dayOf(t time.Time) day {
	return day(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Sub(epoch).Hours() / 24)
}

func dateOf(y int, m time.Month, d int) day { return dayOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) }

func (d day) time() time.Time { return epoch.AddDate(0, 0, int(d)) }

func (d day) weekend() bool {
	wd := d.time().Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// calendar knows the Italian national holidays (rickar/cal, Easter Monday
// included) and each comune's patron-saint day over the span generated.
type calendar struct {
	first, last day
	national    []bool   // indexed by d-first
	patron      [][]bool // per comune index
}

func newCalendar(first, last day) *calendar {
	n := int(last-first) + 1
	c := &calendar{first: first, last: last, national: make([]bool, n)}
	for y := first.time().Year(); y <= last.time().Year(); y++ {
		for _, h := range it.Holidays {
			act, _ := h.Calc(y)
			if d := dayOf(act); d >= first && d <= last {
				c.national[d-first] = true
			}
		}
	}
	for _, cs := range comuni {
		p := make([]bool, n)
		for y := first.time().Year(); y <= last.time().Year(); y++ {
			if d := dateOf(y, cs.patronM, cs.patronD); d >= first && d <= last {
				p[d-first] = true
			}
		}
		c.patron = append(c.patron, p)
	}
	return c
}

// working reports whether d is a working day in comune ci (-1: any comune,
// national holidays only).
func (c *calendar) working(d day, ci int) bool {
	if d.weekend() || c.national[d-c.first] {
		return false
	}
	return ci < 0 || !c.patron[ci][d-c.first]
}
