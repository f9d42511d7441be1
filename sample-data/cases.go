package sampledata

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/carico/carico"
)

// areaSpec holds the arrival share and the length of cases of one area.
// Shares follow the shape of ISTAT's survey of municipal social services
// (famiglia e minori and anziani largest); durations are lognormal.
type areaSpec struct {
	area    carico.Area
	share   float64
	median  float64 // days
	sigma   float64
	label   string // vendor B's label
	oldLbl  string // label of cartelle opened before the ISTAT rename, if different
	minAge  int
	maxAge  int
	foreign float64 // share of people born abroad
}

var areaSpecs = []areaSpec{
	{carico.AreaFamily, 0.31, 600, 0.9, "Famiglia e minori", "", 0, 17, 0.15},
	{carico.AreaElderly, 0.30, 420, 0.9, "Anziani (65 anni e più)", "", 66, 96, 0.03},
	{carico.AreaDisability, 0.13, 900, 0.8, "Disabili", "", 3, 70, 0.06},
	{carico.AreaPoverty, 0.13, 240, 0.8, "Povertà, disagio adulti e senza dimora", "Povertà e disagio adulti", 25, 64, 0.35},
	{carico.AreaMigrants, 0.05, 270, 0.8, "Immigrati, Rom, Sinti e Caminanti", "Immigrati e nomadi", 18, 55, 0.95},
	{carico.AreaAddiction, 0.04, 400, 0.8, "Dipendenze", "", 20, 60, 0.08},
	{carico.AreaMulti, 0.04, 500, 0.9, "Multiutenza", "", 20, 80, 0.10},
}

// istatRename is when vendor B started writing the current ISTAT area
// labels; older cartelle keep the old ones.
var istatRename = dateOf(2018, 1, 1)

// meanCaseDays is the mean length of a case over the area mix.
var meanCaseDays = func() float64 {
	m := 0.0
	for _, s := range areaSpecs {
		m += s.share * s.median * math.Exp(s.sigma*s.sigma/2)
	}
	return m
}()

// monthFactor shapes arrivals over the year: the August dip, a lower
// December (the Christmas weeks are lowered further in arrivalFactor).
var monthFactor = [13]float64{0, 1.05, 1.05, 1.10, 1.00, 1.05, 1.00, 0.95, 0.50, 1.10, 1.15, 1.10, 0.85}

func arrivalFactor(d day) float64 {
	t := d.time()
	f := monthFactor[t.Month()]
	if (t.Month() == time.December && t.Day() >= 20) || (t.Month() == time.January && t.Day() <= 6) {
		f *= 0.4
	}
	return f
}

type weighted[T any] struct {
	v T
	w float64
}

func pick[T any](r *rand.Rand, ws []weighted[T]) T {
	tot := 0.0
	for _, x := range ws {
		tot += x.w
	}
	u := r.Float64() * tot
	for _, x := range ws {
		if u < x.w {
			return x.v
		}
		u -= x.w
	}
	return ws[len(ws)-1].v
}

var closeGeneral = []weighted[carico.CloseReason]{
	{carico.CloseConcluded, 0.50},
	{carico.CloseInactivity, 0.15},
	{carico.CloseTransfer, 0.13},
	{carico.CloseDeath, 0.04},
	{carico.CloseOther, 0.18},
}

var closeElderly = []weighted[carico.CloseReason]{
	{carico.CloseConcluded, 0.30},
	{carico.CloseInactivity, 0.08},
	{carico.CloseTransfer, 0.10},
	{carico.CloseDeath, 0.37},
	{carico.CloseOther, 0.15},
}

var initGeneral = []weighted[carico.Initiative]{
	{carico.InitiativeApplication, 0.62},
	{carico.InitiativeOffice, 0.22},
	{carico.InitiativeOtherBody, 0.16},
}

var initFamily = []weighted[carico.Initiative]{
	{carico.InitiativeApplication, 0.40},
	{carico.InitiativeOffice, 0.20},
	{carico.InitiativeOtherBody, 0.40},
}

// Vendor B's labels. Several vendor labels map onto one canonical value;
// which one a cartella shows is fixed by its ID, so that the export depends
// on the ground truth alone.
var (
	closeVendor = map[carico.CloseReason][]string{
		carico.CloseConcluded:  {"Conclusione progetto", "Conclusione progetto", "Obiettivi raggiunti"},
		carico.CloseInactivity: {"Chiusura d'ufficio per inattività"},
		carico.CloseTransfer:   {"Trasferimento in altro comune", "Cambio residenza"},
		carico.CloseDeath:      {"Decesso"},
		carico.CloseOther:      {"Rinuncia dell'utente", "Rinuncia dell'utente", "Altro"},
	}
	initVendor = map[carico.Initiative][]string{
		carico.InitiativeApplication: {"Istanza di parte"},
		carico.InitiativeOffice:      {"D'ufficio"},
		carico.InitiativeOtherBody:   {"Richiesta di altro ente", "Richiesta di altro ente", "Segnalazione Autorità Giudiziaria"},
	}
	complexityVendor = []string{"", "Bassa", "Media", "Alta"}
)

func vendorLabel[K comparable](m map[K][]string, k K, id string) string {
	ls := m[k]
	if len(ls) == 0 {
		return ""
	}
	return ls[hash(id)%uint64(len(ls))]
}

// closeLabelOf is vendor B's closing label of case c.
func closeLabelOf(c carico.Case) string {
	if c.CloseReason == carico.CloseOther && c.Area == carico.AreaElderly && hash(c.ID)%2 == 0 {
		return "Inserimento in struttura"
	}
	return vendorLabel(closeVendor, c.CloseReason, c.ID)
}

// areaLabelOf is vendor B's area label of case c: cartelle opened before
// the ISTAT rename keep the old labels.
func areaLabelOf(c carico.Case) string {
	for _, s := range areaSpecs {
		if s.area == c.Area {
			if s.oldLbl != "" && dayOf(c.Opened) < istatRename {
				return s.oldLbl
			}
			return s.label
		}
	}
	return ""
}

// caseRec is a case while it is being generated.
type caseRec struct {
	seq         int
	id          string
	person      *Citizen
	comune      int
	zone        string
	spec        *areaSpec // nil: area left blank in the export
	complexity  int
	init        carico.Initiative
	opened      day
	closed      day // 0 while open
	close       carico.CloseReason
	application day // 0: none
	decision    day // 0: none or pending
	activeUntil day // last day the diario may touch the case
	asg         []asgRec
	lastTouch   day
}

type asgRec struct {
	op       *operator
	from, to day // to: 0 while in force
}

func (c *caseRec) openAt(d day) bool { return c.opened <= d && (c.closed == 0 || c.closed >= d) }

// buildCases simulates arrivals per operator and comune from 2010, so that
// the caseload at the start of the diario is in steady state (Little's law:
// open cases ≈ arrivals × mean length), then keeps the cases open at From
// or opened since.
func (g *generator) buildCases() {
	r := g.rCases
	perDay := 365.25 / 251 / meanCaseDays / 0.98 // arrivals per working day per open case targeted
	for _, o := range g.ops {
		if o.role != carico.RoleSocialWorker || o.plant {
			continue
		}
		type stream struct {
			ci    int
			share float64
		}
		var streams []stream
		for _, al := range o.alloc {
			streams = append(streams, stream{comuneIndex(al.istat), al.share})
		}
		if o.extra != "" {
			streams = append(streams, stream{comuneIndex(o.extra), o.extraShare})
		}
		first := max(o.start, g.histFrom)
		if o.id == "M005" { // takes over M006's cases first, new ones from July 2024
			first = dateOf(2024, 7, 1)
		}
		for _, s := range streams {
			rate := o.caseload * o.fte() * s.share * perDay
			for d := first; d <= min(o.end, g.to); d++ {
				if !g.cal.working(d, s.ci) {
					continue
				}
				for n := poisson(r, rate*arrivalFactor(d)); n > 0; n-- {
					g.newCase(o, s.ci, d, nil, nil)
				}
			}
		}
	}
	g.addDuplicates()
	g.assignCases()
	g.finishCases()
}

// newCase opens a case for operator o in comune ci on day d, for person p
// (nil: a new citizen) in area spec (nil: drawn), and draws its course.
func (g *generator) newCase(o *operator, ci int, d day, p *Citizen, spec *areaSpec) *caseRec {
	r := g.rCases
	if spec == nil {
		ws := make([]weighted[*areaSpec], len(areaSpecs))
		for i := range areaSpecs {
			ws[i] = weighted[*areaSpec]{&areaSpecs[i], areaSpecs[i].share}
		}
		spec = pick(r, ws)
	}
	c := &caseRec{seq: len(g.cases), comune: ci, spec: spec, opened: d}
	g.cases = append(g.cases, c)
	if p == nil {
		p = g.newCitizen(r, spec, d)
	}
	c.person = p
	c.complexity = pick(r, []weighted[int]{{1, 0.45}, {2, 0.38}, {3, 0.17}})
	if ci == largestIdx {
		ws := make([]weighted[string], len(seriateZones))
		for i, z := range seriateZones {
			ws[i] = weighted[string]{z.name, z.weight * z.need}
		}
		c.zone = pick(r, ws)
	}
	if spec.area == carico.AreaFamily {
		c.init = pick(r, initFamily)
	} else {
		c.init = pick(r, initGeneral)
	}
	c.asg = []asgRec{{op: o, from: d}}

	// The procedure: istanza or request a few days before the cartella
	// opens, decision mostly within the 30 days of L. 241/1990, with a tail.
	switch c.init {
	case carico.InitiativeApplication, carico.InitiativeOtherBody:
		if r.Float64() >= 0.03 { // a few istanze were never dated: an audit finding
			c.application = g.prevWorking(d-day(r.IntN(8)), ci)
		}
		base := c.application
		if base == 0 {
			base = d
		}
		c.decision = g.nextWorking(base+day(math.Round(min(lognormal(r, 16, 0.6), 200))), ci)
		if d > dateOf(2025, 1, 1) && r.Float64() < 0.04 { // forgotten: still pending
			c.decision = 0
		}
	default:
		c.decision = g.nextWorking(d+day(math.Round(min(lognormal(r, 8, 0.6), 120))), ci)
	}
	if c.decision > g.ref {
		c.decision = 0
	}

	// Course and closure.
	length := day(math.Round(min(lognormal(r, spec.median, spec.sigma), 20000)))
	end := d + max(length, 7)
	if end <= g.ref {
		end = g.nextWorking(end, ci)
	}
	if spec.area == carico.AreaElderly {
		c.close = pick(r, closeElderly)
	} else {
		c.close = pick(r, closeGeneral)
	}
	c.activeUntil = end
	if c.close == carico.CloseInactivity {
		c.activeUntil = max(d, end-day(365+r.IntN(90)))
	}
	if end <= g.ref {
		c.closed = end
	} else {
		c.close = ""
		if d < g.ref-500 && r.Float64() < 0.06 { // dormant: open, but nobody has touched it for over a year
			c.activeUntil = max(d, g.ref-day(366+r.IntN(min(540, int(g.ref-d)-365))))
		}
	}
	if r.Float64() < 0.005 {
		c.spec = nil // area never filled in
	}

	// Some people come back within a year of a concluded case.
	if c.closed != 0 && c.close == carico.CloseConcluded && r.Float64() < 0.12 {
		again := g.nextWorking(c.closed+day(20+r.IntN(310)), ci)
		if again <= g.to && again <= o.end && again >= o.start {
			g.newCase(o, ci, again, p, spec)
		}
	}
	return c
}

// addDuplicates opens a second cartella in the same area for a few people
// who already have one open: the audit must find them.
func (g *generator) addDuplicates() {
	r := g.rCases
	var cand []*caseRec
	for _, c := range g.cases {
		if c.closed == 0 && c.spec != nil && c.opened < g.ref-400 && c.activeUntil >= g.ref-30 {
			cand = append(cand, c)
		}
	}
	for n := 0; n < 5 && len(cand) > 0; n++ {
		i := r.IntN(len(cand))
		orig := cand[i]
		cand = slices.Delete(cand, i, i+1)
		d := g.nextWorking(max(orig.opened, g.from)+day(30+r.IntN(300)), orig.comune)
		o := orig.asg[0].op
		if !o.inService(d) {
			continue
		}
		c := &caseRec{seq: len(g.cases), person: orig.person, comune: orig.comune, zone: orig.zone, spec: orig.spec,
			complexity: 1, init: carico.InitiativeOffice, opened: d,
			activeUntil: d + day(r.IntN(60)), asg: []asgRec{{op: o, from: d}}}
		c.decision = g.nextWorking(d+day(5+r.IntN(10)), c.comune)
		g.cases = append(g.cases, c)
	}
}

// assignCases hands the cases of operators who leave to their successors
// and moves a few cases between colleagues of the same comune.
func (g *generator) assignCases() {
	r := g.rCases
	forgotten := 0
	for _, c := range g.cases {
		end := c.closed
		if end == 0 {
			end = g.ref
		}
		cur := &c.asg[0]
		// Three open cartelle of the fixed-term worker who left in 2025 were
		// never handed over: the audit finds open cases whose operator is no
		// longer in service.
		keep := c.closed == 0 && cur.op.id == "M016" && forgotten < 3
		if keep {
			forgotten++
		}
		if cur.op.end < end && !keep {
			succ := cur.op.successors[comuni[c.comune].istat]
			if len(succ) == 0 {
				panic("sampledata: no successor for " + cur.op.id)
			}
			next := g.opByID[succ[r.IntN(len(succ))]]
			from := cur.op.end + 1
			cur.to = cur.op.end
			c.asg = append(c.asg, asgRec{op: next, from: from})
		}
		if r.Float64() < 0.04 && end >= g.from && !keep {
			last := &c.asg[len(c.asg)-1]
			lo := max(last.from+1, g.from)
			if lo < end {
				d := lo + day(r.IntN(int(end-lo)))
				var others []*operator
				for _, o := range g.ops {
					if o != last.op && o.role == carico.RoleSocialWorker && !o.plant && o.inService(d) && o.end >= end && o.allocated(c.comune) {
						others = append(others, o)
					}
				}
				if len(others) > 0 {
					last.to = d - 1
					c.asg = append(c.asg, asgRec{op: others[r.IntN(len(others))], from: d})
				}
			}
		}
		if c.closed != 0 {
			c.asg[len(c.asg)-1].to = c.closed
		}
	}
}

func (o *operator) allocated(ci int) bool {
	for _, al := range o.alloc {
		if al.istat == comuni[ci].istat {
			return true
		}
	}
	return false
}

// finishCases keeps the cases the export lists, numbers them in order of
// opening and fills the ground truth.
func (g *generator) finishCases() {
	kept := g.cases[:0]
	for _, c := range g.cases {
		if c.closed == 0 || c.closed >= g.from {
			kept = append(kept, c)
		}
	}
	slices.SortStableFunc(kept, func(a, b *caseRec) int {
		if a.opened != b.opened {
			return int(a.opened - b.opened)
		}
		return a.seq - b.seq
	})
	g.cases = kept
	seen := map[*Citizen]bool{}
	for i, c := range kept {
		c.id = fmt.Sprint(10001 + i)
		c.lastTouch = c.opened
		if !seen[c.person] {
			seen[c.person] = true
			g.a.Citizens = append(g.a.Citizens, *c.person)
		}
	}
	for _, c := range kept {
		g.a.Cases = append(g.a.Cases, g.caseRecord(c))
	}
}

// caseRecord is the ground-truth record of c.
func (g *generator) caseRecord(c *caseRec) carico.Case {
	rec := carico.Case{
		ID: c.id, Person: c.person.CF, ISTAT: comuni[c.comune].istat, Zone: c.zone,
		Complexity: c.complexity, Initiative: c.init, Opened: c.opened.time(),
		CloseReason: c.close,
	}
	if len(c.asg) > 0 { // a cartella never assigned has no holder
		rec.OperatorID = c.asg[len(c.asg)-1].op.id
	}
	if c.spec != nil {
		rec.Area = c.spec.area
	}
	if c.closed != 0 {
		rec.Closed = c.closed.time()
	}
	if c.application != 0 {
		rec.Application = c.application.time()
	}
	if c.decision != 0 {
		rec.Decision = c.decision.time()
	}
	for _, as := range c.asg {
		a := carico.Assignment{CaseID: c.id, OperatorID: as.op.id, From: as.from.time()}
		if as.to != 0 {
			a.To = as.to.time()
		}
		rec.Assignments = append(rec.Assignments, a)
	}
	return rec
}

func (g *generator) nextWorking(d day, ci int) day {
	for !g.cal.working(d, ci) {
		d++
	}
	return d
}

func (g *generator) prevWorking(d day, ci int) day {
	for !g.cal.working(d, ci) {
		d--
	}
	return d
}

// newCitizen draws from r a person for a case of area spec opened on d,
// with a codice fiscale unique in the Ambito.
func (g *generator) newCitizen(r *rand.Rand, spec *areaSpec, d day) *Citizen {
	for {
		p := &Citizen{Sex: 'M'}
		female := 0.5
		if spec.area == carico.AreaElderly {
			female = 0.62
		}
		if r.Float64() < female {
			p.Sex = 'F'
		}
		age := spec.minAge + r.IntN(spec.maxAge-spec.minAge+1)
		if spec.area == carico.AreaFamily && r.Float64() < 0.35 { // a parent rather than the child
			age = 22 + r.IntN(29)
		}
		p.BirthDate = (d - day(age*365+r.IntN(365))).time()
		if r.Float64() < spec.foreign {
			f := foreign[r.IntN(len(foreign))]
			p.BirthPlace = f.place
			p.Surname = f.surnames[r.IntN(len(f.surnames))]
			if p.Sex == 'F' {
				p.Name = f.namesF[r.IntN(len(f.namesF))]
			} else {
				p.Name = f.namesM[r.IntN(len(f.namesM))]
			}
		} else {
			ws := make([]weighted[string], len(placesIT))
			for i, pl := range placesIT {
				ws[i] = weighted[string]{pl.code, pl.weight}
			}
			p.BirthPlace = pick(r, ws)
			p.Surname = surnamesIT[r.IntN(len(surnamesIT))]
			if p.Sex == 'F' {
				p.Name = namesF[r.IntN(len(namesF))]
			} else {
				p.Name = namesM[r.IntN(len(namesM))]
			}
		}
		p.CF = codiceFiscale(p.Surname, p.Name, p.Sex, p.BirthDate, p.BirthPlace)
		if !g.people[p.CF] {
			g.people[p.CF] = true
			return p
		}
	}
}

// poisson draws from a Poisson distribution with a small mean (Knuth).
func poisson(r *rand.Rand, mean float64) int {
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}
