package disclosure

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// Finding is the audit of one sensitive cell: the interval a reader can
// work out for it, and the interval the rules require.
type Finding struct {
	ID     string
	Lo, Hi float64 // what the published output allows
	Need   [2]float64
	Safe   bool
}

// equation is a relation on hidden cells, published values moved right.
type equation struct {
	vars  []int // cell indexes
	coefs []float64
	rhs   float64
}

const eps = 1e-7

// Audit computes, for every sensitive (Primary) cell, the smallest and
// largest value consistent with everything the set publishes: published
// values, relations, the marks of the other hidden cells, non-negativity.
// The cell's own mark is left out, so the interval says what the rest of
// the output gives away. It returns one finding per sensitive cell.
func (s *Set) Audit() ([]Finding, error) {
	eqs := s.equations()
	comp := s.components(eqs)
	var out []Finding
	for i, c := range s.Cells {
		if c.Status != Primary {
			continue
		}
		lo, hi, err := s.interval(i, comp, eqs)
		if err != nil {
			return nil, err
		}
		nlo, nhi := s.Rules.Need(c)
		out = append(out, Finding{ID: c.ID, Lo: lo, Hi: hi, Need: [2]float64{nlo, nhi},
			Safe: lo <= nlo+eps && hi >= nhi-eps})
	}
	return out, nil
}

// equations substitutes the published values into the relations.
func (s *Set) equations() []equation {
	var out []equation
	for _, r := range s.Relations {
		e := equation{rhs: r.Const}
		for _, t := range r.Terms {
			i := s.index[t.ID]
			if s.Cells[i].Status == Published {
				e.rhs -= t.Coef * s.Cells[i].Value
				continue
			}
			e.vars = append(e.vars, i)
			e.coefs = append(e.coefs, t.Coef)
		}
		if len(e.vars) > 0 {
			out = append(out, e)
		}
	}
	return out
}

// components labels each hidden cell with the connected component of the
// equations it belongs to (union-find); equations in different components
// cannot inform each other.
func (s *Set) components(eqs []equation) []int {
	parent := make([]int, len(s.Cells))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, e := range eqs {
		for _, v := range e.vars[1:] {
			parent[find(v)] = find(e.vars[0])
		}
	}
	for i := range parent {
		parent[i] = find(i)
	}
	return parent
}

// interval solves min and max of cell target over its component.
func (s *Set) interval(target int, comp []int, eqs []equation) (lo, hi float64, err error) {
	var vars []int
	col := map[int]int{}
	for i, c := range s.Cells {
		if c.Status != Published && comp[i] == comp[target] {
			col[i] = len(vars)
			vars = append(vars, i)
		}
	}
	var rows []equation
	for _, e := range eqs {
		if comp[e.vars[0]] == comp[target] {
			rows = append(rows, e)
		}
	}
	bounds := make([][2]float64, len(vars))
	for j, i := range vars {
		if i == target {
			bounds[j] = [2]float64{0, math.Inf(1)}
			continue
		}
		l, h := s.Rules.Known(s.Cells[i])
		bounds[j] = [2]float64{l, h}
	}
	t := col[target]
	if len(rows) == 0 {
		return bounds[t][0], bounds[t][1], nil
	}
	A, b := standardForm(rows, col, bounds)
	n := len(A[0])
	c := make([]float64, n)
	c[t] = 1
	fmin, err := solve(c, A, b)
	if err != nil {
		return unproven()
	}
	c[t] = -1
	fmax, err := solve(c, A, b)
	switch {
	case errors.Is(err, lp.ErrUnbounded):
		fmax = math.Inf(-1)
	case err != nil:
		return unproven()
	}
	return bounds[t][0] + fmin, bounds[t][0] - fmax, nil
}

// unproven is the interval of a cell the simplex could not bound (a
// numerical failure): empty, so that the cell counts as recoverable and
// more is hidden. Fail safe: never publish what the audit did not prove.
func unproven() (lo, hi float64, err error) { return math.Inf(1), math.Inf(-1), nil }

// standardForm writes the equations over y = x − lo ≥ 0, with a slack per
// finite upper bound, dropping the equations that depend on others (the
// simplex needs full row rank).
func standardForm(rows []equation, col map[int]int, bounds [][2]float64) ([][]float64, []float64) {
	nv := len(bounds)
	var slacks []int
	for j, bd := range bounds {
		if !math.IsInf(bd[1], 1) {
			slacks = append(slacks, j)
		}
	}
	n := nv + len(slacks)
	var A [][]float64
	var b []float64
	for _, e := range rows {
		r := make([]float64, n)
		rhs := e.rhs
		for k, v := range e.vars {
			j := col[v]
			r[j] += e.coefs[k]
			rhs -= e.coefs[k] * bounds[j][0]
		}
		A, b = addIndependent(A, b, r, rhs, nv)
	}
	for k, j := range slacks {
		r := make([]float64, n)
		r[j], r[nv+k] = 1, 1
		A = append(A, r)
		b = append(b, bounds[j][1]-bounds[j][0])
	}
	for i := range b {
		if b[i] < 0 {
			b[i] = -b[i]
			for j := range A[i] {
				A[i][j] = -A[i][j]
			}
		}
	}
	return A, b
}

// addIndependent reduces row r against the rows kept so far (Gaussian
// elimination on the first nv columns) and keeps the remainder when it is
// not zero.
func addIndependent(A [][]float64, b []float64, r []float64, rhs float64, nv int) ([][]float64, []float64) {
	for i, k := range A {
		p := pivot(k, nv)
		if f := r[p] / k[p]; f != 0 {
			for j := range r {
				r[j] -= f * k[j]
			}
			rhs -= f * b[i]
		}
	}
	if math.Abs(r[pivot(r, nv)]) < 1e-9 {
		return A, b // a combination of the others (its rhs agrees: true values satisfy all)
	}
	return append(A, r), append(b, rhs)
}

// pivot is the column of the largest coefficient among the first nv.
func pivot(r []float64, nv int) int {
	p := 0
	for j := 1; j < nv; j++ {
		if math.Abs(r[j]) > math.Abs(r[p]) {
			p = j
		}
	}
	return p
}

func solve(c []float64, A [][]float64, b []float64) (float64, error) {
	m := mat.NewDense(len(A), len(c), nil)
	for i, r := range A {
		m.SetRow(i, r)
	}
	f, _, err := lp.Simplex(c, m, b, 1e-10, nil)
	return f, err
}
