package planning

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strconv"

	"github.com/carico/carico"
)

// Unit is a territorial unit: a comune of the Ambito or a quartiere of a
// city. Workload is its weighted workload in hours per year.
type Unit struct {
	ID        string
	Workload  float64
	Residents int
}

// Zone is a group of units served by one micro-équipe.
type Zone struct {
	ID            string                  `json:"id"`
	Units         []string                `json:"units"`
	WorkloadHours float64                 `json:"workload_hours"`
	Residents     int                     `json:"residents"`
	FTENeeded     float64                 `json:"fte_needed"`
	FTEByRole     map[carico.Role]float64 `json:"fte_by_role,omitempty"`
}

// Dispersion measures how evenly workload is spread across zones.
type Dispersion struct {
	CV     float64  `json:"cv"`      // population standard deviation ÷ mean
	MaxMin *float64 `json:"max_min"` // largest ÷ smallest; null when the smallest is 0
	Max    float64  `json:"max_hours"`
	Min    float64  `json:"min_hours"`
}

// Partition is a set of zones with its dispersion and how it was found.
type Partition struct {
	Zones []Zone `json:"zones"`
	Dispersion
	Method string `json:"method,omitempty"` // "esatto" or "euristico"
}

// MaxExactUnits is the number of units up to which ProposeZones searches
// every connected partition; beyond it the heuristic runs.
const MaxExactUnits = 14

// maxMergeSplit bounds the size of two merged zones that the heuristic
// re-splits exactly.
const maxMergeSplit = 16

// ProposeZones groups units into k contiguous zones (each zone's units
// connected through edges) with balanced workload.
//
// The objective, lexicographic: the sum over zones of the squared deviation
// of workload from the mean (equivalently, the coefficient of variation of
// workload, the mean being fixed by k); then the same for residents. Up to
// MaxExactUnits units every connected partition is searched with
// branch and bound, so the result is the optimum; beyond, a heuristic (see
// heuristicZones). Results are deterministic: units are processed in ID
// order and ties keep the first partition found.
func ProposeZones(units []Unit, edges [][2]string, k int) (Partition, error) {
	g, err := newGraph(units, edges, k)
	if err != nil {
		return Partition{}, err
	}
	var zones [][]int
	method := "esatto"
	if g.n <= MaxExactUnits {
		zones = g.exact(allNodes(g.n), k)
	} else {
		zones = g.heuristic(k)
		method = "euristico"
	}
	if len(zones) != k {
		return Partition{}, errNoPartition
	}
	p := g.partition(zones)
	p.Method = method
	return p, nil
}

// SizeZones sets each zone's FTE need: workload hours ÷ available hours
// per FTE, split across roles by mix (shares summing to 1; roles with a
// zero share are left out).
func SizeZones(zones []Zone, hoursPerFTE float64, mix map[carico.Role]float64) {
	var total float64
	for _, s := range mix {
		total += s
	}
	for i := range zones {
		z := &zones[i]
		if hoursPerFTE > 0 {
			z.FTENeeded = z.WorkloadHours / hoursPerFTE
		}
		if total <= 0 {
			continue
		}
		z.FTEByRole = map[carico.Role]float64{}
		for r, s := range mix {
			if s > 0 {
				z.FTEByRole[r] = z.FTENeeded * s / total
			}
		}
	}
}

// Disperse computes the dispersion of the zones' workload.
func Disperse(zones []Zone) Dispersion {
	if len(zones) == 0 {
		return Dispersion{}
	}
	var d Dispersion
	var sum float64
	d.Min = math.Inf(1)
	for _, z := range zones {
		sum += z.WorkloadHours
		d.Max = math.Max(d.Max, z.WorkloadHours)
		d.Min = math.Min(d.Min, z.WorkloadHours)
	}
	mean := sum / float64(len(zones))
	var ss float64
	for _, z := range zones {
		ss += (z.WorkloadHours - mean) * (z.WorkloadHours - mean)
	}
	if mean > 0 {
		d.CV = math.Sqrt(ss/float64(len(zones))) / mean
	}
	if d.Min > 0 {
		r := d.Max / d.Min
		d.MaxMin = &r
	}
	return d
}

// GroupUnits builds the zones of an existing organisation: assign maps a
// unit to its current zone. Units without a zone are reported.
func GroupUnits(units []Unit, assign map[string]string) (Partition, error) {
	byZone := map[string]*Zone{}
	var missing []string
	for _, u := range units {
		id, ok := assign[u.ID]
		if !ok {
			missing = append(missing, u.ID)
			continue
		}
		z := byZone[id]
		if z == nil {
			z = &Zone{ID: id}
			byZone[id] = z
		}
		z.Units = append(z.Units, u.ID)
		z.WorkloadHours += u.Workload
		z.Residents += u.Residents
	}
	if len(missing) > 0 {
		return Partition{}, fmt.Errorf("unità senza zona attuale: %v", missing)
	}
	var p Partition
	for _, z := range byZone {
		sort.Strings(z.Units)
		p.Zones = append(p.Zones, *z)
	}
	sort.Slice(p.Zones, func(i, j int) bool { return p.Zones[i].ID < p.Zones[j].ID })
	p.Dispersion = Disperse(p.Zones)
	return p, nil
}

// graph is the units' adjacency, indexed in ID order.
type graph struct {
	n          int
	units      []Unit
	adj        [][]int
	wbar, rbar float64 // mean workload and residents per zone
}

func newGraph(units []Unit, edges [][2]string, k int) (*graph, error) {
	if k < 1 {
		return nil, fmt.Errorf("numero di zone non valido: %d", k)
	}
	if len(units) < k {
		return nil, fmt.Errorf("%d unità non bastano per %d zone", len(units), k)
	}
	g := &graph{n: len(units), units: slices.Clone(units)}
	sort.Slice(g.units, func(i, j int) bool { return g.units[i].ID < g.units[j].ID })
	index := map[string]int{}
	for i, u := range g.units {
		if _, dup := index[u.ID]; dup {
			return nil, fmt.Errorf("unità duplicata: %q", u.ID)
		}
		if u.Workload < 0 || u.Residents < 0 {
			return nil, fmt.Errorf("unità %q: carico o residenti negativi", u.ID)
		}
		index[u.ID] = i
		g.wbar += u.Workload
		g.rbar += float64(u.Residents)
	}
	g.wbar /= float64(k)
	g.rbar /= float64(k)
	g.adj = make([][]int, g.n)
	for _, e := range edges {
		a, okA := index[e[0]]
		b, okB := index[e[1]]
		if !okA || !okB {
			return nil, fmt.Errorf("adiacenza %s–%s: unità sconosciuta", e[0], e[1])
		}
		if a == b || slices.Contains(g.adj[a], b) {
			continue
		}
		g.adj[a] = append(g.adj[a], b)
		g.adj[b] = append(g.adj[b], a)
	}
	for _, l := range g.adj {
		slices.Sort(l)
	}
	if c := len(g.components(allNodes(g.n))); c > k {
		return nil, fmt.Errorf("le unità formano %d gruppi non adiacenti tra loro: servono almeno %d zone", c, c)
	}
	return g, nil
}

func allNodes(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// score is the objective: squared deviations of workload, then of residents.
type score struct{ work, res float64 }

func (g *graph) tolerance() float64 { return 1e-9 * (g.wbar*g.wbar + 1) }

// better reports whether a beats b by more than rounding.
func (g *graph) better(a, b score) bool {
	tol := g.tolerance()
	if a.work < b.work-tol {
		return true
	}
	if a.work > b.work+tol {
		return false
	}
	return a.res < b.res-1e-9*(g.rbar*g.rbar+1)
}

func (g *graph) zoneScore(w, r float64) score {
	return score{(w - g.wbar) * (w - g.wbar), (r - g.rbar) * (r - g.rbar)}
}

func (g *graph) scoreOf(zones [][]int) score {
	var s score
	for _, z := range zones {
		w, r := g.sums(z)
		zs := g.zoneScore(w, r)
		s.work += zs.work
		s.res += zs.res
	}
	return s
}

func (g *graph) sums(z []int) (w, r float64) {
	for _, u := range z {
		w += g.units[u].Workload
		r += float64(g.units[u].Residents)
	}
	return w, r
}

// components splits nodes into connected components (within nodes).
func (g *graph) components(nodes []int) [][]int {
	in := make(map[int]bool, len(nodes))
	for _, u := range nodes {
		in[u] = true
	}
	seen := map[int]bool{}
	var comps [][]int
	for _, s := range nodes {
		if seen[s] {
			continue
		}
		comp := []int{s}
		seen[s] = true
		for i := 0; i < len(comp); i++ {
			for _, v := range g.adj[comp[i]] {
				if in[v] && !seen[v] {
					seen[v] = true
					comp = append(comp, v)
				}
			}
		}
		slices.Sort(comp)
		comps = append(comps, comp)
	}
	return comps
}

func (g *graph) connected(nodes []int) bool {
	return len(nodes) > 0 && len(g.components(nodes)) == 1
}

// exact returns the best partition of nodes (at most MaxExactUnits… or
// maxMergeSplit of them) into k connected zones against the graph's mean.
//
// Branch and bound over bitmasks: the zone holding the lowest remaining
// node is every connected subset containing it, such that what remains has
// no more components than zones left; a branch is cut when the squared
// deviations so far plus a lower bound for the rest — by convexity, the
// rest's total split evenly over the zones left — already exceed the best.
func (g *graph) exact(nodes []int, k int) [][]int {
	n := len(nodes)
	local := make([]uint32, n) // adjacency as bitmasks over positions in nodes
	pos := map[int]int{}
	for i, u := range nodes {
		pos[u] = i
	}
	for i, u := range nodes {
		for _, v := range g.adj[u] {
			if j, ok := pos[v]; ok {
				local[i] |= 1 << j
			}
		}
	}
	size := 1 << n
	w := make([]float64, size)
	r := make([]float64, size)
	nbr := make([]uint32, size)
	for m := 1; m < size; m++ {
		low := bits.TrailingZeros32(uint32(m))
		prev := m & (m - 1)
		w[m] = w[prev] + g.units[nodes[low]].Workload
		r[m] = r[prev] + float64(g.units[nodes[low]].Residents)
		nbr[m] = nbr[prev] | local[low]
	}
	reach := func(mask uint32) uint32 {
		seen := mask & -mask
		for {
			next := seen | nbr[seen]&mask
			if next == seen {
				return seen
			}
			seen = next
		}
	}
	componentsOf := func(mask uint32) int {
		c := 0
		for mask != 0 {
			mask &^= reach(mask)
			c++
		}
		return c
	}
	best := score{math.Inf(1), math.Inf(1)}
	var bestZones, cur []uint32
	var rec func(rem uint32, k int, acc score)
	rec = func(rem uint32, k int, acc score) {
		if k == 1 {
			if reach(rem) != rem {
				return
			}
			zs := g.zoneScore(w[rem], r[rem])
			s := score{acc.work + zs.work, acc.res + zs.res}
			if g.better(s, best) {
				best = s
				bestZones = append(append(bestZones[:0], cur...), rem)
			}
			return
		}
		low := rem & -rem
		rest := rem &^ low
		for sub := rest; ; sub = (sub - 1) & rest {
			zone := low | sub
			left := rem &^ zone
			if left != 0 && bits.OnesCount32(left) >= k-1 && reach(zone) == zone {
				zs := g.zoneScore(w[zone], r[zone])
				s := score{acc.work + zs.work, acc.res + zs.res}
				d := w[left] - float64(k-1)*g.wbar
				if lb := s.work + d*d/float64(k-1); lb <= best.work+g.tolerance() && componentsOf(left) <= k-1 {
					cur = append(cur, zone)
					rec(left, k-1, s)
					cur = cur[:len(cur)-1]
				}
			}
			if sub == 0 {
				break
			}
		}
	}
	rec(uint32(size-1), k, score{})
	zones := make([][]int, len(bestZones))
	for i, m := range bestZones {
		for j := 0; j < n; j++ {
			if m&(1<<j) != 0 {
				zones[i] = append(zones[i], nodes[j])
			}
		}
	}
	return zones
}

// heuristic partitions the whole graph into k connected zones when exact
// search is too large.
//
// Deterministic multi-start: from every unit as first seed, further seeds
// are added farthest-first (hop distance, one per disconnected group first);
// zones grow from their seeds, the lightest zone always taking the
// neighbouring unit that brings it closest to the mean; then local search
// repeats two moves until neither improves the objective: move one boundary
// unit to a neighbouring zone (if its own zone stays connected), and merge
// two neighbouring zones of at most maxMergeSplit units and re-split them
// exactly. The best result over all starts is kept.
func (g *graph) heuristic(k int) [][]int {
	var best [][]int
	bestScore := score{math.Inf(1), math.Inf(1)}
	for start := 0; start < g.n; start++ {
		zone := g.grow(g.seeds(start, k), k)
		if slices.Contains(zone, -1) {
			continue
		}
		g.localSearch(zone, k)
		zones := toZones(zone, k)
		if s := g.scoreOf(zones); g.better(s, bestScore) {
			best, bestScore = zones, s
		}
	}
	return best
}

func (g *graph) seeds(start, k int) []int {
	seeds := []int{start}
	dist := g.hops(start)
	for len(seeds) < k {
		next, far := -1, -1
		for u := 0; u < g.n; u++ {
			if dist[u] > far && !slices.Contains(seeds, u) {
				next, far = u, dist[u]
			}
		}
		seeds = append(seeds, next)
		for u, d := range g.hops(next) {
			dist[u] = min(dist[u], d)
		}
	}
	return seeds
}

// hops is the breadth-first distance from s; unreachable units get n+1,
// so that farthest-first seeding reaches every disconnected group.
func (g *graph) hops(s int) []int {
	d := make([]int, g.n)
	for i := range d {
		d[i] = g.n + 1
	}
	d[s] = 0
	queue := []int{s}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, v := range g.adj[u] {
			if d[v] > d[u]+1 {
				d[v] = d[u] + 1
				queue = append(queue, v)
			}
		}
	}
	return d
}

// grow assigns every unit to a zone by region growing from seeds.
func (g *graph) grow(seeds []int, k int) []int {
	zone := make([]int, g.n)
	for i := range zone {
		zone[i] = -1
	}
	load := make([]float64, k)
	for z, s := range seeds {
		zone[s] = z
		load[z] = g.units[s].Workload
	}
	for assigned := k; assigned < g.n; assigned++ {
		bz, bu := -1, -1
		for z := 0; z < k; z++ {
			if bz >= 0 && load[z] >= load[bz] {
				continue
			}
			u := -1
			for v := 0; v < g.n; v++ {
				if zone[v] != z {
					continue
				}
				for _, x := range g.adj[v] {
					if zone[x] == -1 && (u == -1 || math.Abs(load[z]+g.units[x].Workload-g.wbar) < math.Abs(load[z]+g.units[u].Workload-g.wbar)) {
						u = x
					}
				}
			}
			if u >= 0 {
				bz, bu = z, u
			}
		}
		if bu < 0 {
			break // cannot happen: seeding reaches every group of units
		}
		zone[bu] = bz
		load[bz] += g.units[bu].Workload
	}
	return zone
}

func (g *graph) localSearch(zone []int, k int) {
	for g.improveByMove(zone, k) || g.improveByMergeSplit(zone, k) {
	}
}

// improveByMove applies the best single-unit boundary move, if any improves.
func (g *graph) improveByMove(zone []int, k int) bool {
	cur := g.scoreOf(toZones(zone, k))
	bestU, bestZ := -1, -1
	best := cur
	for u := 0; u < g.n; u++ {
		from := zone[u]
		for _, v := range g.adj[u] {
			to := zone[v]
			if to == from {
				continue
			}
			zone[u] = to
			zones := toZones(zone, k)
			if len(zones[from]) > 0 && g.connected(zones[from]) {
				if s := g.scoreOf(zones); g.better(s, best) {
					best, bestU, bestZ = s, u, to
				}
			}
			zone[u] = from
		}
	}
	if bestU < 0 {
		return false
	}
	zone[bestU] = bestZ
	return true
}

// improveByMergeSplit merges two neighbouring zones and re-splits them
// exactly, keeping the first split that improves the objective.
func (g *graph) improveByMergeSplit(zone []int, k int) bool {
	zones := toZones(zone, k)
	for a := 0; a < k; a++ {
		for b := a + 1; b < k; b++ {
			if len(zones[a])+len(zones[b]) > maxMergeSplit || !g.touch(zone, a, b) {
				continue
			}
			merged := append(slices.Clone(zones[a]), zones[b]...)
			slices.Sort(merged)
			split := g.exact(merged, 2)
			if len(split) != 2 {
				continue
			}
			old := g.scoreOf([][]int{zones[a], zones[b]})
			if g.better(g.scoreOf(split), old) {
				for _, u := range split[0] {
					zone[u] = a
				}
				for _, u := range split[1] {
					zone[u] = b
				}
				return true
			}
		}
	}
	return false
}

func (g *graph) touch(zone []int, a, b int) bool {
	for u := 0; u < g.n; u++ {
		if zone[u] != a {
			continue
		}
		for _, v := range g.adj[u] {
			if zone[v] == b {
				return true
			}
		}
	}
	return false
}

func toZones(zone []int, k int) [][]int {
	zones := make([][]int, k)
	for u, z := range zone {
		zones[z] = append(zones[z], u)
	}
	return zones
}

// partition turns zones of node indexes into the result, zones ordered by
// their first unit's ID and named Z1…Zk.
func (g *graph) partition(zones [][]int) Partition {
	sort.Slice(zones, func(i, j int) bool { return zones[i][0] < zones[j][0] })
	var p Partition
	for i, z := range zones {
		out := Zone{ID: "Z" + strconv.Itoa(i+1)}
		for _, u := range z {
			out.Units = append(out.Units, g.units[u].ID)
			out.WorkloadHours += g.units[u].Workload
			out.Residents += g.units[u].Residents
		}
		p.Zones = append(p.Zones, out)
	}
	p.Dispersion = Disperse(p.Zones)
	return p
}

// errNoPartition is returned when no contiguous partition exists.
var errNoPartition = errors.New("nessuna suddivisione in zone contigue possibile")
