package model

import (
	"fmt"
	"math"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
)

// LEPSResult is the LEPS staffing position of a population (a comune or an
// Ambito) under L. 178/2020, art. 1 c. 797-798, step by step.
type LEPSResult struct {
	Residents    int     `json:"residents"`
	PermanentFTE float64 `json:"permanent_fte"`
	// ResidentsPerFTE is residents ÷ permanent FTE; null without FTE.
	ResidentsPerFTE *float64 `json:"residents_per_fte"`
	// FTE the population needs at 1:6,500, 1:5,000 and 1:4,000.
	FTEAtFloor     float64 `json:"fte_at_floor"`
	FTEAtEssential float64 `json:"fte_at_essential"`
	FTEAtTarget    float64 `json:"fte_at_target"`
	// FTE missing to 1:5,000 (the LEP) and to 1:4,000 (the target); 0 when met.
	FTEMissingLEP    float64 `json:"fte_missing_lep"`
	FTEMissingTarget float64 `json:"fte_missing_target"`
	// The permanent FTE inside each band of the contribution: above
	// 1:6,500 up to 1:5,000, and above 1:5,000 up to 1:4,000.
	FTEEssentialBand float64 `json:"fte_essential_band"`
	FTETargetBand    float64 `json:"fte_target_band"`
	// The contribution's two bands and their sum, in euro per year.
	ContributionEssentialEUR float64 `json:"contribution_essential_eur"`
	ContributionTargetEUR    float64 `json:"contribution_target_eur"`
	ContributionEUR          float64 `json:"contribution_eur"`
	Assessment
}

// LEPS computes the ratio of residents to permanent social-worker FTE, the
// FTE missing to the essential level (1:5,000) and to the target (1:4,000),
// and the state contribution: €40,000 per FTE beyond 1:6,500 up to 1:5,000,
// €20,000 per FTE beyond 1:5,000 up to 1:4,000 (L. 178/2020, art. 1 c. 797).
//
// For 61,200 residents and 10 FTE: 1:6,120, 10 − 61,200/6,500 = 0.585 FTE in
// the first band, €23,385.
func LEPS(residents int, permanentFTE float64, cfg LEPSConfig) LEPSResult {
	r := float64(residents)
	res := LEPSResult{
		Residents:       residents,
		PermanentFTE:    permanentFTE,
		ResidentsPerFTE: ratio(r, permanentFTE),
		FTEAtFloor:      r / cfg.FloorResidents,
		FTEAtEssential:  r / cfg.EssentialResidents,
		FTEAtTarget:     r / cfg.TargetResidents,
	}
	res.FTEMissingLEP = math.Max(0, res.FTEAtEssential-permanentFTE)
	res.FTEMissingTarget = math.Max(0, res.FTEAtTarget-permanentFTE)
	res.FTEEssentialBand = band(permanentFTE, res.FTEAtFloor, res.FTEAtEssential)
	res.FTETargetBand = band(permanentFTE, res.FTEAtEssential, res.FTEAtTarget)
	res.ContributionEssentialEUR = cfg.ContributionToEssential * res.FTEEssentialBand
	res.ContributionTargetEUR = cfg.ContributionToTarget * res.FTETargetBand
	res.ContributionEUR = res.ContributionEssentialEUR + res.ContributionTargetEUR
	res.Assessment = assessResidents(residents, permanentFTE, "a tempo indeterminato", cfg)
	return res
}

// SocialWorkerFTE sums the FTE the LEPS counts: the social workers' FTE of
// every contract (All) and of the permanent ones (Permanent), the one
// definition the model, the planning scenarios and (in SQL) the regional
// aggregates count with.
type SocialWorkerFTE struct{ All, Permanent float64 }

// Add counts fte of an operator of role under contract; other roles do
// not count.
func (s *SocialWorkerFTE) Add(role carico.Role, contract carico.Contract, fte float64) {
	if role != carico.RoleSocialWorker {
		return
	}
	s.All += fte
	if contract == carico.ContractPermanent {
		s.Permanent += fte
	}
}

// Contribution is the yearly state contribution for residents and permanent
// social-worker FTE (see LEPS).
func Contribution(residents int, permanentFTE float64, cfg LEPSConfig) float64 {
	return LEPS(residents, permanentFTE, cfg).ContributionEUR
}

// band is how much of the interval (lo, hi] fte covers.
func band(fte, lo, hi float64) float64 {
	return math.Max(0, math.Min(fte, hi)-lo)
}

// ResidentsPer is residents ÷ fte, or nil when there is no FTE.
func ResidentsPer(residents int, fte float64) *float64 {
	return ratio(float64(residents), fte)
}

// assessResidents gives the status of a residents-per-social-worker ratio
// against the LEPS levels. which names the social workers counted.
func assessResidents(residents int, fte float64, which string, cfg LEPSConfig) Assessment {
	src := "L. 178/2020, art. 1 c. 797"
	lep, target := italian.Number(cfg.EssentialResidents, 0), italian.Number(cfg.TargetResidents, 0)
	switch {
	case residents == 0 && fte == 0:
		return Assessment{StatusWarning, "Popolazione residente non disponibile e nessun assistente sociale " + which + ": rapporto non calcolabile."}
	case residents == 0:
		return Assessment{StatusWarning, "Popolazione residente non disponibile: rapporto non calcolabile."}
	case fte == 0:
		return Assessment{StatusCritical, fmt.Sprintf("Nessun assistente sociale %s: rapporto non calcolabile, livello essenziale 1:%s non raggiunto (%s).", which, lep, src)}
	}
	per := float64(residents) / fte
	switch {
	case per > cfg.EssentialResidents:
		return Assessment{StatusCritical, fmt.Sprintf("1 assistente sociale %s ogni %s residenti: sotto il livello essenziale di 1:%s (%s).", which, italian.Number(per, 0), lep, src)}
	case per > cfg.TargetResidents:
		return Assessment{StatusWarning, fmt.Sprintf("1 assistente sociale %s ogni %s residenti: livello essenziale 1:%s raggiunto, obiettivo di servizio 1:%s non ancora (%s).", which, italian.Number(per, 0), lep, target, src)}
	}
	return Assessment{StatusOK, fmt.Sprintf("1 assistente sociale %s ogni %s residenti: obiettivo di servizio 1:%s raggiunto (%s).", which, italian.Number(per, 0), target, src)}
}
