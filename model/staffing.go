package model

import (
	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
)

// WISNInput is one staff category's WISN worksheet (WHO 2010; formulas as in
// Burmen et al., Hum Resour Health 15:9, 2017).
type WISNInput struct {
	Category string `json:"category"`
	// AWTHours is the available working time of one full-time worker in a
	// year, in hours.
	AWTHours   float64          `json:"awt_hours"`
	Main       []WISNActivity   `json:"main"`
	Support    []WISNSupport    `json:"support"`
	Individual []WISNIndividual `json:"individual"`
	ActualFTE  float64          `json:"actual_fte"`
}

// WISNActivity is a main (health-service-like) activity: its yearly
// workload in units and the standard time per unit.
type WISNActivity struct {
	Name         string  `json:"name"`
	Units        float64 `json:"units"`          // annual workload
	HoursPerUnit float64 `json:"hours_per_unit"` // activity standard
	// StandardWorkload = AWT ÷ time per unit: units one worker can do in a
	// year. Staff = units ÷ standard workload.
	StandardWorkload float64 `json:"standard_workload"`
	Staff            float64 `json:"staff"`
}

// CaseWorkActivity names the WISN main activity that holds the case work of
// area a ("" = area not recorded): the planning scenarios find each area's
// case work in the model's worksheet by this name.
func CaseWorkActivity(a carico.Area) string {
	if a == "" {
		return "Lavoro sul caso: area non indicata"
	}
	return "Lavoro sul caso: " + a.Label()
}

// WISNSupport is a support activity done by every worker of the category,
// as a percentage of working time (CAS%).
type WISNSupport struct {
	Name    string  `json:"name"`
	Percent float64 `json:"percent"`
}

// WISNIndividual is an activity done by some workers only, in hours per year.
type WISNIndividual struct {
	Name  string  `json:"name"`
	Hours float64 `json:"hours"`
}

// WISNResult is the WISN worksheet with every intermediate figure.
type WISNResult struct {
	WISNInput
	MainStaff   float64  `json:"main_staff"`  // Σ units ÷ standard workload
	CASPercent  float64  `json:"cas_percent"` // Σ CAS%
	CAF         float64  `json:"caf"`         // 1 ÷ (1 − ΣCAS%/100)
	IAF         float64  `json:"iaf"`         // Σ individual hours ÷ AWT
	RequiredFTE float64  `json:"required_fte"`
	Ratio       *float64 `json:"ratio"`      // actual ÷ required
	Difference  float64  `json:"difference"` // actual − required
	Assessment
}

// WISN computes required staff = staff for main activities × CAF + IAF and
// the WISN ratio and difference. A CAS total of 100 % or more cannot be
// met by any staff: CAF is then reported as 0 and the result is critical.
func WISN(in WISNInput, th ThresholdsConfig) WISNResult {
	res := WISNResult{WISNInput: in}
	res.Main = append([]WISNActivity(nil), in.Main...)
	for i := range res.Main {
		a := &res.Main[i]
		if a.HoursPerUnit > 0 && in.AWTHours > 0 {
			a.StandardWorkload = in.AWTHours / a.HoursPerUnit
			a.Staff = a.Units / a.StandardWorkload
		}
		res.MainStaff += a.Staff
	}
	for _, s := range in.Support {
		res.CASPercent += s.Percent
	}
	var individual float64
	for _, a := range in.Individual {
		individual += a.Hours
	}
	if in.AWTHours > 0 {
		res.IAF = individual / in.AWTHours
	}
	if res.CASPercent >= 100 {
		res.Assessment = Assessment{StatusCritical, "Le attività di supporto occupano tutto il tempo di lavoro (CAS ≥ 100 %): il fabbisogno non è calcolabile (WHO WISN)."}
		return res
	}
	res.CAF = 1 / (1 - res.CASPercent/100)
	res.RequiredFTE = res.MainStaff*res.CAF + res.IAF
	res.Ratio = ratio(in.ActualFTE, res.RequiredFTE)
	res.Difference = in.ActualFTE - res.RequiredFTE
	res.Assessment = assessWISN(res.Ratio, th)
	return res
}

func assessWISN(r *float64, th ThresholdsConfig) Assessment {
	src := "WHO WISN; soglia di allarme: scelta di progetto"
	switch {
	case r == nil:
		return Assessment{StatusOK, "Nessun carico di lavoro registrato: fabbisogno nullo (WHO WISN)."}
	case *r < th.WISNRed:
		return Assessment{StatusCritical, "Rapporto WISN " + italian.Number(*r, 2) + " sotto " + italian.Number(th.WISNRed, 2) + ": personale molto inferiore al fabbisogno (" + src + ")."}
	case *r < th.WISNAmber:
		return Assessment{StatusWarning, "Rapporto WISN " + italian.Number(*r, 2) + " sotto " + italian.Number(th.WISNAmber, 2) + ": personale inferiore al fabbisogno (WHO WISN)."}
	}
	return Assessment{StatusOK, "Rapporto WISN " + italian.Number(*r, 2) + ": personale pari o superiore al fabbisogno (WHO WISN)."}
}

// CaseLoadItem is a group of cases sharing one case weight.
type CaseLoadItem struct {
	Cases float64 // cases per year
	Hours float64 // case weight: hours per case per year
}

// WeightedCaseloadFTE is the NCSC weighted-caseload staffing need:
// Σ (case weight × cases) ÷ hours available per FTE per year. With 540 cases
// of 30 hours and 1,800 hours per FTE it gives 9.
func WeightedCaseloadFTE(items []CaseLoadItem, hoursPerFTE float64) float64 {
	if hoursPerFTE <= 0 {
		return 0
	}
	var hours float64
	for _, it := range items {
		hours += it.Cases * it.Hours
	}
	return hours / hoursPerFTE
}

// CasesPerFTE is how many cases of one weight a full-time worker can hold:
// hours per FTE ÷ case weight (1,800 ÷ 30 = 60).
func CasesPerFTE(caseHours, hoursPerFTE float64) float64 {
	if caseHours <= 0 {
		return 0
	}
	return hoursPerFTE / caseHours
}

// Category is the WISN result of one staff category (a carico.Role), or nil.
// The social workers' one answers "how many social workers are missing".
func (w WISNStaffing) Category(role carico.Role) *WISNResult {
	for i := range w.Categories {
		if w.Categories[i].Category == string(role) {
			return &w.Categories[i]
		}
	}
	return nil
}
