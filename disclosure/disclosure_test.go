package disclosure

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

// count adds a count cell.
func count(s *Set, id string, v float64) { s.Add(Cell{ID: id, Value: v, Kind: Count}) }

// hours adds a magnitude cell with its contributions.
func hours(s *Set, id string, scale float64, contrib ...float64) {
	sum := 0.0
	for _, c := range contrib {
		sum += c
	}
	s.Add(Cell{ID: id, Value: sum, Kind: Magnitude, Contrib: contrib, Scale: scale})
}

// exposed lists the sensitive cells the audit finds recoverable.
func exposed(t *testing.T, s *Set) []string {
	t.Helper()
	f, err := s.Audit()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, x := range f {
		if !x.Safe {
			out = append(out, fmt.Sprintf("%s∈[%g,%g]", x.ID, x.Lo, x.Hi))
		}
	}
	return out
}

// primaryOnly marks the sensitive cells as the old, table-by-table
// protection did, without looking at the other tables.
func primaryOnly(s *Set) {
	for i, c := range s.Cells {
		if s.Rules.Sensitive(c) {
			s.Cells[i].Status = Primary
		}
	}
}

// leak checks that the audit finds a recoverable cell in s with primary
// suppression alone, and none once Protect has run.
func leak(t *testing.T, build func() *Set, want string) {
	t.Helper()
	s := build()
	primaryOnly(s)
	got := exposed(t, s)
	found := false
	for _, g := range got {
		if len(g) >= len(want) && g[:len(want)] == want {
			found = true
		}
	}
	if !found {
		t.Errorf("unprotected: audit found %v, want %s recoverable", got, want)
	}
	s = build()
	r, err := s.Protect()
	if err != nil {
		t.Fatalf("Protect: %v", err)
	}
	if got := exposed(t, s); len(got) > 0 {
		t.Errorf("protected: still recoverable %v", got)
	}
	if r.Secondary == 0 {
		t.Error("Protect hid no complementary cell, yet the table leaked")
	}
}

// Flussi hides January's and May's closures; Andamento prints each month's
// stock and Previsioni each month's new cartelle: the stock-flow identity
// gives the closures back.
func TestLeakDifferencingAcrossSheets(t *testing.T) {
	t.Parallel()
	leak(t, func() *Set {
		s := New(DefaultRules)
		stock := []float64{300, 328, 331, 335, 340, 362}
		opened := []float64{30, 25, 28, 31, 23}
		closed := []float64{2, 22, 24, 26, 1}
		count(s, "stock/0", stock[0])
		for m := range opened {
			count(s, fmt.Sprintf("opened/%d", m), opened[m]) // Flussi and Previsioni: one figure
			count(s, fmt.Sprintf("closed/%d", m), closed[m])
			count(s, fmt.Sprintf("stock/%d", m+1), stock[m+1]) // Flussi and Andamento
			s.StockFlow("flussi", fmt.Sprintf("stock/%d", m), fmt.Sprintf("opened/%d", m), fmt.Sprintf("closed/%d", m), fmt.Sprintf("stock/%d", m+1))
		}
		count(s, "opened/period", 137)
		s.Sum("totale", "opened/period", "opened/0", "opened/1", "opened/2", "opened/3", "opened/4")
		count(s, "closed/period", 75)
		s.Sum("totale", "closed/period", "closed/0", "closed/1", "closed/2", "closed/3", "closed/4")
		return s
	}, "closed/0")
}

// A raw count of 1 in the forecast history is sensitive by itself.
func TestLeakRawSmallCount(t *testing.T) {
	t.Parallel()
	s := New(DefaultRules)
	count(s, "new/2025-03", 1)
	count(s, "new/2025-04", 0)
	if _, err := s.Protect(); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Cell("new/2025-03"); c.Status != Primary {
		t.Errorf("a month with 1 new cartella is published")
	}
	if c, _ := s.Cell("new/2025-04"); c.Status != Published {
		t.Errorf("a true zero is hidden: it must read 0")
	}
}

// Workers by status 5 / «<3» / «<3» with 7 workers published elsewhere:
// each «<3» is exactly 1.
func TestLeakStatusCounts(t *testing.T) {
	t.Parallel()
	leak(t, func() *Set {
		s := New(DefaultRules)
		count(s, "ok", 5)
		count(s, "attention", 1)
		count(s, "critical", 1)
		count(s, "workers", 7)
		s.Sum("operatori", "workers", "ok", "attention", "critical")
		return s
	}, "attention")
}

// Documented hours of the social workers equal those of the whole service:
// the one educator and the one administrative worker recorded 0 h.
func TestLeakProfileBySubtraction(t *testing.T) {
	t.Parallel()
	leak(t, func() *Set {
		s := New(DefaultRules)
		hours(s, "hours/as", 1200, 1300, 1100, 1250, 1180, 1320)
		hours(s, "hours/ed", 1200, 0)
		hours(s, "hours/am", 1200, 0)
		hours(s, "hours/all", 1200, 1300, 1100, 1250, 1180, 1320, 0, 0)
		s.Sum("ore per profilo", "hours/all", "hours/as", "hours/ed", "hours/am")
		return s
	}, "hours/ed")
}

// Median 903 and maximum ÷ median 1,39 of 7 workers give the maximum
// worker's figure.
func TestLeakDispersion(t *testing.T) {
	t.Parallel()
	leak(t, func() *Set {
		s := New(DefaultRules)
		hours(s, "median", 903, 903)
		hours(s, "max", 903, 903*1.39)
		s.Cells[0].Contrib = []float64{300, 300, 303} // a median is a statistic of several workers
		// The ratio is printed: max − 1,39 × median = 0.
		s.Relate(Relation{Why: "massimo ÷ mediana", Terms: []Term{{"max", 1}, {"median", -1.39}}})
		return s
	}, "max")
}

// The median, p25 and p75 of 3 closures solve to the three durations.
func TestLeakQuantilesOfThree(t *testing.T) {
	t.Parallel()
	leak(t, func() *Set {
		s := New(DefaultRules)
		d := []float64{40, 120, 300}
		for i, v := range d {
			hours(s, fmt.Sprintf("d%d", i), 150, v) // one case's duration: one contributor
		}
		// The quantiles are statistics of several cases, not sensitive by
		// themselves.
		for id, v := range map[string]float64{"p50": 120, "p25": 80, "p75": 210} {
			s.Add(Cell{ID: id, Value: v, Kind: Magnitude, Contrib: []float64{v / 3, v / 3, v / 3}})
		}
		s.Relate(Relation{Why: "mediana", Terms: []Term{{"d1", 1}, {"p50", -1}}})
		s.Relate(Relation{Why: "25° percentile", Terms: []Term{{"d0", 0.5}, {"d1", 0.5}, {"p25", -1}}})
		s.Relate(Relation{Why: "75° percentile", Terms: []Term{{"d1", 0.5}, {"d2", 0.5}, {"p75", -1}}})
		return s
	}, "d0")
}

// A dominance-protected cell pinned by the total: total − published cells
// − «<3» leaves a range of two values.
func TestLeakDominancePinnedByTotal(t *testing.T) {
	t.Parallel()
	leak(t, func() *Set {
		s := New(DefaultRules)
		hours(s, "a", 10, 90, 6, 4) // one worker 90 %: (1, 75 %) dominance
		hours(s, "b", 10, 30, 30, 30)
		hours(s, "c", 10, 40, 35, 25)
		hours(s, "d", 10, 1, 0.5, 0.5) // 2 h of 3 workers, none dominant: published
		hours(s, "total", 10, 90, 6, 4, 30, 30, 30, 40, 35, 25, 1, 0.5, 0.5)
		s.Sum("totale", "total", "a", "b", "c", "d")
		return s
	}, "a")
}

// Dormant cartelle of a comune served by one social worker, and the
// contract of the one social worker serving a comune, are the work of one
// person: sensitive even when large or zero.
func TestLoneWorkerSensitive(t *testing.T) {
	t.Parallel()
	r := DefaultRules
	for _, c := range []Cell{
		{ID: "dormant", Kind: Magnitude, Value: 7, Contrib: []float64{7}},
		{ID: "permanent FTE", Kind: Magnitude, Value: 0, Contrib: []float64{0}},
		{ID: "two", Kind: Magnitude, Value: 10, Contrib: []float64{5, 5}},
	} {
		if !r.Sensitive(c) {
			t.Errorf("%s: not sensitive", c.ID)
		}
	}
	for _, c := range []Cell{
		{ID: "three even", Kind: Magnitude, Value: 30, Contrib: []float64{10, 10, 10}},
		{ID: "count 3", Kind: Count, Value: 3},
		{ID: "count 0", Kind: Count, Value: 0},
	} {
		if r.Sensitive(c) {
			t.Errorf("%s: sensitive", c.ID)
		}
	}
	// (2, 85 %): 50 + 40 of 100 with 10 left over.
	if !r.Sensitive(Cell{Kind: Magnitude, Value: 100, Contrib: []float64{50, 40, 5, 5}}) {
		t.Error("(2, 85 %) dominance missed")
	}
}

// Two reports a day apart: the stock at each date and no new cartella in
// between reveal a single closure.
func TestLeakTwoReferenceDates(t *testing.T) {
	t.Parallel()
	leak(t, func() *Set {
		s := New(DefaultRules)
		count(s, "stock/d1", 300)
		count(s, "stock/d2", 299)
		count(s, "opened/d2", 0)
		count(s, "closed/d2", 1)
		count(s, "closed/period/d1", 40)
		count(s, "closed/period/d2", 41)
		s.StockFlow("due date", "stock/d1", "opened/d2", "closed/d2", "stock/d2")
		s.Sum("chiuse", "closed/period/d2", "closed/period/d1", "closed/d2")
		return s
	}, "closed/d2")
}

// When nothing can be hidden, Protect fails and says so in Italian.
func TestProtectFailsSafe(t *testing.T) {
	t.Parallel()
	s := New(DefaultRules)
	count(s, "small", 1)
	s.Add(Cell{ID: "total", Value: 11, Fixed: true})
	s.Add(Cell{ID: "rest", Value: 10, Fixed: true})
	s.Sum("totale", "total", "small", "rest")
	_, err := s.Protect()
	var e *Error
	if !errors.As(err, &e) || e.ID != "small" {
		t.Fatalf("err = %v, want a protection error on «small»", err)
	}
	if want := "non è stato scritto"; !contains(err.Error(), want) {
		t.Errorf("message %q lacks %q", err, want)
	}
}

// A relation the true values do not satisfy is not a reader's identity.
func TestRelateKeepsTrueIdentities(t *testing.T) {
	t.Parallel()
	s := New(DefaultRules)
	count(s, "a", 1)
	count(s, "b", 4)
	count(s, "t", 6)
	if s.Sum("falso", "t", "a", "b") {
		t.Error("a false total was kept")
	}
	if !s.Sum("vero", "t", "a", "b", "a") {
		t.Error("a true relation was dropped")
	}
	if s.Add(Cell{ID: "a", Value: 2}) {
		t.Error("the same ID with another value was accepted")
	}
}

// The LP interval matches the closed form on one line: x + y + 10 = T,
// x, y hidden (the mark says only «not negative»), T published. The
// protection interval of a count under 3 is [0, 3]: the reader must not
// learn whether it is 0, nor that it is under 3.
func TestAuditInterval(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		x, y, total float64
		lo, hi      float64
		safe        bool
	}{
		{1, 2, 13, 0, 3, true},  // x = 3 − y: 0 to 3, as much as the rule asks
		{1, 1, 12, 0, 2, false}, // x = 2 − y: the reader learns x < 3
		{2, 2, 14, 0, 4, true},  // x = 4 − y
		{1, 0, 11, 1, 1, false}, // y = 0 is published: x = 1 exactly
	} {
		s := New(DefaultRules)
		count(s, "x", c.x)
		count(s, "y", c.y)
		count(s, "z", 10)
		count(s, "t", c.total)
		s.Sum("totale", "t", "x", "y", "z")
		primaryOnly(s)
		f, err := s.Audit()
		if err != nil {
			t.Fatal(err)
		}
		x := f[0]
		if x.ID != "x" || math.Abs(x.Lo-c.lo) > 1e-9 || math.Abs(x.Hi-c.hi) > 1e-9 || x.Safe != c.safe {
			t.Errorf("%+v: %s ∈ [%g, %g] safe=%v", c, x.ID, x.Lo, x.Hi, x.Safe)
		}
	}
}

// A line of small counts beside its small total is published: the total
// is small, so hidden too, and each hidden count may be 0 or 3 or more
// whatever the reader does.
func TestSmallLine(t *testing.T) {
	t.Parallel()
	s := New(DefaultRules)
	count(s, "a", 1)
	count(s, "b", 0)
	count(s, "t", 1)
	s.Sum("totale", "t", "a", "b")
	if _, err := s.Protect(); err != nil {
		t.Fatalf("a small line cannot be published: %v", err)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// The rule on a hand-made line: a count of 1 beside published
// counts and total that leave it at most 2 must be protected by hiding a
// complement, which may be a zero (its mark says nothing of the value),
// until the reader can place it anywhere from 0 to 3.
func TestProtectionContainsZeroAndThree(t *testing.T) {
	t.Parallel()
	s := New(DefaultRules)
	count(s, "one", 1)
	count(s, "zero", 0)
	count(s, "many", 40)
	count(s, "total", 41)
	s.Sum("totale", "total", "one", "zero", "many")
	primaryOnly(s)
	if got := exposed(t, s); len(got) != 1 {
		t.Fatalf("primary suppression alone: exposed %v, want «one» ∈ [0,1]", got)
	}
	s = New(DefaultRules)
	count(s, "one", 1)
	count(s, "zero", 0)
	count(s, "many", 40)
	count(s, "total", 41)
	s.Sum("totale", "total", "one", "zero", "many")
	r, err := s.Protect()
	if err != nil {
		t.Fatal(err)
	}
	f := r.Findings[0]
	if f.Lo > 0 || f.Hi < 3 {
		t.Errorf("«one» ∈ [%g, %g] after protection: 0 and 3 must both stay possible", f.Lo, f.Hi)
	}
	if c, _ := s.Cell("zero"); c.Status != Published {
		t.Errorf("hid the zero: it cannot help (one ≤ total − many = 1 whatever it is)")
	}
	if c, _ := s.Cell("many"); c.Status != Secondary {
		t.Errorf("«many» not hidden: the reader still gets one = 41 − 40 − zero")
	}
}
