package reports

import (
	"testing"
	"time"
)

// TestCouncilDates: the council's version takes a whole calendar year at
// its 31 December and nothing else, so that no two versions a reader
// could ask for differ by a day or a month.
func TestCouncilDates(t *testing.T) {
	t.Parallel()
	d := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		v, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		from, to, at string
		ok           bool
	}{
		{"", "", "", true},
		{"", "", "2025-12-31", true},
		{"2025-01-01", "2025-12-31", "", true},
		{"2025-01-01", "2025-12-31", "2025-12-31", true},
		{"2024-01-01", "2024-12-31", "", true},
		{"", "", "2025-12-30", false},
		{"", "", "2025-06-15", false},
		{"2025-01-02", "2025-12-31", "", false},
		{"2025-01-01", "2025-12-30", "", false},
		{"2025-01-01", "2025-12-31", "2025-11-30", false},
		{"2024-07-01", "2025-06-30", "", false},
		{"2024-01-01", "2025-12-31", "", false},
	} {
		err := CouncilDates(d(c.from), d(c.to), d(c.at))
		if (err == nil) != c.ok {
			t.Errorf("from %q to %q at %q: %v, want ok=%v", c.from, c.to, c.at, err, c.ok)
		}
	}
}
