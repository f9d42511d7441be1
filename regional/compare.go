// Package regional compares the Ambiti of a regional collection — the
// Parquet exports of several services read together — and holds the
// regional aggregates that a distributed engine (ClickHouse) computes
// over the same canonical tables.
package regional

import (
	"context"
	"fmt"
	"sort"

	"github.com/carico/carico"
	"github.com/carico/carico/analytics"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/model"
)

// AmbitoFigures is one Ambito's row of the comparison. Every figure is a
// sum, over the Ambito's comuni or social workers, of what the model and
// the analysis computed for the whole collection: no figure is computed a
// second way.
type AmbitoFigures struct {
	Ambito string `json:"ambito"` // name
	Comuni int    `json:"comuni"`
	// Residents and social-worker FTE (all, and permanent: the LEPS count)
	// summed over the comuni through allocation shares.
	model.LEPSFigures
	// SocialWorkers in service at the reference date, whose Ambito is that
	// of their largest allocation; their open cartelle and weighted
	// caseload per FTE, and Load: their weighted caseload ÷ the hours their
	// available time leaves for cases (1 = exactly full).
	SocialWorkers          int      `json:"social_workers"`
	OpenCasesPerFTE        *float64 `json:"open_cases_per_fte"`
	WeightedCaseloadPerFTE *float64 `json:"weighted_caseload_per_fte"`
	Load                   *float64 `json:"load"`
	// Cartelle opened and closed in the period per 1,000 residents; null
	// when the flows were not computed (metrics alone).
	OpenedPer1000 *float64 `json:"opened_per_1000_residents"`
	ClosedPer1000 *float64 `json:"closed_per_1000_residents"`
}

// Compare groups the figures by Ambito, in the order of their names. db is
// the database m and a were computed on, for the Ambito of each comune; a
// may be nil.
func Compare(ctx context.Context, db facts.Queryer, m *model.Metrics, a *analytics.Analysis) ([]AmbitoFigures, error) {
	ambitoOf, err := comuneAmbiti(ctx, db)
	if err != nil {
		return nil, err
	}
	rows := map[string]*AmbitoFigures{}
	get := func(name string) *AmbitoFigures {
		if rows[name] == nil {
			rows[name] = &AmbitoFigures{Ambito: name}
		}
		return rows[name]
	}
	for _, c := range m.Comuni {
		r := get(ambitoOf[c.ISTAT])
		r.Comuni++
		r.Residents += c.Residents
		r.ResidentsYear = max(r.ResidentsYear, c.ResidentsYear)
		r.SocialWorkerFTE += c.SocialWorkerFTE
		r.PermanentSocialWorkerFTE += c.PermanentSocialWorkerFTE
	}
	type load struct{ fte, open, weighted, capacity float64 }
	loads := map[string]*load{}
	for _, o := range m.Operators {
		if o.Role != carico.RoleSocialWorker || !o.InService || len(o.Comuni) == 0 {
			continue
		}
		main := o.Comuni[0]
		for _, al := range o.Comuni {
			if al.Share > main.Share {
				main = al
			}
		}
		name := ambitoOf[main.ISTAT]
		get(name).SocialWorkers++
		if loads[name] == nil {
			loads[name] = &load{}
		}
		l := loads[name]
		l.fte += o.FTE
		l.open += float64(o.OpenCases)
		l.weighted += o.WeightedCaseload
		if o.Load != nil && *o.Load > 0 {
			l.capacity += o.WeightedCaseload / *o.Load
		}
	}
	opened, closed := map[string]int{}, map[string]int{}
	if a != nil {
		for _, f := range a.FlowsByComune {
			if f.Key == "" {
				continue // a cartella without comune has no Ambito either
			}
			opened[ambitoOf[f.Key]] += f.Opened
			closed[ambitoOf[f.Key]] += f.Closed
		}
	}
	var out []AmbitoFigures
	for name, r := range rows {
		l := model.LEPS(r.Residents, r.PermanentSocialWorkerFTE, m.Config.LEPS)
		r.ResidentsPerSocialWorker = model.ResidentsPer(r.Residents, r.SocialWorkerFTE)
		r.ResidentsPerPermanentSocialWorker = l.ResidentsPerFTE
		r.FTEMissingLEP, r.FTEMissingTarget, r.Assessment = l.FTEMissingLEP, l.FTEMissingTarget, l.Assessment
		if ld := loads[name]; ld != nil {
			r.OpenCasesPerFTE = per(ld.open, ld.fte, 1)
			r.WeightedCaseloadPerFTE = per(ld.weighted, ld.fte, 1)
			r.Load = per(ld.weighted, ld.capacity, 1)
		}
		if a != nil {
			r.OpenedPer1000 = per(float64(opened[name]), float64(r.Residents), 1000)
			r.ClosedPer1000 = per(float64(closed[name]), float64(r.Residents), 1000)
		}
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Ambito < out[j].Ambito })
	return out, nil
}

// per is scale·x÷y, nil when y is 0.
func per(x, y, scale float64) *float64 {
	if y == 0 {
		return nil
	}
	v := scale * x / y
	return &v
}

// comuneAmbiti maps each comune's ISTAT code to its Ambito's name
// ("Ambito non indicato" when the comune has none).
func comuneAmbiti(ctx context.Context, db facts.Queryer) (map[string]string, error) {
	m, err := facts.ComuneAmbiti(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("ambiti dei comuni: %w", err)
	}
	m[""] = "Ambito non indicato"
	return m, nil
}
