package sampledata

import (
	"math/rand/v2"
	"time"
)

// generator holds the state of one Generate call. Each part draws from its
// own random stream, so that changing how (say) leave is drawn does not
// reshuffle the cases.
type generator struct {
	a        *Ambito
	cal      *calendar
	from, to day // period of the diario
	ref      day
	histFrom day // arrivals are simulated from here so that the caseload at From is in steady state

	rLeave, rCases, rDiary *rand.Rand
	rBoard                 *rand.Rand // the allocation board's plants (board.go)

	ops    []*operator
	opByID map[string]*operator
	cases  []*caseRec
	people map[string]bool // codici fiscali in use
}

// Generate builds the synthetic Ambito for seed. It is deterministic: the
// same seed gives the same Ambito.
func Generate(seed int64) *Ambito { return generate(seed).a }

func generate(seed int64) *generator {
	a := &Ambito{
		Name:    ambitoName,
		From:    time.Date(firstYear, 1, 1, 0, 0, 0, 0, time.UTC),
		To:      time.Date(lastYear, 12, 31, 0, 0, 0, 0, time.UTC),
		RefDate: time.Date(lastYear, 12, 31, 0, 0, 0, 0, time.UTC),
	}
	s := uint64(seed)
	g := &generator{
		a:        a,
		from:     dayOf(a.From),
		to:       dayOf(a.To),
		ref:      dayOf(a.RefDate),
		histFrom: dateOf(2010, 1, 1),
		rLeave:   rand.New(rand.NewPCG(s, 0x1ea5e)),
		rCases:   rand.New(rand.NewPCG(s, 0xca5e5)),
		rDiary:   rand.New(rand.NewPCG(s, 0xd1a7)),
		rBoard:   rand.New(rand.NewPCG(s, 0xb0a7d)),
		opByID:   map[string]*operator{},
		people:   map[string]bool{},
	}
	g.cal = newCalendar(g.histFrom-60, g.to+400)
	a.buildComuni()
	a.buildZones()
	g.buildStaff()
	for _, o := range g.ops {
		g.opByID[o.id] = o
	}
	g.buildCases()
	g.buildDiary()
	g.plantBoard()
	g.plantCapacity()
	return g
}
