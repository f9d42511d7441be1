package reports

import "testing"

// feasible enumerates, by brute force, every assignment of the hidden cells
// consistent with what a reader sees (marks, shown counts, total) and returns
// the set of values each hidden cell can take. It shares nothing with
// protected.interval.
func feasible(p protected) map[int]map[int]bool {
	var hidden []int
	for i, m := range p.Marks {
		if m != shown {
			hidden = append(hidden, i)
		}
	}
	seen := map[int]map[int]bool{}
	for _, i := range hidden {
		seen[i] = map[int]bool{}
	}
	limit := p.Total // a reader who sees the total knows no cell exceeds it
	if p.TotalM != shown {
		limit = p.Total + 5 // hidden total: let the search roam past it
	}
	vals := make([]int, len(p.Counts))
	copy(vals, p.Counts)
	var walk func(n int)
	walk = func(n int) {
		if n == len(hidden) {
			sum := 0
			for _, v := range vals {
				sum += v
			}
			if p.TotalM == shown && sum != p.Total {
				return // a hidden total («n.d.», like every hidden cell) says nothing
			}
			for _, i := range hidden {
				seen[i][vals[i]] = true
			}
			return
		}
		i := hidden[n]
		lo, hi := 0, limit // every hidden cell reads «n.d.»: 0 or more
		for v := lo; v <= hi; v++ {
			vals[i] = v
			walk(n + 1)
		}
		vals[i] = p.Counts[i]
	}
	walk(0)
	return seen
}

func TestProtectNothingDeducible(t *testing.T) {
	tests := []struct {
		name   string
		counts []int
		sens   []bool // sensitive by the operators' rules
	}{
		{"single small cell", []int{40, 1, 25, 9}, nil},
		{"two small cells whose sum pins both", []int{30, 2, 2, 17}, nil},
		{"small cell next to a zero", []int{0, 12, 1, 33}, nil},
		{"all small", []int{1, 2, 0}, nil},
		{"small total of two", []int{1, 1}, nil},
		{"small total beside a zero", []int{1, 0, 1}, nil},
		{"one small among two", []int{2, 3}, nil},
		{"nothing small", []int{5, 7, 11}, nil},
		{"threshold hit exactly", []int{3, 3, 2}, nil},
		{"many small", []int{1, 1, 1, 1, 20}, nil},
		{"zeros only beside a small cell", []int{0, 0, 1, 0}, nil},
		{"one dominated cell", []int{179, 547, 81, 50}, []bool{true, false, false, false}},
		{"dominated beside zeros", []int{0, 11, 0, 40}, []bool{false, true, false, false}},
		{"dominated and small", []int{11, 2, 13, 40, 6}, []bool{true, false, false, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := protectCells(tt.counts, tt.sens, 3)
			for i, c := range tt.counts {
				if c == 0 && p.TotalM != primary && p.cell(i) != "0" {
					t.Errorf("true zero (cell %d) published as %q", i, p.cell(i))
				}
				if c > 0 && c < 3 && p.Marks[i] != primary {
					t.Errorf("count %d (cell %d) published as %q", c, i, p.cell(i))
				}
				if c >= 3 && p.Marks[i] == primary {
					t.Errorf("count %d (cell %d) marked small", c, i)
				}
				if c > 0 && i < len(tt.sens) && tt.sens[i] && p.Marks[i] == shown {
					t.Errorf("sensitive count %d (cell %d) published", c, i)
				}
			}
			if p.Total > 0 && p.Total < 3 && p.TotalM != primary {
				t.Errorf("small total %d published as %q", p.Total, p.total())
			}
			for i, vals := range feasible(p) {
				if !vals[tt.counts[i]] {
					t.Fatalf("cell %d: true value %d not among feasible %v (enumeration broken)", i, tt.counts[i], vals)
				}
				if p.Marks[i] == dominated && len(vals) < 2 {
					t.Errorf("cell %d (value %d) is deducible: only %v fits the published line %v total %s",
						i, tt.counts[i], vals, texts(p), p.total())
				}
				if p.Marks[i] == primary && p.TotalM == shown && (!vals[0] || !vals[p.K]) {
					t.Errorf("cell %d (value %d): the reader can rule out 0 or %d, only %v fit the published line %v total %s",
						i, tt.counts[i], p.K, vals, texts(p), p.total())
				}
			}
		})
	}
}

// TestSensitive checks the threshold and dominance rules on their edges.
func TestSensitive(t *testing.T) {
	tests := []struct {
		contrib []float64
		want    bool
	}{
		{[]float64{179}, true},            // one operator: Pedrengo's social worker
		{[]float64{113, 46}, true},        // two operators
		{[]float64{10, 10, 10}, false},    // three equal operators
		{[]float64{75, 10, 10, 5}, false}, // exactly 75 % and 85 %: allowed
		{[]float64{76, 9, 9, 6}, true},    // above 75 %: (1, 75 %)
		{[]float64{50, 35, 15}, false},    // two at exactly 85 %: allowed
		{[]float64{50, 36, 14}, true},     // two above 85 %: (2, 85 %)
		{[]float64{50, 0, 0, 30}, true},   // zero contributions do not count
		{nil, true},                       // nobody: nothing can be vouched for
		{[]float64{155, 118, 99, 75, 97}, false},
	}
	for _, tt := range tests {
		if got := sensitive(tt.contrib); got != tt.want {
			t.Errorf("sensitive(%v) = %v, want %v", tt.contrib, got, tt.want)
		}
	}
}

func TestProtectKeepsWhatIsSafe(t *testing.T) {
	p := protect([]int{5, 7, 11}, 3)
	if got := texts(p); got != "5 7 11" || p.total() != "23" {
		t.Errorf("got %s total %s, want everything shown", got, p.total())
	}
	// One small cell needs exactly one partner, the smallest other cell.
	p = protect([]int{40, 1, 25, 9}, 3)
	if got := texts(p); got != "40 n.d. 25 n.d." {
		t.Errorf("got %s", got)
	}
}

func texts(p protected) string {
	s := ""
	for i := range p.Counts {
		if i > 0 {
			s += " "
		}
		s += p.cell(i)
	}
	return s
}
