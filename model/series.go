package model

import "github.com/carico/carico/facts"

// holderDay is one holder's open cartelle on one day of the open-count
// series and their weighted caseload.
type holderDay struct {
	open     int
	weighted float64
}

// holderDays is, for each holder ("" for none) and each day of s, her
// open cartelle and their weighted caseload under cfg's weights. Each
// holder's cells are added in their order (holder, area, complexity), as
// the reference date's rows are, so that a day's figure is the same to
// the last bit whichever of the two it comes from.
func holderDays(s facts.OpenSeries, cfg CaseloadConfig) map[string][]holderDay {
	out := map[string][]holderDay{}
	for c, cell := range s.Cells {
		w := cfg.Weight(cell.Area, cell.Complexity)
		days := out[cell.Operator]
		for d := range s.Days {
			n := s.N[d][c]
			if n <= 0 {
				continue
			}
			if days == nil {
				days = make([]holderDay, len(s.Days))
				out[cell.Operator] = days
			}
			days[d].open += n
			days[d].weighted += float64(n) * w
		}
	}
	return out
}
