package sampledata

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/carico/carico"
)

// actLabel is one of vendor A's activity types: its free-text label, the
// canonical kind the bundled profile maps it to, and its lognormal duration.
type actLabel struct {
	text   string
	kind   carico.Kind
	onCase bool
	median float64 // minutes
	sigma  float64
}

var (
	lColloquio  = &actLabel{"Colloquio in sede", carico.KindCase, true, 45, 0.4}
	lTelefono   = &actLabel{"Contatto telefonico", carico.KindCase, true, 10, 0.5}
	lCartella   = &actLabel{"Aggiornamento cartella", carico.KindCase, true, 20, 0.5}
	lVisita     = &actLabel{"Visita domiciliare", carico.KindCase, true, 90, 0.35}
	lRete       = &actLabel{"Colloquio con la rete familiare", carico.KindCase, true, 50, 0.4}
	lEquipe     = &actLabel{"Équipe multiprofessionale", carico.KindCase, true, 90, 0.3}
	lServizi    = &actLabel{"Incontro con servizi specialistici (CPS, SerD, NPIA)", carico.KindCase, true, 60, 0.35}
	lTribunale  = &actLabel{"Relazione al Tribunale", carico.KindCase, true, 120, 0.4}
	lAccomp     = &actLabel{"Accompagnamento", carico.KindCase, true, 120, 0.4}
	lEduDom     = &actLabel{"Intervento educativo domiciliare", carico.KindCase, true, 120, 0.3}
	lProtetto   = &actLabel{"Incontro protetto", carico.KindCase, true, 75, 0.3}
	lSAD        = &actLabel{"Assistenza domiciliare (SAD)", carico.KindCase, true, 60, 0.35}
	lIgiene     = &actLabel{"Igiene personale a domicilio", carico.KindCase, true, 45, 0.3}
	lTavoloAnz  = &actLabel{"Tavolo territoriale anziani", carico.KindCommunity, false, 120, 0.3}
	lTavoloMin  = &actLabel{"Tavolo minori e famiglia", carico.KindCommunity, false, 120, 0.3}
	lAssoc      = &actLabel{"Lavoro di rete con associazioni", carico.KindCommunity, false, 75, 0.4}
	lProgetto   = &actLabel{"Progetto di comunità", carico.KindCommunity, false, 90, 0.4}
	lOratorio   = &actLabel{"Incontro con parrocchia e oratorio", carico.KindCommunity, false, 60, 0.35}
	lCentroAnz  = &actLabel{"Animazione centro anziani", carico.KindCommunity, false, 90, 0.3}
	lSegr       = &actLabel{"Segretariato sociale", carico.KindAccess, false, 25, 0.5}
	lSportello  = &actLabel{"Sportello informativo", carico.KindAccess, false, 15, 0.5}
	lRiunione   = &actLabel{"Riunione di servizio", carico.KindAdmin, false, 90, 0.3}
	lPratica    = &actLabel{"Pratica amministrativa", carico.KindAdmin, false, 30, 0.6}
	lProtocollo = &actLabel{"Protocollo e corrispondenza", carico.KindAdmin, false, 20, 0.5}
	lAtti       = &actLabel{"Determine e atti", carico.KindAdmin, false, 60, 0.5}
	lSIUSS      = &actLabel{"Debito informativo SIUSS", carico.KindAdmin, false, 45, 0.4}
	lFormazione = &actLabel{"Formazione", carico.KindTraining, false, 240, 0.4}
	lSuperv     = &actLabel{"Supervisione", carico.KindSupervision, false, 120, 0.2}
	lAltro      = &actLabel{"Altro", carico.KindOther, false, 30, 0.5}
)

// allLabels lists every label the diario uses, for the bundled profile test.
var allLabels = []*actLabel{lColloquio, lTelefono, lCartella, lVisita, lRete, lEquipe, lServizi, lTribunale, lAccomp,
	lEduDom, lProtetto, lSAD, lIgiene, lTavoloAnz, lTavoloMin, lAssoc, lProgetto, lOratorio, lCentroAnz,
	lSegr, lSportello, lRiunione, lPratica, lProtocollo, lAtti, lSIUSS, lFormazione, lSuperv, lAltro}

type labelMix map[carico.Kind][]weighted[*actLabel]

// mixes says which labels each role uses, and how often within a kind.
var mixes = map[carico.Role]labelMix{
	carico.RoleSocialWorker: {
		carico.KindCase: {{lColloquio, 28}, {lTelefono, 45}, {lCartella, 18}, {lVisita, 10}, {lRete, 6}, {lEquipe, 4},
			{lServizi, 4}, {lTribunale, 3}, {lAccomp, 1}},
		carico.KindCommunity: {{lTavoloAnz, 3}, {lTavoloMin, 3}, {lAssoc, 4}, {lProgetto, 3}, {lOratorio, 2}},
		carico.KindAccess:    {{lSegr, 1}},
		carico.KindAdmin:     {{lRiunione, 3}, {lPratica, 5}, {lProtocollo, 2}, {lSIUSS, 1}},
		carico.KindTraining:  {{lFormazione, 1}, {lSuperv, 2}},
		carico.KindOther:     {{lAltro, 1}},
	},
	carico.RoleEducator: {
		carico.KindCase:      {{lEduDom, 40}, {lProtetto, 15}, {lColloquio, 10}, {lTelefono, 30}, {lEquipe, 5}, {lCartella, 10}},
		carico.KindCommunity: {{lProgetto, 4}, {lOratorio, 4}, {lAssoc, 3}, {lTavoloMin, 2}},
		carico.KindAdmin:     {{lRiunione, 3}, {lPratica, 1}},
		carico.KindTraining:  {{lFormazione, 1}, {lSuperv, 1}},
		carico.KindOther:     {{lAltro, 1}},
	},
	carico.RoleCareWorker: {
		carico.KindCase:      {{lSAD, 60}, {lIgiene, 25}, {lAccomp, 10}, {lTelefono, 15}},
		carico.KindCommunity: {{lCentroAnz, 1}},
		carico.KindAdmin:     {{lRiunione, 1}, {lPratica, 1}},
		carico.KindTraining:  {{lFormazione, 1}},
		carico.KindOther:     {{lAltro, 1}},
	},
	carico.RoleClerk: {
		carico.KindAccess:   {{lSportello, 3}, {lSegr, 1}},
		carico.KindAdmin:    {{lPratica, 4}, {lProtocollo, 4}, {lAtti, 2}, {lSIUSS, 1}, {lRiunione, 1}},
		carico.KindTraining: {{lFormazione, 1}},
		carico.KindOther:    {{lAltro, 1}},
	},
}

// areasFor are the areas whose cases educators and care workers follow.
var areasFor = map[carico.Role][]carico.Area{
	carico.RoleEducator:   {carico.AreaFamily, carico.AreaDisability, carico.AreaMulti},
	carico.RoleCareWorker: {carico.AreaElderly, carico.AreaDisability},
}

// timeShares is the share of documented time by kind for o.
func timeShares(o *operator) map[carico.Kind]float64 {
	s := map[carico.Kind]float64{carico.KindCommunity: o.community, carico.KindAccess: o.access, carico.KindOther: 0.01}
	switch o.role {
	case carico.RoleSocialWorker:
		s[carico.KindAdmin], s[carico.KindTraining] = 0.10, 0.04
	case carico.RoleEducator:
		s[carico.KindAdmin], s[carico.KindTraining] = 0.08, 0.05
	case carico.RoleCareWorker:
		s[carico.KindAdmin], s[carico.KindTraining] = 0.05, 0.03
	case carico.RoleClerk:
		s[carico.KindTraining] = 0.03
		s[carico.KindAdmin] = 1 - o.access - 0.03 - 0.01
		return s
	}
	s[carico.KindCase] = 1 - o.community - o.access - s[carico.KindAdmin] - s[carico.KindTraining] - 0.01
	return s
}

// kindDraw turns time shares into the probability of drawing each kind
// for the next activity: share of time ÷ mean minutes of the kind.
func kindDraw(o *operator) []weighted[carico.Kind] {
	mix := mixes[o.role]
	shares := timeShares(o)
	var ws []weighted[carico.Kind]
	for _, k := range carico.Kinds {
		if shares[k] <= 0 || len(mix[k]) == 0 {
			continue
		}
		tot, mean := 0.0, 0.0
		for _, l := range mix[k] {
			tot += l.w
			mean += l.w * l.v.median * math.Exp(l.v.sigma*l.v.sigma/2)
		}
		ws = append(ws, weighted[carico.Kind]{k, shares[k] / (mean / tot)})
	}
	return ws
}

// buildDiary writes the diario day by day: every operator in service, on a
// working day of their comune and not on leave, documents a share of their
// contract time (their coverage) in activities drawn by kind.
func (g *generator) buildDiary() {
	r := g.rDiary
	draws := make([]([]weighted[carico.Kind]), len(g.ops))
	for i, o := range g.ops {
		draws[i] = kindDraw(o)
	}
	byOp := map[*operator][]*caseRec{}
	byComune := make([][]*caseRec, len(comuni))
	seq := 1000000
	g.a.Activities = make([]carico.Activity, 0, 50000*(lastYear-firstYear+1))
	var active []*caseRec // cases the diario may touch, kept as a sliding window
	next := 0
	for d := g.from; d <= g.to; d++ {
		clear(byOp)
		for i := range byComune {
			byComune[i] = byComune[i][:0]
		}
		for ; next < len(g.cases) && g.cases[next].opened <= d; next++ {
			active = append(active, g.cases[next])
		}
		active = slices.DeleteFunc(active, func(c *caseRec) bool { return c.activeUntil < d || !c.openAt(d) })
		for _, c := range active {
			if op := c.operatorAt(d); op != nil {
				byOp[op] = append(byOp[op], c)
			}
			byComune[c.comune] = append(byComune[c.comune], c)
		}
		for i, o := range g.ops {
			if o.plant || !o.inService(d) || !g.cal.working(d, o.primary) || o.absent[d-g.from] != present {
				continue
			}
			var pool []*caseRec
			if o.role == carico.RoleSocialWorker {
				pool = byOp[o]
			} else if areas := areasFor[o.role]; areas != nil {
				for _, al := range o.alloc {
					for _, c := range byComune[comuneIndex(al.istat)] {
						if c.spec != nil && slices.Contains(areas, c.spec.area) {
							pool = append(pool, c)
						}
					}
				}
			}
			g.writeDay(r, o, draws[i], pool, d, &seq)
		}
	}
	g.revise()
}

// writeDay writes one working day of o's diario on d, drawing from r: a
// share of her contract time (her coverage) in activities drawn by kind
// from draw, the case work on the cartelle of pool. seq numbers the
// entries.
func (g *generator) writeDay(r *rand.Rand, o *operator, draw []weighted[carico.Kind], pool []*caseRec, d day, seq *int) {
	budget := o.hours / 5 * 60 * o.coverage * diaryMonthFactor(o.id, d) * (0.8 + 0.4*r.Float64())
	t := 8*60 + 5*r.IntN(9)
	used := 0.0
	for n := 0; used < budget; n++ {
		k := pick(r, draw)
		lab := pick(r, mixes[o.role][k])
		mins := max(5, int(math.Round(lognormal(r, lab.median, lab.sigma)/5))*5)
		mins = min(mins, 480)
		if n > 0 && used+float64(mins) > budget+30 {
			break
		}
		if t+mins > 19*60 {
			break
		}
		var c *caseRec
		if lab.onCase {
			if c = g.pickCase(r, pool, d); c == nil {
				lab = lPratica
			}
		}
		ci := -1
		if c != nil {
			ci = c.comune
			c.lastTouch = d
		} else if ci = g.pickComune(r, o, d); ci < 0 {
			break
		}
		*seq++
		a := carico.Activity{
			ID: fmt.Sprint(*seq), Date: d.time().Add(time.Duration(t) * time.Minute), OperatorID: o.id,
			Kind: lab.kind, Minutes: mins, ISTAT: comuni[ci].istat, RawLabel: lab.text,
		}
		if c != nil {
			a.CaseID = c.id
		}
		g.a.Activities = append(g.a.Activities, a)
		t += mins + 5*r.IntN(4)
		used += float64(mins)
	}
}

// diaryMonthFactor makes an operator's diario more or less complete from month
// to month (0,75–1,15 of the usual coverage; ASSUMPTION: busy months, a
// backlog of entries never written), fixed by the operator and the month.
func diaryMonthFactor(id string, d day) float64 {
	h := fnv.New32a()
	h.Write([]byte(id + d.time().Format("2006-01")))
	return 0.75 + 0.4*float64(h.Sum32()%1000)/1000
}

// operatorAt is the operator the case is assigned to on d.
func (c *caseRec) operatorAt(d day) *operator {
	for _, a := range c.asg {
		if a.from <= d && (a.to == 0 || a.to >= d) {
			return a.op
		}
	}
	return nil
}

// pickCase chooses the case an activity is about: often the one least
// recently touched (so that no active case goes a year without an entry),
// otherwise at random with more weight on complex cases.
func (g *generator) pickCase(r *rand.Rand, pool []*caseRec, d day) *caseRec {
	if len(pool) == 0 {
		return nil
	}
	if r.Float64() < 0.3 {
		var best *caseRec
		for _, c := range pool {
			if g.cal.working(d, c.comune) && (best == nil || c.lastTouch < best.lastTouch) {
				best = c
			}
		}
		return best
	}
	for range 40 {
		c := pool[r.IntN(len(pool))]
		if g.cal.working(d, c.comune) && r.Float64() < intensity(c) {
			return c
		}
	}
	return nil
}

// intensity is how much of a worker's case time a cartella draws, relative
// to the most demanding (famiglia e minori, alta complessità). ASSUMPTION,
// set so that the time recorded per case-year follows the shape of the
// standard weights in model/defaults.toml: about 1 : 2 : 4 between bassa,
// media and alta complessità, and about half as much for anziani as for
// famiglia e minori (tutela, Tribunale, équipe).
func intensity(c *caseRec) float64 {
	cx := [4]float64{0, 0.22, 0.45, 1}[min(max(c.complexity, 1), 3)]
	area := 0.7
	if c.spec != nil {
		area = areaIntensity[c.spec.area]
	}
	return cx * area
}

var areaIntensity = map[carico.Area]float64{
	carico.AreaFamily: 1, carico.AreaAddiction: 0.8, carico.AreaMulti: 0.8,
	carico.AreaDisability: 0.6, carico.AreaMigrants: 0.6, carico.AreaPoverty: 0.6, carico.AreaElderly: 0.5,
}

// pickComune chooses the comune of non-case work by allocation share,
// avoiding comuni on their patron-saint day; -1 if none is open.
func (g *generator) pickComune(r *rand.Rand, o *operator, d day) int {
	var ws []weighted[int]
	for _, al := range o.alloc {
		if ci := comuneIndex(al.istat); g.cal.working(d, ci) {
			ws = append(ws, weighted[int]{ci, al.share})
		}
	}
	if len(ws) == 0 {
		return -1
	}
	return pick(r, ws)
}

// revise picks a handful of entries in the overlap of the two diario
// exports whose duration the later export corrects.
func (g *generator) revise() {
	r := g.rDiary
	lo, hi := dateOf(lastYear, 1, 1), dateOf(lastYear, 6, 30)
	var idx []int
	for i, a := range g.a.Activities {
		if d := dayOf(a.Date); d >= lo && d <= hi {
			idx = append(idx, i)
		}
	}
	for range 8 {
		i := idx[r.IntN(len(idx))]
		a := &g.a.Activities[i]
		if slices.ContainsFunc(g.a.Revised, func(v Revision) bool { return v.ActivityID == a.ID }) {
			continue
		}
		old := a.Minutes
		a.Minutes = max(5, old+[]int{-15, 15, 30, 45, 60}[r.IntN(5)])
		g.a.Revised = append(g.a.Revised, Revision{ActivityID: a.ID, OldMinutes: old, NewMinutes: a.Minutes})
	}
}
