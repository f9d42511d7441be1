package planning

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/model"
)

// ZoneRequest says which units to group and how.
type ZoneRequest struct {
	// Comune is the ISTAT code of the comune whose quartieri are grouped;
	// "" groups the comuni of the Ambito.
	Comune string
	// K is the number of zones.
	K int
	// Adjacency is the file of neighbouring units (unit;neighbour).
	Adjacency string
	// Current is the organisation to compare with: "area" (the thematic
	// teams) or a file of unit;zone pairs.
	Current string
}

// ZonePlan is a proposal of K zones against the current organisation, both
// sized in FTE by role. Units and Edges are kept for the reports' graph.
type ZonePlan struct {
	ReferenceDate string                  `json:"reference_date"`
	Level         string                  `json:"level"` // comuni | quartieri
	Comune        string                  `json:"comune,omitempty"`
	K             int                     `json:"k"`
	HoursPerFTE   float64                 `json:"hours_per_fte"` // case-work hours of one FTE in the year
	RoleMix       map[carico.Role]float64 `json:"role_mix"`
	Current       CurrentZones            `json:"current"`
	Proposed      Partition               `json:"proposed"`
	Units         []Unit                  `json:"-"`
	Edges         [][2]string             `json:"-"`
}

// CurrentZones is the organisation the proposal is compared with.
type CurrentZones struct {
	Basis string `json:"basis"` // "area" (thematic teams) or "zone" (the file given)
	Partition
}

// PlanZones proposes r.K zones of the units — the quartieri of r.Comune, or
// the comuni of the Ambito — joined by the pairs of the adjacency file, and
// compares them with the current organisation.
func PlanZones(ctx context.Context, db facts.Queryer, base Baseline, at time.Time, cfg *model.Config, r ZoneRequest) (ZonePlan, error) {
	units, byArea, err := ZoneUnits(ctx, db, base, at, r.Comune, cfg.Caseload)
	if err != nil {
		return ZonePlan{}, err
	}
	known := map[string]bool{}
	for _, u := range units {
		known[u.ID] = true
	}
	isUnit := func(s string) bool { return known[s] }
	edges, err := readPairsFile(r.Adjacency, isUnit)
	if err != nil {
		return ZonePlan{}, err
	}
	for _, pair := range edges {
		if !known[pair[1]] {
			return ZonePlan{}, fmt.Errorf("%s: unità confinante sconosciuta %q", r.Adjacency, pair[1])
		}
	}
	proposed, err := ProposeZones(units, edges, r.K)
	if err != nil {
		return ZonePlan{}, err
	}
	cur := CurrentZones{Basis: "area", Partition: Partition{Zones: byArea}}
	cur.Dispersion = Disperse(byArea)
	if r.Current != "" && r.Current != "area" {
		pairs, err := readPairsFile(r.Current, isUnit)
		if err != nil {
			return ZonePlan{}, err
		}
		assign := map[string]string{}
		for _, p := range pairs {
			assign[p[0]] = p[1]
		}
		cur.Basis = "zone"
		if cur.Partition, err = GroupUnits(units, assign); err != nil {
			return ZonePlan{}, err
		}
	}
	var scope map[string]bool
	level := "comuni"
	if r.Comune != "" {
		scope, level = map[string]bool{r.Comune: true}, "quartieri"
	}
	mix := RoleMix(base, scope)
	hours := model.CaseHours(base.HoursPerFTE, cfg.Thresholds.CaseTimeShare, 1)
	SizeZones(proposed.Zones, hours, mix)
	SizeZones(cur.Zones, hours, mix)
	return ZonePlan{ReferenceDate: at.Format(time.DateOnly), Level: level, Comune: r.Comune, K: r.K,
		HoursPerFTE: hours, RoleMix: mix, Current: cur, Proposed: proposed, Units: units, Edges: edges}, nil
}

// ZonedComune is the comune whose open cartelle carry a quartiere most
// often on date at, or "" when none carries one.
func ZonedComune(ctx context.Context, db facts.Queryer, at time.Time) (string, error) {
	istat, err := facts.ZonedComune(ctx, db, at)
	if err != nil {
		return "", fmt.Errorf("read quartieri: %w", err)
	}
	return istat, nil
}

func readPairsFile(path string, known func(string) bool) ([][2]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("lettura di %s: file non leggibile", path)
	}
	defer f.Close()
	return ReadPairs(f, path, known)
}
