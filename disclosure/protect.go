package disclosure

import "slices"

// Report is the outcome of Protect, for the method sheet.
type Report struct {
	Sensitive int       // cells hidden by a rule
	Secondary int       // cells hidden so the sensitive ones stay protected
	Findings  []Finding // the final audit: every one Safe
}

// Protect marks the sensitive cells (primary suppression), then audits the
// set and hides further cells, the cheapest first, until no sensitive cell
// can be narrowed below its protection interval (secondary suppression).
// Hiding a cell only widens what a reader can infer, so a cell once safe
// stays safe. When a sensitive cell is still recoverable and nothing is
// left to hide, Protect returns an *Error: the output must not be written.
func (s *Set) Protect() (Report, error) {
	for i, c := range s.Cells {
		if c.Status == Published && !c.Fixed && s.Rules.Sensitive(c) {
			s.Cells[i].Status = Primary
		}
	}
	for i := range s.Cells {
		if s.Cells[i].Status != Primary {
			continue
		}
		for {
			eqs := s.equations()
			comp := s.components(eqs)
			lo, hi, err := s.interval(i, comp, eqs)
			if err != nil {
				return Report{}, err
			}
			nlo, nhi := s.Rules.Need(s.Cells[i])
			if lo <= nlo+eps && hi >= nhi-eps {
				break
			}
			j := s.cheapest(i, comp)
			if j < 0 {
				return Report{}, &Error{ID: s.Cells[i].ID, Lo: lo, Hi: hi, Need: [2]float64{nlo, nhi}}
			}
			s.Cells[j].Status = Secondary
		}
	}
	if err := s.release(); err != nil {
		return Report{}, err
	}
	f, err := s.Audit()
	if err != nil {
		return Report{}, err
	}
	r := Report{Findings: f}
	for _, c := range s.Cells {
		switch c.Status {
		case Primary:
			r.Sensitive++
		case Secondary:
			r.Secondary++
		}
	}
	for _, x := range f {
		if !x.Safe { // cannot happen: every cell was made safe above
			return r, &Error{ID: x.ID, Lo: x.Lo, Hi: x.Hi, Need: x.Need}
		}
	}
	return r, nil
}

// cost is what hiding c loses: its Cost, else its value, and a zero as
// much as a 1 (hiding it is what lets «n.d.» stand for 0 too).
func cost(c Cell) float64 {
	if c.Cost > 0 {
		return c.Cost
	}
	if c.Kind == Count {
		return max(c.Value, 1)
	}
	return c.Value
}

// cheapest is the published cell of smallest cost (value) among the relations
// that touch target's component: hiding it adds an unknown to an equation
// the reader uses against target. A zero may be hidden (the mark says
// nothing of the value); a Fixed cell never is. −1 when none is left.
func (s *Set) cheapest(target int, comp []int) int {
	best := -1
	for _, r := range s.Relations {
		touches := false
		for _, t := range r.Terms {
			i := s.index[t.ID]
			if s.Cells[i].Status != Published && comp[i] == comp[target] {
				touches = true
				break
			}
		}
		if !touches {
			continue
		}
		for _, t := range r.Terms {
			i := s.index[t.ID]
			c := s.Cells[i]
			if c.Status != Published || c.Fixed {
				continue
			}
			if best < 0 || cost(c) < cost(s.Cells[best]) {
				best = i
			}
		}
	}
	return best
}

// release publishes again, dearest first, every complementary cell the
// protection does not need: the greedy search may have hidden a cell (a
// zero, say) that a later, larger one made useless. A cell is kept hidden
// when publishing it would leave a sensitive cell of its component short
// of its protection interval.
func (s *Set) release() error {
	var sec []int
	for i, c := range s.Cells {
		if c.Status == Secondary {
			sec = append(sec, i)
		}
	}
	slices.SortStableFunc(sec, func(a, b int) int { return -cmpFloat(cost(s.Cells[a]), cost(s.Cells[b])) })
	for _, j := range sec {
		comp := s.components(s.equations())
		s.Cells[j].Status = Published
		eqs := s.equations()
		after := s.components(eqs)
		ok := true
		for i, c := range s.Cells {
			if c.Status != Primary || comp[i] != comp[j] {
				continue
			}
			lo, hi, err := s.interval(i, after, eqs)
			if err != nil {
				return err
			}
			nlo, nhi := s.Rules.Need(c)
			if lo > nlo+eps || hi < nhi-eps {
				ok = false
				break
			}
		}
		if !ok {
			s.Cells[j].Status = Secondary
		}
	}
	return nil
}
