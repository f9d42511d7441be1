package planning

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/carico/carico"
)

func unitsOf(work []float64) []Unit {
	u := make([]Unit, len(work))
	for i, w := range work {
		u[i] = Unit{ID: fmt.Sprintf("u%02d", i), Workload: w, Residents: int(w * 10)}
	}
	return u
}

func pathEdges(n int) [][2]string {
	var e [][2]string
	for i := 0; i+1 < n; i++ {
		e = append(e, [2]string{fmt.Sprintf("u%02d", i), fmt.Sprintf("u%02d", i+1)})
	}
	return e
}

func gridEdges(rows, cols int) [][2]string {
	var e [][2]string
	id := func(r, c int) string { return fmt.Sprintf("u%02d", r*cols+c) }
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			if c+1 < cols {
				e = append(e, [2]string{id(r, c), id(r, c+1)})
			}
			if r+1 < rows {
				e = append(e, [2]string{id(r, c), id(r+1, c)})
			}
		}
	}
	return e
}

func starEdges(n int) [][2]string {
	var e [][2]string
	for i := 1; i < n; i++ {
		e = append(e, [2]string{"u00", fmt.Sprintf("u%02d", i)})
	}
	return e
}

// A path of 6 units with workloads 1 2 3 4 5 6 (total 21) into 3 zones:
// the contiguous splits are cuts of the path; by hand the best is
// [1 2 3 4][5][6] = 10, 5, 6 (squared deviations 9+4+1 = 14) against e.g.
// [1 2 3][4 5][6] = 6, 9, 6 (1+4+1 = 6) — the latter wins, and no cut does
// better: [1 2 3][4][5 6] = 6, 4, 11 (1+9+16).
func TestExactPathByHand(t *testing.T) {
	p, err := ProposeZones(unitsOf([]float64{1, 2, 3, 4, 5, 6}), pathEdges(6), 3)
	if err != nil {
		t.Fatal(err)
	}
	var loads []float64
	for _, z := range p.Zones {
		loads = append(loads, z.WorkloadHours)
	}
	if !slices.Equal(loads, []float64{6, 9, 6}) || p.Method != "esatto" {
		t.Errorf("zones %v (%s), want workloads 6 9 6", p.Zones, p.Method)
	}
	// CV = sqrt(6/3)/7.
	if math.Abs(p.CV-math.Sqrt(2)/7) > 1e-12 || *p.MaxMin != 1.5 {
		t.Errorf("CV %v max/min %v", p.CV, *p.MaxMin)
	}
}

// Residents break ties in workload: two mirror-image splits of a path have
// the same workload deviation; the one with balanced residents wins.
func TestResidentsBreakTies(t *testing.T) {
	units := []Unit{{"a", 5, 100}, {"b", 5, 900}, {"c", 5, 100}, {"d", 5, 100}}
	edges := [][2]string{{"a", "b"}, {"b", "c"}, {"c", "d"}}
	p, err := ProposeZones(units, edges, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Zones[0].Units; !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("zones %v: want {a b}{c d}, the only balanced split, with residents 1000/200", p.Zones)
	}
	units[1].Residents, units[2].Residents = 100, 100
	units[0].Residents = 700
	p, _ = ProposeZones(units, edges, 2)
	if p.Zones[0].Residents != 800 {
		t.Errorf("residents %v", p.Zones)
	}
}

func TestHeuristicMatchesExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(2013, 4))
	randWork := func(n int) []float64 {
		w := make([]float64, n)
		for i := range w {
			w[i] = float64(50 + rng.IntN(400))
		}
		return w
	}
	type instance struct {
		name  string
		n     int
		edges [][2]string
		k     int
	}
	var cases []instance
	for _, k := range []int{2, 3, 4} {
		cases = append(cases,
			instance{"path", 10, pathEdges(10), k},
			instance{"grid 3×4", 12, gridEdges(3, 4), k},
			instance{"star", 9, starEdges(9), k},
			instance{"grid 2×6", 12, gridEdges(2, 6), k},
		)
	}
	// Random connected graphs: a random spanning tree plus extra edges.
	for i := 0; i < 6; i++ {
		n := 9 + i
		var e [][2]string
		for v := 1; v < n; v++ {
			e = append(e, [2]string{fmt.Sprintf("u%02d", rng.IntN(v)), fmt.Sprintf("u%02d", v)})
		}
		for j := 0; j < n/2; j++ {
			e = append(e, [2]string{fmt.Sprintf("u%02d", rng.IntN(n)), fmt.Sprintf("u%02d", rng.IntN(n))})
		}
		cases = append(cases, instance{fmt.Sprintf("random %d", n), n, e, 2 + i%3})
	}
	for _, c := range cases {
		for trial := 0; trial < 3; trial++ {
			g, err := newGraph(unitsOf(randWork(c.n)), c.edges, c.k)
			if err != nil {
				t.Fatal(err)
			}
			ex := g.scoreOf(g.exact(allNodes(g.n), c.k))
			heur := g.heuristic(c.k)
			for _, z := range heur {
				if !g.connected(z) {
					t.Fatalf("%s k=%d: heuristic zone %v not contiguous", c.name, c.k, z)
				}
			}
			hs := g.scoreOf(heur)
			if g.better(ex, hs) {
				t.Errorf("%s k=%d trial %d: heuristic %.1f, exact optimum %.1f", c.name, c.k, trial, hs.work, ex.work)
			}
		}
	}
}

func TestZonesInputErrors(t *testing.T) {
	units := unitsOf([]float64{1, 2, 3, 4})
	for name, c := range map[string]struct {
		edges [][2]string
		k     int
	}{
		"too many zones":   {pathEdges(4), 5},
		"unknown unit":     {[][2]string{{"u00", "zz"}}, 2},
		"too many islands": {[][2]string{{"u00", "u01"}}, 2},
		"zero zones":       {pathEdges(4), 0},
	} {
		if _, err := ProposeZones(units, c.edges, c.k); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// Two islands and two zones: each island is a zone.
	p, err := ProposeZones(units, [][2]string{{"u00", "u01"}, {"u02", "u03"}}, 2)
	if err != nil || len(p.Zones) != 2 || p.Zones[0].WorkloadHours != 3 {
		t.Errorf("islands: %v %v", p, err)
	}
}

func TestSizeAndCurrent(t *testing.T) {
	zones := []Zone{{ID: "Z1", WorkloadHours: 3000}, {ID: "Z2", WorkloadHours: 1500}}
	SizeZones(zones, 1500, map[carico.Role]float64{carico.RoleSocialWorker: 0.6, carico.RoleEducator: 0.4})
	if zones[0].FTENeeded != 2 || math.Abs(zones[0].FTEByRole[carico.RoleEducator]-0.8) > 1e-12 {
		t.Errorf("sizing %+v", zones[0])
	}
	units := unitsOf([]float64{10, 20, 30})
	cur, err := GroupUnits(units, map[string]string{"u00": "Nord", "u01": "Nord", "u02": "Sud"})
	if err != nil || len(cur.Zones) != 2 || cur.Zones[0].WorkloadHours != 30 || cur.CV != 0 {
		t.Errorf("current %+v %v", cur, err)
	}
	if _, err := GroupUnits(units, map[string]string{"u00": "Nord"}); err == nil {
		t.Error("units without a zone accepted")
	}
}

// A city of 40 quartieri on a 5×8 grid: the heuristic must return k
// contiguous zones covering every unit, quickly enough for a CLI.
func BenchmarkHeuristic40(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	w := make([]float64, 40)
	for i := range w {
		w[i] = float64(100 + rng.IntN(900))
	}
	units, edges := unitsOf(w), gridEdges(5, 8)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ProposeZones(units, edges, 5); err != nil {
			b.Fatal(err)
		}
	}
}
