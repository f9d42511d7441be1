package sioss

import (
	"github.com/carico/carico"
	"github.com/carico/carico/facts"
)

// FromFacts takes the return's records as package facts reads them: the
// social workers of the roster, their contract periods, the comuni.
func FromFacts(s *facts.Sioss) Facts {
	f := Facts{ResidentsSource: "popolazione non importata"}
	if s.ResidentsFile != "" {
		f.ResidentsSource = "importazione di " + s.ResidentsFile + " del " + s.ResidentsDay
	}
	social := map[string]bool{}
	for _, o := range s.Operators {
		if o.Role == carico.RoleSocialWorker {
			f.Operators = append(f.Operators, o.Operator)
			social[o.ID] = true
		}
	}
	for _, p := range s.Periods {
		if social[p.OperatorID] {
			f.Periods = append(f.Periods, p)
		}
	}
	for _, c := range s.Comuni {
		f.Comuni = append(f.Comuni, Comune{ISTAT: c.ISTAT, Name: c.Name, Residents: c.Residents, ResidentsYear: c.ResidentsYear})
	}
	return f
}
