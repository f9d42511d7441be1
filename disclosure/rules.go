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

// Known is what a reader knows of a hidden cell from its mark alone: a
// «<k» count lies between 1 and k−1 (a true 0 is published as 0); a count
// hidden as «n.d.» by secondary suppression is at least k, since smaller
// ones read «<k»; a hidden magnitude is only non-negative.
func (r Rules) Known(c Cell) (lo, hi float64) {
	k := float64(r.Threshold)
	switch {
	case c.Status == Published:
		return c.Value, c.Value
	case c.Kind == Magnitude:
		return 0, math.Inf(1)
	case c.Status == Primary && c.Value < k:
		return floor(c), k - 1
	case c.Status == Secondary && c.Value >= k:
		return k, math.Inf(1)
	}
	return 0, math.Inf(1)
}

// floor is the least value a «<k» allows: 1, or 0 when zeros read «<k» too.
func floor(c Cell) float64 {
	if c.Zero {
		return 0
	}
	return min(1, c.Value)
}

// Need is the protection interval of a sensitive cell: the values a reader
// must not be able to rule out using everything published except the
// cell's own mark.
//
//   - A count under the threshold k, published «<k»: the interval must
//     contain every value the mark allows, 1 to k−1 (0 to k−1 for a 0
//     hidden in a line whose total is small), so the rest of the output
//     tells nothing the mark does not. It need not reach 0: a true 0 is
//     printed as 0, so «<k» already says «not 0»; nor k, or no line of
//     small counts could ever be published beside its small total.
//   - A magnitude, or a larger count hidden as the work of few people: the
//     interval must reach the value at which its largest
//     contributions would no longer dominate it, (x₁+…+xₙ)/k for each
//     (n, k) rule — the upper protection level of τ-ARGUS — and at least
//     Margin of the cell (or of its Scale, when larger) on either side.
func (r Rules) Need(c Cell) (lo, hi float64) {
	if c.Kind == Count && c.Value < float64(r.Threshold) {
		return floor(c), float64(r.Threshold - 1)
	}
	upl := r.Margin * max(c.Value, c.Scale)
	parts, _ := positive(c.Contrib)
	for _, d := range r.Dominance {
		upl = max(upl, top(parts, d.N)/d.K-c.Value)
	}
	return max(0, c.Value-upl), c.Value + upl
}
