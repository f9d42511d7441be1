package sampledata

import (
	"math"
	"slices"

	"github.com/carico/carico"
)

// Shape makes another Ambito from the sample, for the tests that check
// every output on more than one shape of data: a week of other hours,
// more staff on part time, staff who keep no diario, patron days known for
// some comuni only, a diario line with two bad cells. The zero Shape is the
// sample itself.
type Shape struct {
	// FullTimeHours rescales every contract to a full-time week of these
	// hours (38 in some regional contracts); 0 keeps the sample's 36.
	FullTimeHours float64
	// PartTime puts these operators on half the full-time week.
	PartTime []string
	// NoDiary lists operators who keep no diario: their entries are left
	// out of the exports and of the ground truth.
	NoDiary []string
	// PatronComuni keeps the patron-saint day of the first n comuni only
	// (in the order of the population export), whose column is then empty
	// for the others; 0 keeps them all.
	PatronComuni int
	// DoubleFault writes, in the earlier diario export, one more broken
	// line with two bad cells (a date that does not exist and a duration
	// that is not one): one rejected line, two reasons.
	DoubleFault bool
}

// OtherShape is the second Ambito of the consistency tests: a 38-hour
// week, two more part-timers (a social worker and a clerk), a social
// worker and an educator who keep no diario, patron days for four comuni
// out of eleven, a line with two bad cells.
var OtherShape = Shape{
	FullTimeHours: 38,
	PartTime:      []string{"M003", "M027"},
	NoDiary:       []string{"M005", "M019"},
	PatronComuni:  4,
	DoubleFault:   true,
}

// GenerateShape builds the Ambito of seed and reshapes it as s.
func GenerateShape(seed int64, s Shape) *Ambito {
	a := Generate(seed)
	if s.FullTimeHours > 0 {
		for i := range a.Operators {
			o := &a.Operators[i]
			o.WeeklyHours = math.Round(o.WeeklyHours*s.FullTimeHours/carico.FullTimeHours*10) / 10
		}
	}
	full := carico.FullTimeHours
	if s.FullTimeHours > 0 {
		full = s.FullTimeHours
	}
	for i := range a.Operators {
		if slices.Contains(s.PartTime, a.Operators[i].ID) {
			a.Operators[i].WeeklyHours = full / 2
		}
	}
	if len(s.NoDiary) > 0 {
		kept := a.Activities[:0]
		dropped := map[string]bool{}
		for _, ac := range a.Activities {
			if slices.Contains(s.NoDiary, ac.OperatorID) {
				dropped[ac.ID] = true
				continue
			}
			kept = append(kept, ac)
		}
		a.Activities = kept
		revised := a.Revised[:0]
		for _, r := range a.Revised {
			if !dropped[r.ActivityID] {
				revised = append(revised, r)
			}
		}
		a.Revised = revised
	}
	if s.PatronComuni > 0 {
		for i := range a.Comuni {
			if i >= s.PatronComuni {
				a.Comuni[i].PatronMonth, a.Comuni[i].PatronDay = 0, 0
			}
		}
	}
	a.doubleFault = s.DoubleFault
	return a
}
