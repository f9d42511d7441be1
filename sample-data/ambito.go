package sampledata

import (
	"math"
	"time"

	"github.com/carico/carico"
)

// comuneSpec is a real comune of the Ambito di Seriate.
type comuneSpec struct {
	istat   string
	name    string
	diario  string  // how vendor A's diario writes the name
	census  int     // ISTAT, 2011 census (real figure)
	growth  float64 // synthetic yearly drift applied to the census base
	patronM time.Month
	patronD int
}

// comuni are the 11 comuni of the Ambito di Seriate with their real ISTAT
// codes and 2011-census populations. The residents of later years are
// synthetic: the census figure drifted by growth per year. The patron-saint
// days are synthetic too (plausible fixed days, not checked against each
// comune's statute); a real Ambito configures its own.
var comuni = []comuneSpec{
	{"016003", "Albano Sant'Alessandro", "Albano S. Alessandro", 8029, 0.0031, time.August, 26},
	{"016018", "Bagnatica", "Bagnatica", 4154, 0.0024, time.June, 24},
	{"016042", "Brusaporto", "Brusaporto", 5393, 0.0042, time.August, 10},
	{"016066", "Cavernago", "Cavernago", 2508, 0.0048, time.September, 8},
	{"016084", "Costa di Mezzate", "Costa di Mezzate", 3271, 0.0019, time.November, 11},
	{"016117", "Grassobbio", "Grassobbio", 6345, 0.0035, time.July, 25},
	{"016139", "Montello", "Montello", 3173, 0.0012, time.June, 29},
	{"016160", "Pedrengo", "Pedrengo", 5799, 0.0027, time.October, 7},
	{"016194", "Scanzorosciate", "Scanzorosciate", 9835, 0.0021, time.September, 29},
	{"016198", "Seriate", "SERIATE", 24336, 0.0036, time.August, 31},
	{"016216", "Torre de' Roveri", "Torre de Roveri", 2310, -0.0008, time.May, 3},
}

const (
	ambitoName  = "Ambito di Seriate"
	province    = "BG"
	largestIdx  = 9 // Seriate
	censusYear  = 2011
	firstYear   = 2023
	lastYear    = 2025
	resYearsEnd = 2026 // residents are given at 1 January of firstYear..resYearsEnd
)

// residentsAt is the synthetic resident population of c at 1 January of year.
func (c comuneSpec) residentsAt(year int) int {
	return int(math.Round(float64(c.census) * math.Pow(1+c.growth, float64(year-censusYear))))
}

func comuneIndex(istat string) int {
	for i, c := range comuni {
		if c.istat == istat {
			return i
		}
	}
	panic("sampledata: unknown comune " + istat)
}

// buildComuni fills the reference records of the Ambito.
func (a *Ambito) buildComuni() {
	for _, c := range comuni {
		a.Comuni = append(a.Comuni, carico.Comune{
			ISTAT: c.istat, Name: c.name, Province: province, Ambito: ambitoName,
			PatronMonth: c.patronM, PatronDay: c.patronD,
		})
		for y := firstYear; y <= resYearsEnd; y++ {
			a.Residents = append(a.Residents, carico.Residents{ISTAT: c.istat, Year: y, Residents: c.residentsAt(y)})
		}
	}
}

// zoneSpec is a quartiere of Seriate. The names recall places of the town
// but the partition, the weights and the adjacency are synthetic.
type zoneSpec struct {
	name   string
	weight float64 // share of residents
	need   float64 // relative rate of cases per resident
}

var seriateZones = []zoneSpec{
	{"Centro", 0.19, 1.0},
	{"Paderno", 0.14, 0.8},
	{"Cassinone", 0.12, 1.3},
	{"Comonte", 0.10, 0.9},
	{"Corridoni", 0.13, 1.5},
	{"Stazione", 0.11, 1.7},
	{"Lungoserio", 0.12, 0.9},
	{"Cerioli", 0.09, 0.7},
}

// seriateAdjacency pairs neighbouring quartieri (synthetic).
var seriateAdjacency = [][2]string{
	{"Centro", "Corridoni"},
	{"Centro", "Lungoserio"},
	{"Centro", "Paderno"},
	{"Centro", "Stazione"},
	{"Cassinone", "Comonte"},
	{"Cassinone", "Stazione"},
	{"Cerioli", "Lungoserio"},
	{"Cerioli", "Paderno"},
	{"Comonte", "Corridoni"},
	{"Corridoni", "Stazione"},
	{"Lungoserio", "Paderno"},
}

func (a *Ambito) buildZones() {
	c := comuni[largestIdx]
	total := c.residentsAt(lastYear + 1)
	left := total
	for i, z := range seriateZones {
		n := int(math.Round(z.weight * float64(total)))
		if i == len(seriateZones)-1 {
			n = left
		}
		left -= n
		a.Zones = append(a.Zones, Zone{Name: z.name, ISTAT: c.istat, Residents: n})
	}
	a.Adjacency = append(a.Adjacency, seriateAdjacency...)
}
