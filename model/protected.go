package model

import (
	"fmt"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
)

// This file owns protected time: whether the time the service protects
// for supervision and community work, and the time its capacity register
// takes off cartelle, show in what each social worker recorded.

// ProtectedConfig sets the targets of protected time.
type ProtectedConfig struct {
	// SupervisionHours is the professional supervision each social
	// worker should have in a year (L. 234/2021 makes supervision a LEPS;
	// the PNRR M5C2 1.1.4 projects fund group supervision, typically at
	// least 16 hours a year).
	SupervisionHours float64 `toml:"supervision_hours" json:"supervision_hours"`
	// CommunityShare overrides thresholds.community_share_target for the
	// operators it names (by ID): community work the service authorised
	// for that person.
	CommunityShare map[string]float64 `toml:"community_share" json:"community_share"`
	// FirstYearCaseShare is the share of a full caseload a newly
	// qualified social worker carries in her first year of service, from
	// her start in the roster (LGA Standards for employers of social
	// workers, standard 3: a protected, reduced caseload); 1 turns it off.
	FirstYearCaseShare float64 `toml:"first_year_case_share" json:"first_year_case_share"`
}

// ProtectedTime is whether one social worker's protected time was used in
// the period.
type ProtectedTime struct {
	SupervisionHours  float64 `json:"supervision_hours"`
	SupervisionTarget float64 `json:"supervision_target"` // yearly target × years of the period
	SupervisionGap    bool    `json:"supervision_gap"`
	// CommunityShare is community work as a share of documented time;
	// CommunityTarget hers (the override or the service's target).
	CommunityShare  float64 `json:"community_share"`
	CommunityTarget float64 `json:"community_target"`
	CommunityGap    bool    `json:"community_gap"`
	// ReductionNotReflected: she has a capacity reduction, yet case work
	// takes a larger share of her documented time than case_time_share,
	// the share of a worker without reductions.
	ReductionNotReflected bool `json:"reduction_not_reflected"`
	// Notes say each gap in words.
	Notes []string `json:"notes"`
}

// ProtectedTeam is the social workers' protected time together: counts
// only, the figures the council may see.
type ProtectedTeam struct {
	SocialWorkers         int     `json:"social_workers"`
	SupervisionHours      float64 `json:"supervision_hours"`
	SupervisionTarget     float64 `json:"supervision_target"`
	BelowSupervision      int     `json:"below_supervision"`
	BelowCommunity        int     `json:"below_community"`
	ReductionNotReflected int     `json:"reduction_not_reflected"`
}

// protectedTime judges the protected time of every social worker in
// service with documented time, and sums the team's.
func (c *computation) protectedTime(m *Metrics) {
	cfg := c.cfg
	m.ProtectedTime = ProtectedTeam{}
	for i := range m.Operators {
		om := &m.Operators[i]
		if !om.InService || om.Role != carico.RoleSocialWorker || om.Minutes.Total() == 0 {
			continue
		}
		p := ProtectedTime{SupervisionHours: float64(om.Minutes[carico.KindSupervision]) / 60,
			SupervisionTarget: cfg.Protected.SupervisionHours * m.Period.Years,
			CommunityShare:    om.Shares[carico.KindCommunity], CommunityTarget: cfg.Thresholds.CommunityShareTarget, Notes: []string{}}
		if v, ok := cfg.Protected.CommunityShare[om.ID]; ok {
			p.CommunityTarget = v
		}
		if p.SupervisionHours < p.SupervisionTarget {
			p.SupervisionGap = true
			p.Notes = append(p.Notes, fmt.Sprintf("Supervisione professionale: %s ore registrate nel periodo, sotto le %s dell'obiettivo (%s ore all'anno).",
				italian.Number(p.SupervisionHours, 1), italian.Number(p.SupervisionTarget, 1), italian.Number(cfg.Protected.SupervisionHours, 0)))
		}
		if p.CommunityShare < p.CommunityTarget {
			p.CommunityGap = true
			p.Notes = append(p.Notes, fmt.Sprintf("Lavoro di comunità %s %% del tempo documentato, sotto l'obiettivo %s %%.",
				italian.Before("al", percentOf(p.CommunityShare)), italian.Before("del", percentOf(p.CommunityTarget))))
		}
		if om.CapacityFactor() < 1 && om.Shares[carico.KindCase] > cfg.Thresholds.CaseTimeShare {
			p.ReductionNotReflected = true
			p.Notes = append(p.Notes, fmt.Sprintf("Riduzione di capacità non rispecchiata nel diario: il lavoro sul caso è il %s del tempo documentato, più del %s di chi non ha riduzioni.",
				percentOf(om.Shares[carico.KindCase])+" %", percentOf(cfg.Thresholds.CaseTimeShare)+" %"))
		}
		om.ProtectedTime = &p
		t := &m.ProtectedTime
		t.SocialWorkers++
		t.SupervisionHours += p.SupervisionHours
		t.SupervisionTarget += p.SupervisionTarget
		t.BelowSupervision += b2i(p.SupervisionGap)
		t.BelowCommunity += b2i(p.CommunityGap)
		t.ReductionNotReflected += b2i(p.ReductionNotReflected)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
