package planning

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

// DefaultScenarios are the scenarios `plan scenario` runs without a file:
// besides the current staff (the baseline, which RunScenarios always puts
// first), the permanent social-worker FTE to hire for the Ambito to reach
// the essential level (1:5,000) and the service target (1:4,000).
//
// The law measures the ratio on the Ambito, so each scenario hires the
// FTE the Ambito misses (model.LEPS), rounded up to the hundredth, and
// places them in the comuni below the level, each in proportion to the FTE
// it misses itself. An Ambito already at the level gets a scenario with no
// hire, which says so.
func DefaultScenarios(base Baseline, cfg *model.Config) *ScenarioFile {
	return &ScenarioFile{ShareKey: "residents", Scenarios: []Scenario{
		hiresFor(base, cfg.LEPS.EssentialResidents, cfg, func(l model.LEPSResult) float64 { return l.FTEMissingLEP }),
		hiresFor(base, cfg.LEPS.TargetResidents, cfg, func(l model.LEPSResult) float64 { return l.FTEMissingTarget }),
	}}
}

// hiresFor is the scenario that hires permanent social workers until the
// Ambito has one every level residents; missing picks the FTE missing to
// that level from model.LEPS.
func hiresFor(base Baseline, level float64, cfg *model.Config, missing func(model.LEPSResult) float64) Scenario {
	ratio := "1:" + italian.Number(level, 0)
	s := Scenario{Name: "Assunzioni per " + ratio}
	fte := socialWorkerFTE(base.Staff)
	var residents int
	var perm, total float64
	short := map[string]float64{}
	for _, c := range base.Comuni {
		residents += c.Residents
		if m := missing(model.LEPS(c.Residents, fte[c.ISTAT][1], cfg.LEPS)); m > 0 {
			short[c.ISTAT] = m
			total += m
		}
	}
	for _, istat := range slices.Sorted(maps.Keys(fte)) {
		perm += fte[istat][1]
	}
	need := missing(model.LEPS(residents, perm, cfg.LEPS))
	if need == 0 || total == 0 {
		s.Description = fmt.Sprintf("L'Ambito ha già almeno un assistente sociale a tempo indeterminato ogni %s residenti: nessuna assunzione.", italian.Number(level, 0))
		return s
	}
	hire := math.Ceil(need*100-1e-6) / 100 // hundredths, rounded up; 9.3 stays 9.3
	alloc := map[string]float64{}
	for istat, m := range short {
		alloc[istat] = m / total
	}
	where := fmt.Sprintf("ripartiti tra i %d comuni sotto quel rapporto in proporzione a quanto manca a ciascuno", len(short))
	if len(short) == 1 {
		where = "tutti nell'unico comune sotto quel rapporto"
	}
	s.Staff = []StaffChange{{Action: "hire", Role: carico.RoleSocialWorker, Contract: carico.ContractPermanent, FTE: hire, Comuni: alloc}}
	// The scenario sums the hire share by share: where the floating point
	// leaves it a hair short of the level, one hundredth more.
	for range 3 {
		r, err := evaluate(base, s, DefaultCosts(), "residents", cfg, nil)
		if err != nil || missing(model.LEPS(r.Ambito.Residents, r.Ambito.PermanentSocialWorkerFTE, cfg.LEPS)) == 0 {
			break
		}
		hire += 0.01
		s.Staff[0].FTE = hire
	}
	s.Description = fmt.Sprintf("Assunzione di %s FTE di assistenti sociali a tempo indeterminato, quanti ne mancano all'Ambito per %s, %s.",
		italian.Number(hire, 2), ratio, where)
	return s
}
