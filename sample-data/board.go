package sampledata

import (
	"fmt"
	"maps"
	"slices"

	"github.com/carico/carico"
)

// Board is the sample's ground truth on the allocation board: the
// cartelle the queue must list because nobody holds them, and the social
// workers the sustained-overload rule must flag. Its plants are new
// records — an operator, cartelle, citizens, diario entries — appended
// once everything else is drawn, from their own random stream: the
// records the other figures rest on stay as they were.
type Board struct {
	// NeverAssigned are open cartelle opened without a holder and never
	// assigned since (in Torre de' Roveri, where no social worker is
	// allocated).
	NeverAssigned []string
	// Absent is the social worker on long leave (maternity, in the
	// absences as «altre assenze») since LeaveFrom, still on the roster
	// and holding the open cartelle AbsentCases; LastEntry is the day of
	// her last diario entry.
	Absent      string
	LeaveFrom   string // yyyy-mm-dd
	LastEntry   string // yyyy-mm-dd
	AbsentCases []string
	// OverloadedAllYear are the social workers the roster designs over the
	// critical threshold at every weekly snapshot of the year before the
	// reference date: a caseload target far above the others' (M001,
	// M012), or a capacity halved by the union secondment (M009) or cut by
	// the coordination (M001).
	OverloadedAllYear []string
	// OverloadRuns are the planted runs: a social worker whose load goes
	// over the critical threshold with a group of cartelle of famiglia e
	// minori, alta complessità, assigned to her on one day, for exactly
	// that many weekly snapshots ending at the reference date. A run
	// shorter than the rule's weeks (4 by default) is a near miss the rule
	// must not flag.
	OverloadRuns map[string]int
	// OverloadCases are the cartelle of the runs, by operator.
	OverloadCases map[string][]string
}

// Cartelle are all the cartelle the board's plants add: what a test of
// the drawn sample alone (its arrivals, its caseload over time) leaves
// out.
func (b Board) Cartelle() []string {
	ids := slices.Concat(b.NeverAssigned, b.AbsentCases)
	for _, op := range slices.Sorted(maps.Keys(b.OverloadCases)) {
		ids = append(ids, b.OverloadCases[op]...)
	}
	return ids
}

// The board's plants, by operator.
const (
	plantAbsent = "M030"
	// plantOverload is overloaded for plantOverloadWeeks weeks, with
	// plantOverloadCases cartelle; plantNearMiss for plantNearMissWeeks
	// (one short of the rule), with plantNearMissCases.
	plantOverload, plantOverloadWeeks, plantOverloadCases = "M010", 6, 10
	plantNearMiss, plantNearMissWeeks, plantNearMissCases = "M002", 3, 8
	plantAbsentCases                                      = 12
)

// plantNeverDays are how many days before the reference date each cartella
// never assigned was opened: one still «nuova» (30 days or less), two
// waiting longer.
var plantNeverDays = []int{9, 47, 96}

// plantBoard appends the board's plants: the absent holder's cartelle and
// diario, the cartelle never assigned, and the overload runs' cartelle.
// It runs after buildDiary: the diario of the plants is drawn here.
func (g *generator) plantBoard() {
	r := g.rBoard
	b := Board{
		Absent: plantAbsent, LeaveFrom: opSpecByID(plantAbsent).leaveFrom,
		OverloadedAllYear: []string{"M001", "M009", "M012"},
		OverloadRuns:      map[string]int{plantOverload: plantOverloadWeeks, plantNearMiss: plantNearMissWeeks},
		OverloadCases:     map[string][]string{},
	}
	var planted []*caseRec
	open := func(ci int, d day, spec *areaSpec, complexity int, o *operator) *caseRec {
		c := &caseRec{seq: len(g.cases), comune: ci, spec: spec, complexity: complexity, opened: d, activeUntil: g.to,
			init: carico.InitiativeOffice, decision: g.nextWorking(d+day(2+r.IntN(8)), ci)}
		if c.decision > g.ref {
			c.decision = 0
		}
		if ci == largestIdx {
			c.zone = seriateZones[r.IntN(len(seriateZones))].name
		}
		if o != nil {
			c.asg = []asgRec{{op: o, from: d}}
		}
		c.person = g.newCitizen(r, spec, d)
		c.id = fmt.Sprint(10001 + len(g.cases))
		c.lastTouch = d
		g.cases = append(g.cases, c)
		planted = append(planted, c)
		return c
	}
	drawSpec := func() *areaSpec {
		ws := make([]weighted[*areaSpec], len(areaSpecs))
		for i := range areaSpecs {
			ws[i] = weighted[*areaSpec]{&areaSpecs[i], areaSpecs[i].share}
		}
		return pick(r, ws)
	}
	drawComplexity := func() int { return pick(r, []weighted[int]{{1, 0.45}, {2, 0.38}, {3, 0.17}}) }

	// The absent holder's cartelle, opened through her service before the
	// leave, and her diario on them until the leave.
	o := g.opByID[plantAbsent]
	leave := mustDay(b.LeaveFrom)
	first := max(o.start, g.from)
	var mine []*caseRec
	for k := range plantAbsentCases {
		d := g.nextWorking(first+day(k*int(leave-60-first)/plantAbsentCases+r.IntN(20)), o.primary)
		c := open(o.primary, d, drawSpec(), drawComplexity(), o)
		mine = append(mine, c)
		b.AbsentCases = append(b.AbsentCases, c.id)
	}
	draw := kindDraw(o)
	nActs := len(g.a.Activities)
	seq := 1900000 // after the diario's entries
	last := day(0)
	for d := first; d <= min(o.end, g.to); d++ {
		if !g.cal.working(d, o.primary) || o.absent[d-g.from] != present {
			continue
		}
		var pool []*caseRec
		for _, c := range mine {
			if c.opened <= d {
				pool = append(pool, c)
			}
		}
		n := len(g.a.Activities)
		g.writeDay(r, o, draw, pool, d, &seq)
		if len(g.a.Activities) > n {
			last = d
		}
	}
	b.LastEntry = last.time().Format("2006-01-02")
	g.a.plantedActs = len(g.a.Activities) - nActs

	// Cartelle of Torre de' Roveri nobody was assigned.
	torre := comuneIndex(istatTorreRov)
	for _, n := range plantNeverDays {
		c := open(torre, g.prevWorking(g.ref-day(n), torre), drawSpec(), drawComplexity(), nil)
		b.NeverAssigned = append(b.NeverAssigned, c.id)
	}

	// The overload runs: the cartelle are assigned on the day of the
	// run's first weekly snapshot (the reference date, 7, 14… days
	// before), so the snapshot a week earlier does not count them.
	family := &areaSpecs[slices.IndexFunc(areaSpecs, func(s areaSpec) bool { return s.area == carico.AreaFamily })]
	for _, run := range []struct {
		id       string
		weeks, n int
	}{{plantOverload, plantOverloadWeeks, plantOverloadCases}, {plantNearMiss, plantNearMissWeeks, plantNearMissCases}} {
		o := g.opByID[run.id]
		d := g.ref - day(7*(run.weeks-1))
		for k := range run.n {
			ci := comuneIndex(o.alloc[k%len(o.alloc)].istat)
			if !g.cal.working(d, ci) {
				panic("sampledata: an overload plant opens on a holiday")
			}
			c := open(ci, d, family, 3, o)
			b.OverloadCases[run.id] = append(b.OverloadCases[run.id], c.id)
		}
	}

	for _, c := range planted {
		g.a.Citizens = append(g.a.Citizens, *c.person)
		g.a.Cases = append(g.a.Cases, g.caseRecord(c))
	}
	g.a.Board = b
	g.a.plantedCases = len(planted)
}
