package disclosure

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

func cost(c Cell) float64 {
	if c.Cost > 0 {
		return c.Cost
	}
	return c.Value
}

// cheapest is the published cell of smallest cost (value) among the relations
// that touch target's component: hiding it adds an unknown to an equation
// the reader uses against target. A zero count is never hidden (its «n.d.»
// would say «at least k»), nor a Fixed cell. −1 when none is left.
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
			if c.Status != Published || c.Fixed || c.Value == 0 {
				continue
			}
			if best < 0 || cost(c) < cost(s.Cells[best]) {
				best = i
			}
		}
	}
	return best
}
