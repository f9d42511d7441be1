package disclosure

import (
	"math"
	"slices"
)

// Sensitive reports whether cell c must be hidden by the rules: a count
// from 1 to Threshold−1; a magnitude with fewer than Threshold positive
// contributions, or whose n largest exceed share k of it. A magnitude
// without contributions (nil) was judged by whoever added it.
func (r Rules) Sensitive(c Cell) bool {
	if c.Kind == Count {
		return c.Value > 0 && c.Value < float64(r.Threshold)
	}
	if c.Contrib == nil {
		return false
	}
	parts, sum := positive(c.Contrib)
	if len(parts) < r.Threshold {
		return true
	}
	for _, d := range r.Dominance {
		if top(parts, d.N) > d.K*sum {
			return true
		}
	}
	return false
}

// positive returns the positive contributions, largest first, and their sum.
func positive(contrib []float64) ([]float64, float64) {
	var parts []float64
	sum := 0.0
	for _, v := range contrib {
		if v > 0 {
			parts = append(parts, v)
			sum += v
		}
	}
	slices.SortFunc(parts, func(a, b float64) int { return -cmpFloat(a, b) })
	return parts, sum
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func top(parts []float64, n int) float64 {
	s := 0.0
	for i := 0; i < n && i < len(parts); i++ {
		s += parts[i]
	}
	return s
}

// Known is what a reader knows of a hidden cell from its mark alone:
// nothing but that it is not negative. Every hidden figure of a council's
// output reads the same «n.d.», whether a rule hid it (a count of 1 or 2,
// the work of few people) or it was hidden so that those cannot be worked
// out, and secondary suppression may hide a zero too: the mark tells
// neither «small» nor «large» nor «not 0».
func (r Rules) Known(c Cell) (lo, hi float64) {
	if c.Status == Published {
		return c.Value, c.Value
	}
	return 0, math.Inf(1)
}

// Need is the protection interval of a sensitive cell: the values a reader
// must not be able to rule out using everything published.
//
//   - A count under the threshold k: the interval must contain 0 and k, so
//     that nothing published tells whether the count is 0, small, or at
//     least k — whether anyone, or only one or two, are behind it. This is
//     possible because the mark says nothing (see Known).
//   - A magnitude, or a larger count hidden as the work of few people: the
//     interval must reach the value at which its largest
//     contributions would no longer dominate it, (x₁+…+xₙ)/k for each
//     (n, k) rule — the upper protection level of τ-ARGUS — and at least
//     Margin of the cell (or of its Scale, when larger) on either side.
func (r Rules) Need(c Cell) (lo, hi float64) {
	if c.Kind == Count && c.Value < float64(r.Threshold) {
		return 0, float64(r.Threshold)
	}
	upl := r.Margin * max(c.Value, c.Scale)
	parts, _ := positive(c.Contrib)
	for _, d := range r.Dominance {
		upl = max(upl, top(parts, d.N)/d.K-c.Value)
	}
	return max(0, c.Value-upl), c.Value + upl
}
