package reports

import (
	"strconv"

	"github.com/carico/carico/disclosure"
)

// Disclosure control for the politico audience. Two kinds of cell are
// sensitive and never published:
//
//   - a count of cases between 1 and k−1 (primary suppression);
//   - a figure built from operators' work (caseload, hours, dormant cartelle
//     of a comune, area or zone) to which fewer than 3 operators contribute
//     (threshold rule) or one operator more than 75 %, or two more than
//     85 % (the (n,k)-dominance rules). Both are the sensitivity
//     rules for magnitude tables of Hundepool et al., Statistical Disclosure
//     Control (Wiley, 2012), §4.2.
//
// Further cells are then hidden (secondary suppression) until no sensitive
// cell can be narrowed, from the published total and the cells still shown,
// to less than its protection interval (0 to k for a small count). Every
// hidden cell reads "n.d.": the mark tells nothing of the value. This is a
// first pass, line by line; the audit of the whole document
// (protectDocument) has the last word.
//
// Every protected table is one line: categories that partition a set, and
// their total. For one equation with bounded unknowns the values a reader can
// still deduce for a hidden cell form an interval that has a closed form, so
// the protection is exact rather than a rule of thumb.

// mark says how one count is published.
type mark uint8

const (
	shown     mark = iota
	primary        // 1 to k−1: published as "n.d."
	secondary      // at or above the threshold, hidden so a sensitive cell cannot be deduced
	dominated      // the work of fewer than 3 operators, or mostly of one: "n.d."
)

// sensitive reports whether a figure whose parts, one per contributing
// operator, are contrib must be withheld from the council: the threshold
// and dominance rules of package disclosure (fewer than 3 operators; one
// above 75 % or two above 85 % of it). No positive part is sensitive too.
func sensitive(contrib []float64) bool {
	return disclosure.DefaultRules.Sensitive(disclosure.Cell{Kind: disclosure.Magnitude, Contrib: append([]float64{}, contrib...)})
}

// fewRule is how the reports name the rules of sensitive.
const fewRule = "meno di 3 operatori, o per oltre il 75 % di uno solo o l'85 % di due"

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
func protect(counts []int, k int) protected { return protectCells(counts, nil, k) }

// protectCells is protect with further cells sensitive by the operators'
// rules (nil: none); a sensitive cell is hidden unless it is 0.
func protectCells(counts []int, sens []bool, k int) protected {
	p := protected{K: k, Counts: counts, Marks: make([]mark, len(counts))}
	for _, c := range counts {
		p.Total += c
	}
	if k < 1 {
		return p
	}
	for i, c := range counts {
		switch {
		case c == 0:
		case i < len(sens) && sens[i]:
			// The work of one or two operators is not shown at all: «<3»
			// would still say how much of it there is.
			p.Marks[i] = dominated
		case c < k:
			p.Marks[i] = primary
		}
	}
	if p.Total > 0 && p.Total < k {
		// Every part of a small total is small: the reader learns only
		// "<k", zeros included, or two "<k" beside zeros would each be 1.
		p.TotalM = primary
		for i := range p.Marks {
			p.Marks[i] = primary
		}
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
// of information; it reports false when every count is already hidden. A
// zero stays shown: hiding it would tell the reader it is at least k.
func (p *protected) hideSmallestShown() bool {
	best := -1
	for i, m := range p.Marks {
		if m == shown && p.Counts[i] > 0 && (best < 0 || p.Counts[i] < p.Counts[best]) {
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
// sensitive cell from what is published.
func (p *protected) deducible() bool {
	for i, m := range p.Marks {
		lo, hi := p.interval(i)
		switch {
		case hi < 0: // unbounded: the total is hidden
		case m == primary && (lo > 0 || hi < p.K):
			return true // 0 and k must both stay possible
		case m == dominated && lo >= hi:
			return true
		}
	}
	return false
}

// bounds is what a reader knows of a hidden cell from its mark alone:
// every hidden cell reads «n.d.», so only that it lies between 0 and the
// total.
func (p *protected) bounds(mark) (lo, hi int) { return 0, p.Total }

// interval is the range of values hidden cell i can take given the published
// total and the other cells' marks: with one equation Σx = R and box bounds,
// x_i ranges over [R − Σ hi_others, R − Σ lo_others] clipped to its own box.
// With a hidden total it is unbounded above (−1 stands for that).
func (p *protected) interval(i int) (lo, hi int) {
	if p.TotalM != shown {
		return 0, -1
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

// secrecyOf says why a cell of p with mark m is hidden, for the audit.
func (p *protected) secrecyOf(m mark) secrecy {
	switch {
	case m == secondary:
		return complement
	case p.TotalM == primary:
		return smallLine
	}
	return byRule
}

// totalSecrecy says why p's total is hidden: a small total is not 0.
func (p *protected) totalSecrecy() secrecy {
	if p.TotalM == secondary {
		return complement
	}
	return byRule
}

// cell is the published text of count i.
func (p *protected) cell(i int) string { return p.text(p.Marks[i], p.Counts[i]) }

// total is the published text of the total.
func (p *protected) total() string { return p.text(p.TotalM, p.Total) }

func (p *protected) text(m mark, v int) string {
	if m != shown {
		return suppressedMark // one mark for every hidden cell: it says nothing of the value
	}
	return strconv.Itoa(v)
}

// suppressedMark stands for every hidden figure of the council's version;
// the reports explain it in a note.
const suppressedMark = "n.d."

// suppressedNote explains the mark to the reader.
func suppressedNote(k int) string {
	return "«" + suppressedMark + "»: dato non diffuso per tutela della riservatezza. Lo è un conteggio da 1 a " + strconv.Itoa(k-1) +
		", un dato che descrive il lavoro di " + fewRule + " (regole della soglia e della dominanza, Hundepool e altri, Statistical Disclosure Control, Wiley 2012, §4.2), " +
		"e ogni dato da cui quelli si ricaverebbero per differenza: il segno è lo stesso per tutti, e un dato «" + suppressedMark + "» può valere 0, poco o molto. Uno zero scritto è uno zero vero."
}
