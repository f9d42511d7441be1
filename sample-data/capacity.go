package sampledata

import (
	"slices"
	"time"

	"github.com/carico/carico"
)

// Protected is the sample's ground truth on capacity and protected time:
// who has a reduction, who has no supervision in the diario, the community
// share the responsabile authorised for each social worker, and who falls
// short of it. The plants leave the random streams alone: the register is
// new records, the supervision plant relabels entries already drawn.
type Protected struct {
	Coordinator    string // 20 % for coordination all of lastYear
	NewlyQualified string // in her first year of service on 1 January of lastYear (carico's default share applies)
	Union          string // 50 % union secondment for the second half of lastYear
	// NoSupervision are the social workers whose diario holds no
	// supervision: their «Supervisione» entries are written as training.
	NoSupervision []string
	// CommunityTargets is the community share authorised for each social
	// worker ([protected.community_share] of the configuration).
	CommunityTargets map[string]float64
	// BelowCommunity are the social workers whose designed community share
	// is below the target authorised for them.
	BelowCommunity []string
}

// The plants, by operator.
var (
	plantCoordinator = "M001"
	plantNewly       = "M005"
	plantUnion       = "M009"
	plantNoSuperv    = []string{"M012", "M015"}
	// plantCommunity is the worker authorised more community time than
	// her diario shows, and the share authorised.
	plantCommunity, plantCommunityTarget = "M008", 0.40
)

// plantCapacity writes the capacity register and the protected-time plants
// into the ground truth, and the supervision plants into the diario.
func (g *generator) plantCapacity() {
	a := g.a
	y := func(m time.Month, d int) time.Time { return time.Date(lastYear, m, d, 0, 0, 0, 0, time.UTC) }
	a.Reductions = []carico.Reduction{
		{OperatorID: plantCoordinator, From: y(1, 1), To: y(12, 31), Percent: 20, Reason: carico.ReasonCoordination, Note: "Coordinamento del servizio sociale di Seriate"},
		{OperatorID: plantUnion, From: y(7, 1), To: y(12, 31), Percent: 50, Reason: carico.ReasonUnion},
	}
	p := Protected{Coordinator: plantCoordinator, NewlyQualified: plantNewly, Union: plantUnion,
		NoSupervision: plantNoSuperv, CommunityTargets: map[string]float64{}}
	for _, o := range g.ops {
		if o.role != carico.RoleSocialWorker {
			continue
		}
		// Community time is authorised to those the roster designs with
		// some (a tenth of their time or more), at six tenths of it: the
		// diario's noise stays above; the others have no target.
		t := 0.0
		if o.community >= 0.10 {
			t = float64(int(o.community*60+1e-9)) / 100
		}
		if o.id == plantCommunity {
			t = plantCommunityTarget
		}
		p.CommunityTargets[o.id] = t
		if o.community < t {
			p.BelowCommunity = append(p.BelowCommunity, o.id)
		}
	}
	a.Protected = p
	g.plantSupervision()
}

// supervisionFloor is the supervision, in minutes a calendar year, every
// social worker but the planted ones has in the sample's diario: above the
// 16 hours of carico's default target.
const supervisionFloor = 20 * 60

// plantSupervision moves the supervision of the workers planted without it
// to training, and gives every other social worker at least
// supervisionFloor a year by recording her longest training entries (then,
// if she has too few, her longest meetings and paperwork) as supervision,
// until she reaches it. No entry is added or removed: the
// documented time stays the same.
func (g *generator) plantSupervision() {
	a := g.a
	type key struct {
		op   string
		year int
	}
	have := map[key]int{}
	var training, admin []int
	for i, x := range a.Activities {
		if slices.Contains(plantNoSuperv, x.OperatorID) {
			if x.Kind == carico.KindSupervision {
				a.Activities[i].Kind, a.Activities[i].RawLabel = lFormazione.kind, lFormazione.text
			}
			continue
		}
		if o := g.opByID[x.OperatorID]; o == nil || o.role != carico.RoleSocialWorker {
			continue
		}
		switch x.Kind {
		case carico.KindSupervision:
			have[key{x.OperatorID, x.Date.Year()}] += x.Minutes
		case carico.KindTraining:
			training = append(training, i)
		case carico.KindAdmin:
			admin = append(admin, i)
		}
	}
	longest := func(i, j int) int { return a.Activities[j].Minutes - a.Activities[i].Minutes }
	slices.SortStableFunc(training, longest)
	slices.SortStableFunc(admin, longest)
	for _, i := range append(training, admin...) {
		x := &a.Activities[i]
		k := key{x.OperatorID, x.Date.Year()}
		if have[k] >= supervisionFloor {
			continue
		}
		x.Kind, x.RawLabel = lSuperv.kind, lSuperv.text
		have[k] += x.Minutes
	}
}

// writeCapacity writes the register as the personnel office exports it:
// Cognome, Nome, Dal, Al, Riduzione %, Motivo, Note.
func (a *Ambito) writeCapacity(path string) error {
	f := newCSV(false)
	f.write("Cognome", "Nome", "Dal", "Al", "Riduzione %", "Motivo", "Note")
	for _, r := range a.Reductions {
		s := roster[slices.IndexFunc(roster, func(s opSpec) bool { return s.id == r.OperatorID })]
		to := ""
		if !r.To.IsZero() {
			to = r.To.Format("02/01/2006")
		}
		f.write(s.surname, s.name, r.From.Format("02/01/2006"), to, itDecimal(r.Percent), r.Reason.Label(), r.Note)
	}
	return writeFile(path, f.bytes())
}
