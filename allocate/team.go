package allocate

import (
	"github.com/carico/carico"
	"github.com/carico/carico/model"
)

// Team is the social workers in service at the metrics' reference date,
// with their weighted caseload under the weights in use, their hours for
// case work, comuni, and the zones and people of the cartelle they hold
// (holdings, from model.OpenHoldings at the same date); those the queue
// at that date finds absent are marked so (markAbsent).
func Team(m *model.Metrics, holdings []model.Holding, queue []Item) []Worker {
	caseHours := map[string]float64{}
	for _, ow := range m.Weights.Operators {
		if ow.CaseHours != nil {
			caseHours[ow.ID] = *ow.CaseHours
		}
	}
	var team []Worker
	index := map[string]int{}
	for _, o := range m.Operators {
		if o.Role != carico.RoleSocialWorker || !o.InService {
			continue
		}
		w := Worker{ID: o.ID, Name: o.Name, Weighted: o.WeightedCaseload, CaseHours: caseHours[o.ID], OpenCases: o.OpenCases,
			Comuni: map[string]float64{}, Zones: map[string]int{}, People: map[string][]string{}}
		for _, a := range o.Comuni {
			w.Comuni[a.ISTAT] = a.Share
		}
		index[o.ID] = len(team)
		team = append(team, w)
	}
	for _, h := range holdings {
		i, ok := index[h.Operator]
		if !ok {
			continue
		}
		if h.Zone != "" {
			team[i].Zones[h.Zone]++
		}
		team[i].People[h.Person] = append(team[i].People[h.Person], h.CaseID)
	}
	markAbsent(team, queue)
	return team
}

// markAbsent marks the workers of team the queue finds absent: the
// holders of its «titolare assente» items (the queue's rule, read once,
// in facts/queue_cartelle.sql). A worker absent who holds no open
// cartella is not in the queue, and is not marked.
func markAbsent(team []Worker, items []Item) {
	absent := map[string]bool{}
	for _, it := range items {
		if it.Kind == KindAbsent && it.Holder != "" {
			absent[it.Holder] = true
		}
	}
	for i := range team {
		team[i].Absent = absent[team[i].ID]
	}
}
