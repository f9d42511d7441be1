package reports

import "strconv"

// Small-cell protection for the politico audience (DOMAIN.md §5): counts of
// cases below a threshold are shown as "<k" (primary suppression), and further
// cells are hidden (secondary suppression) until no hidden count can be
// worked out from the published total and the cells still shown.
//
// Every protected table is one line: categories that partition a set, and
// their total. For one equation with bounded unknowns the values a reader can
// still deduce for a hidden cell form an interval that has a closed form, so
// the protection is exact rather than a rule of thumb.

// mark says how one count is published.
type mark uint8

const (
	shown     mark = iota
	primary        // below the threshold: published as "<k"
	secondary      // at or above the threshold, hidden so a primary cell cannot be deduced
)

// protected is a line of counts with its total, ready to publish.
type protected struct {
	K      int
	Counts []int
	Total  int
	Marks  []mark
	TotalM mark
}

// protect applies primary and secondary suppression to counts, whose total is
// published unless it is itself small. A threshold below 1 protects nothing.
func protect(counts []int, k int) protected {
	p := protected{K: k, Counts: counts, Marks: make([]mark, len(counts))}
	for _, c := range counts {
		p.Total += c
	}
	if k < 1 {
		return p
	}
	for i, c := range counts {
		if c < k {
			p.Marks[i] = primary
		}
	}
	if p.Total < k {
		// Every part of a small total is small: the reader learns only "<k".
		p.TotalM = primary
		return p
	}
	for p.deducible() {
		if !p.hideSmallestShown() {
			// Nothing left to hide in the body: hide the total, which
			// removes the only equation the reader had.
			p.TotalM = secondary
			break
		}
	}
	return p
}

// hideSmallestShown hides the smallest count still shown, the cheapest loss
// of information; it reports false when every count is already hidden.
func (p *protected) hideSmallestShown() bool {
	best := -1
	for i, m := range p.Marks {
		if m == shown && (best < 0 || p.Counts[i] < p.Counts[best]) {
			best = i
		}
	}
	if best < 0 {
		return false
	}
	p.Marks[best] = secondary
	return true
}

// deducible reports whether a reader could pin down the exact value of some
// primary cell from what is published.
func (p *protected) deducible() bool {
	for i, m := range p.Marks {
		if m == primary {
			lo, hi := p.interval(i)
			if lo >= hi {
				return true
			}
		}
	}
	return false
}

// bounds is what a reader knows of a hidden cell from its mark alone.
func (p *protected) bounds(m mark) (lo, hi int) {
	switch m {
	case primary:
		return 0, p.K - 1
	case secondary:
		return p.K, p.Total // no cell exceeds the total
	}
	return 0, 0
}

// interval is the range of values hidden cell i can take given the published
// total and the other cells' marks: with one equation Σx = R and box bounds,
// x_i ranges over [R − Σ hi_others, R − Σ lo_others] clipped to its own box.
func (p *protected) interval(i int) (lo, hi int) {
	if p.TotalM != shown {
		return p.bounds(p.Marks[i])
	}
	rest := p.Total
	var othersLo, othersHi int
	for j, m := range p.Marks {
		switch {
		case m == shown:
			rest -= p.Counts[j]
		case j != i:
			l, h := p.bounds(m)
			othersLo += l
			othersHi += h
		}
	}
	lo, hi = p.bounds(p.Marks[i])
	return max(lo, rest-othersHi), min(hi, rest-othersLo)
}

// cell is the published text of count i.
func (p *protected) cell(i int) string { return p.text(p.Marks[i], p.Counts[i]) }

// total is the published text of the total.
func (p *protected) total() string { return p.text(p.TotalM, p.Total) }

func (p *protected) text(m mark, v int) string {
	switch m {
	case primary:
		return "<" + strconv.Itoa(p.K)
	case secondary:
		return suppressedMark
	}
	return strconv.Itoa(v)
}

// suppressedMark stands for a count hidden by secondary suppression; the
// reports explain it in a note.
const suppressedMark = "n.d."

// suppressedNote explains both marks to the reader.
func suppressedNote(k int) string {
	return "«<" + strconv.Itoa(k) + "»: valore inferiore a " + strconv.Itoa(k) +
		", non diffuso per tutela della riservatezza. «" + suppressedMark +
		"»: valore non diffuso perché permetterebbe di ricavare per differenza dal totale un valore inferiore a " + strconv.Itoa(k) + "."
}
