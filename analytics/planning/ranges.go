package planning

import (
	"fmt"
	"math"

	"github.com/carico/carico/internal/italian"
)

// Range is what one lever of a scenario may take: beyond it a figure is
// no longer a plan but a slip of the keyboard (a billion hires, a comune
// losing every resident), which would land in the council's report.
type Range struct {
	Min, Max float64
	// MinExcluded says the lever must be above Min (an FTE or a weight of
	// zero means nothing).
	MinExcluded bool
	Unit        string
}

// The ranges of the scenario levers, checked on every scenario file and
// form (docs/planning.md states them).
var (
	// StaffFTERange bounds the FTE one staff change hires, reduces or moves.
	StaffFTERange = Range{Min: 0, Max: 100, MinExcluded: true, Unit: "FTE"}
	// PopulationRange bounds the change of a comune's residents, in %.
	PopulationRange = Range{Min: -50, Max: 50, Unit: "%"}
	// ArrivalsRange bounds the change of an area's new cases, in %.
	ArrivalsRange = Range{Min: -90, Max: 300, Unit: "%"}
	// WeightRange bounds a case weight, in hours per case a year.
	WeightRange = Range{Min: 0, Max: 1000, MinExcluded: true, Unit: "ore per caso l'anno"}
)

// Check says, in Italian, why v is outside the range; nil when inside.
func (r Range) Check(v float64) error {
	low := v < r.Min || (r.MinExcluded && v == r.Min)
	if !math.IsNaN(v) && !low && v <= r.Max {
		return nil
	}
	span := "da " + italian.Number(r.Min, -1) + " a "
	if r.MinExcluded {
		span = "più di " + italian.Number(r.Min, -1) + ", fino a "
	}
	return fmt.Errorf("%s fuori dall'intervallo ammesso (%s%s %s)", italian.Number(v, -1), span, italian.Number(r.Max, -1), r.Unit)
}
