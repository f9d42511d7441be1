// Package allocate ranks the social workers who could take a new cartella,
// in the manner of HM Prison and Probation Service's "Manage a Workforce":
// the person who allocates sees each practitioner's capacity now and after
// taking the case, and who already knows the person, and decides. The rank
// is an aid, each one explained in a sentence; it never assigns anything.
//
// Criteria, in order:
//  0. presence — a worker the queue finds absent (her cartelle are in it
//     as «titolare assente») comes last, whatever her load;
//  1. continuity — a worker who already holds an open cartella of the same
//     person (matched by pseudonym) comes first;
//  2. capacity — workers whose load after taking the cartella stays within
//     the amber threshold come before those who would go above it, and
//     those above the red threshold come last;
//  3. territory — within the same capacity band, workers allocated to the
//     cartella's comune (or already holding cartelle in its zone) first;
//  4. load after taking it, lowest first; then name.
package allocate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

// Worker is a social worker who could take the cartella.
type Worker struct {
	ID, Name string
	// Weighted is the current weighted caseload (hours per year) and
	// CaseHours the yearly hours available for case work.
	Weighted  float64
	CaseHours float64
	OpenCases int
	// Comuni are the allocation shares by ISTAT code.
	Comuni map[string]float64
	// Zones counts the open cartelle held per zone; People the open
	// cartelle held per person pseudonym.
	Zones  map[string]int
	People map[string][]string
	// Absent is set for a worker the queue finds absent (Team).
	Absent bool
}

// Request is the new cartella.
type Request struct {
	Area       carico.Area
	Complexity int
	ISTAT      string
	ComuneName string // for the sentences
	Zone       string // optional
	Person     string // optional pseudonym
}

// Candidate is a worker's rank and its reason.
type Candidate struct {
	Rank       int
	ID, Name   string
	Continuity []string // the person's open cartelle the worker holds
	Territory  string   // "comune", "zona" or ""
	Share      float64  // allocation share in the comune
	Absent     bool     // the queue finds her absent
	LoadBefore *float64
	LoadAfter  *float64
	Status     model.Status // of the load after
	Reason     string       // Italian
}

// Rank orders the team for req, weighing the new cartella with cfg's
// weights and judging the load with th's thresholds.
func Rank(team []Worker, req Request, weights model.CaseloadConfig, th model.ThresholdsConfig) []Candidate {
	w := weights.Weight(req.Area, req.Complexity)
	out := make([]Candidate, 0, len(team))
	for _, wk := range team {
		c := Candidate{ID: wk.ID, Name: wk.Name, Continuity: wk.People[req.Person], Share: wk.Comuni[req.ISTAT], Absent: wk.Absent}
		if req.Person == "" {
			c.Continuity = nil
		}
		switch {
		case c.Share > 0:
			c.Territory = "comune"
		case req.Zone != "" && wk.Zones[req.Zone] > 0:
			c.Territory = "zona"
		}
		c.LoadBefore, c.LoadAfter = model.Load(wk.Weighted, wk.CaseHours), model.Load(wk.Weighted+w, wk.CaseHours)
		c.Status = model.LoadStatus(wk.Weighted+w, wk.CaseHours, th)
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b Candidate) int {
		return cmp.Or(
			firstIf(!a.Absent, !b.Absent),
			firstIf(len(a.Continuity) > 0, len(b.Continuity) > 0),
			cmp.Compare(a.Status.Rank(), b.Status.Rank()),
			firstIf(a.Territory != "", b.Territory != ""),
			cmp.Compare(loadOr(a.LoadAfter), loadOr(b.LoadAfter)),
			cmp.Compare(a.Name, b.Name))
	})
	for i := range out {
		out[i].Rank = i + 1
		out[i].Reason = reason(out[i], req, w, th)
	}
	return out
}

// firstIf orders a before b when only a has the property.
func firstIf(a, b bool) int {
	switch {
	case a && !b:
		return -1
	case b && !a:
		return 1
	}
	return 0
}

func loadOr(v *float64) float64 {
	if v == nil {
		return 1e9
	}
	return *v
}

// pct is the percentage v after the article or preposition word.
func pct(word string, v float64) string { return italian.Before(word, italian.Number(v*100, 0)) + " %" }

// reason is the sentence that explains a candidate's place.
func reason(c Candidate, req Request, w float64, th model.ThresholdsConfig) string {
	var parts []string
	if c.Absent {
		parts = append(parts, "risulta assente: le sue cartelle sono nella coda come «titolare assente»")
	}
	if n := len(c.Continuity); n > 0 {
		parts = append(parts, fmt.Sprintf("segue già la stessa persona (%s)", plural(n, "cartella aperta", "cartelle aperte")))
	}
	if c.LoadAfter == nil {
		parts = append(parts, "non ha ore disponibili per il lavoro sui casi alla data di riferimento")
	} else {
		load := fmt.Sprintf("con la nuova cartella (%s h/anno) il carico sul tempo per i casi passerebbe %s %s", italian.Number(w, 1), pct("dal", *c.LoadBefore), pct("al", *c.LoadAfter))
		switch c.Status {
		case model.StatusOK:
			load += fmt.Sprintf(", entro la soglia %s", pct("del", th.CaseloadAmber))
		case model.StatusWarning:
			load += fmt.Sprintf(", oltre la soglia di attenzione %s", pct("del", th.CaseloadAmber))
		default:
			load += fmt.Sprintf(", oltre la soglia critica %s", pct("del", th.CaseloadRed))
		}
		parts = append(parts, load)
	}
	name := req.ComuneName
	if name == "" {
		name = req.ISTAT
	}
	switch c.Territory {
	case "comune":
		parts = append(parts, fmt.Sprintf("opera %s (%s del suo tempo)", italian.At(name), italian.Number(c.Share*100, 0)+" %"))
	case "zona":
		parts = append(parts, fmt.Sprintf("non è assegnata a %s ma segue già cartelle nella zona %s", name, req.Zone))
	default:
		parts = append(parts, fmt.Sprintf("non opera %s", italian.At(name)))
	}
	s := strings.Join(parts, "; ")
	return fmt.Sprintf("%d. %s: %s.", c.Rank, c.Name, s)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
