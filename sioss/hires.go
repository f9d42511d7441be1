package sioss

import (
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/analytics/planning"
)

// ScenarioHires are the hires of permanent social workers a scenario
// makes, counted from from: the forecast's part beyond the staff on
// record. Other changes of the scenario (moves, reductions, other roles)
// leave the contribution's FTE as they are, or are not forecast here.
func ScenarioHires(s planning.Scenario, from time.Time) []Hire {
	var hires []Hire
	for _, ch := range s.Staff {
		if ch.Action == "hire" && ch.Role == carico.RoleSocialWorker && (ch.Contract == "" || ch.Contract == carico.ContractPermanent) {
			hires = append(hires, Hire{FTE: ch.FTE, From: from, Comuni: ch.Comuni})
		}
	}
	return hires
}

// FindScenario returns the scenario of f named name.
func FindScenario(f *planning.ScenarioFile, name string) (planning.Scenario, bool) {
	for _, s := range f.Scenarios {
		if s.Name == name {
			return s, true
		}
	}
	return planning.Scenario{}, false
}
