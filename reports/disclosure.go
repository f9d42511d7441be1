package reports

import (
	"github.com/carico/carico"
	"github.com/carico/carico/model"
)

// The contributions behind the politico figures built from operators'
// work: for each comune or area, the part of the figure each operator
// brings, from what the model already computed. sensitive (suppress.go)
// decides on them; a figure without a per-operator breakdown is withheld.

// comuneCaseload is, per comune (ISTAT code), each operator's part of its
// open cartelle: the operator's open cartelle spread over the comuni by
// the operator's allocation shares, as the LEPS ratio spreads FTE.
func comuneCaseload(m *model.Metrics) map[string][]float64 {
	out := map[string][]float64{}
	for _, o := range m.Operators {
		if o.OpenCases == 0 {
			continue
		}
		for _, a := range o.Comuni {
			if a.Share > 0 {
				out[a.ISTAT] = append(out[a.ISTAT], float64(o.OpenCases)*a.Share)
			}
		}
	}
	return out
}

// comuneDormant is, per comune (ISTAT code, "" when not recorded), the
// dormant cartelle of each holder.
func comuneDormant(m *model.Metrics) map[string][]float64 {
	by := map[string]map[string]float64{}
	for _, d := range m.Quality.Dormant {
		if by[d.ISTAT] == nil {
			by[d.ISTAT] = map[string]float64{}
		}
		by[d.ISTAT][d.OperatorID]++
	}
	out := map[string][]float64{}
	for istat, ops := range by {
		for id, n := range ops {
			if id == "" {
				continue // no holder: no operator vouches for it
			}
			out[istat] = append(out[istat], n)
		}
	}
	return out
}

// areaCaseload is, per area di utenza, each operator's open cartelle in it.
func areaCaseload(m *model.Metrics) map[carico.Area][]float64 {
	out := map[carico.Area][]float64{}
	for _, o := range m.Operators {
		for a, n := range o.ByArea {
			if n > 0 {
				out[a] = append(out[a], float64(n))
			}
		}
	}
	return out
}

// roleHours is, per role, each operator's documented hours, for the
// team figures of the politico version; "totale" holds everyone.
func roleHours(m *model.Metrics) map[string][]float64 {
	out := map[string][]float64{}
	for _, o := range m.Operators {
		out[string(o.Role)] = append(out[string(o.Role)], o.DocumentedHours)
		out["totale"] = append(out["totale"], o.DocumentedHours)
	}
	return out
}

// sensitiveOf lists, for keys in order, whether each key's figure must be
// withheld.
func sensitiveOf[K comparable](contrib map[K][]float64, keys []K) []bool {
	out := make([]bool, len(keys))
	for i, k := range keys {
		out[i] = sensitive(contrib[k])
	}
	return out
}

// comuneSocialWorkers is, per comune (ISTAT code), how many social workers
// in service are allocated to it.
func comuneSocialWorkers(m *model.Metrics) map[string]int {
	out := map[string]int{}
	for _, o := range m.Operators {
		if o.Role != carico.RoleSocialWorker || !o.InService {
			continue
		}
		for _, a := range o.Comuni {
			if a.Share > 0 {
				out[a.ISTAT]++
			}
		}
	}
	return out
}
