package analytics

import (
	"slices"
	"sort"

	"gonum.org/v1/gonum/stat"

	"github.com/carico/carico"
	"github.com/carico/carico/model"
)

// Balance says how evenly work is spread among operators of the same role:
// the weighted caseload per FTE at the reference date (from the model) and
// the share of documented time spent on community work in the period,
// against the service's target (the model's community_share_target) for
// the roles expected to do community work.
type Balance struct {
	At              string            `json:"at"`
	CommunityTarget float64           `json:"community_target"`
	Roles           []RoleBalance     `json:"roles"`
	Operators       []OperatorBalance `json:"operators,omitempty"` // responsabile only
}

// RoleBalance is the dispersion within one role. Only operators in service
// at the reference date enter it, as they enter every other count of
// operators: the caseload figures when they have an FTE, the community
// figures when they documented time in the period.
type RoleBalance struct {
	Role                   carico.Role `json:"role"`
	Label                  string      `json:"label"`
	WeightedCaseloadPerFTE Dispersion  `json:"weighted_caseload_per_fte"`
	CommunityShare         Dispersion  `json:"community_share"`
	BelowCommunityTarget   int         `json:"below_community_target"`
}

// Dispersion summarises values of one role. CV is the population standard
// deviation over the mean (the team is the whole population, not a
// sample); Gini is Σᵢ Σⱼ |xᵢ − xⱼ| ÷ (2 n² mean), 0 when all are equal and
// near 1 when one holds everything. Figures that would divide by zero are
// null.
type Dispersion struct {
	N             int      `json:"n"`
	Mean          *float64 `json:"mean"`
	Median        *float64 `json:"median"`
	Min           *float64 `json:"min"`
	Max           *float64 `json:"max"`
	CV            *float64 `json:"cv"`
	MaxOverMedian *float64 `json:"max_over_median"`
	Gini          *float64 `json:"gini"`
}

// OperatorBalance is one operator against the median of the role and, for
// community work, against the target. FromMedian is value − median;
// RelativeToMedian is value ÷ median − 1.
type OperatorBalance struct {
	ID                     string      `json:"id"`
	Name                   string      `json:"name"`
	Role                   carico.Role `json:"role"`
	FTE                    float64     `json:"fte"`
	WeightedCaseloadPerFTE *float64    `json:"weighted_caseload_per_fte"`
	CaseloadFromMedian     *float64    `json:"caseload_from_median"`
	CaseloadRelative       *float64    `json:"caseload_relative_to_median"`
	CommunityShare         *float64    `json:"community_share"`
	CommunityFromMedian    *float64    `json:"community_from_median"`
	CommunityFromTarget    *float64    `json:"community_from_target"`
}

func balance(p Params, a *Analysis) {
	a.Balance = balanceOf(p.Workload, p.Config.Model.Thresholds.CommunityShareTarget)
	a.Balance.At = day(p.At)
}

// balanceOf computes the balance from the model's per-operator figures.
func balanceOf(w *model.Metrics, target float64) Balance {
	b := Balance{CommunityTarget: target, Roles: []RoleBalance{}}
	caseload := map[carico.Role][]float64{}
	community := map[carico.Role][]float64{}
	for _, o := range w.Operators {
		if !o.InService {
			continue // counted nowhere else at the reference date
		}
		ob := OperatorBalance{ID: o.ID, Name: o.Name, Role: o.Role, FTE: o.FTE}
		if o.FTE > 0 && o.WeightedCaseloadPerFTE != nil {
			ob.WeightedCaseloadPerFTE = o.WeightedCaseloadPerFTE
			caseload[o.Role] = append(caseload[o.Role], *o.WeightedCaseloadPerFTE)
		}
		if total := o.Minutes.Total(); total > 0 {
			s := float64(o.Minutes[carico.KindCommunity]) / float64(total)
			ob.CommunityShare = &s
			community[o.Role] = append(community[o.Role], s)
			if o.Role.DoesCommunityWork() {
				gap := s - target
				ob.CommunityFromTarget = &gap
			}
		}
		if ob.WeightedCaseloadPerFTE != nil || ob.CommunityShare != nil {
			b.Operators = append(b.Operators, ob)
		}
	}
	// A role that holds no cartelle (care workers, clerks) has a weighted
	// caseload of zero by construction: no dispersion to speak of.
	for role, xs := range caseload {
		if !slices.ContainsFunc(xs, func(x float64) bool { return x > 0 }) {
			delete(caseload, role)
			for i := range b.Operators {
				if b.Operators[i].Role == role {
					b.Operators[i].WeightedCaseloadPerFTE = nil
				}
			}
		}
	}
	medians := map[carico.Role][2]*float64{}
	for _, role := range carico.Roles {
		if len(caseload[role]) == 0 && len(community[role]) == 0 {
			continue
		}
		rb := RoleBalance{Role: role, Label: role.Label(),
			WeightedCaseloadPerFTE: disperse(caseload[role]), CommunityShare: disperse(community[role])}
		for _, s := range community[role] {
			if role.DoesCommunityWork() && s < target {
				rb.BelowCommunityTarget++
			}
		}
		medians[role] = [2]*float64{rb.WeightedCaseloadPerFTE.Median, rb.CommunityShare.Median}
		b.Roles = append(b.Roles, rb)
	}
	for i := range b.Operators {
		o := &b.Operators[i]
		m := medians[o.Role]
		o.CaseloadFromMedian, o.CaseloadRelative = distance(o.WeightedCaseloadPerFTE, m[0])
		o.CommunityFromMedian, _ = distance(o.CommunityShare, m[1])
	}
	return b
}

// disperse computes the dispersion of xs; it does not modify xs.
func disperse(xs []float64) Dispersion {
	d := Dispersion{N: len(xs)}
	if len(xs) == 0 {
		return d
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	mean, sd := stat.PopMeanStdDev(s, nil)
	median := medianSorted(s)
	d.Mean, d.Median, d.Min, d.Max = &mean, &median, &s[0], &s[len(s)-1]
	if mean != 0 {
		cv := sd / mean
		d.CV = &cv
		g := giniSorted(s, mean)
		d.Gini = &g
	}
	if median != 0 {
		r := s[len(s)-1] / median
		d.MaxOverMedian = &r
	}
	return d
}

// medianSorted is the middle value, or the mean of the two middle values.
func medianSorted(s []float64) float64 {
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// giniSorted is the Gini coefficient of ascending values with the given
// mean, by the rank form of Σᵢ Σⱼ |xᵢ − xⱼ| ÷ (2 n² mean):
// (2 Σ i·x₍ᵢ₎) ÷ (n² mean) − (n + 1) ÷ n, i = 1…n.
func giniSorted(s []float64, mean float64) float64 {
	n := float64(len(s))
	var ranked float64
	for i, x := range s {
		ranked += float64(i+1) * x
	}
	return 2*ranked/(n*n*mean) - (n+1)/n
}

// distance is value − median and value ÷ median − 1, each null when it
// cannot be computed.
func distance(v, median *float64) (from, relative *float64) {
	if v == nil || median == nil {
		return nil, nil
	}
	f := *v - *median
	from = &f
	if *median != 0 {
		r := *v / *median - 1
		relative = &r
	}
	return from, relative
}
