package ingest

import (
	"testing"
	"time"
)

// parseClock's fast path for hh:mm gives what time.Parse gives, and leaves
// to it whatever it does not read itself.
func TestParseClock(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"08:05", "00:00", "23:59", "24:00", "12:60", "8:05", "08:5", "08.05", "08:05:30",
		"0a:05", "08-05", "", "99:99", "07:30 ", "１２:00"} {
		got, ok := parseClock(s)
		var want time.Time
		var wantOK bool
		for _, layout := range []string{"15:04", "15:04:05", "15.04"} {
			if w, err := time.Parse(layout, s); err == nil {
				want, wantOK = w, true
				break
			}
		}
		if ok != wantOK || !got.Equal(want) || got.Location() != want.Location() {
			t.Errorf("parseClock(%q) = %v, %v; time.Parse gives %v, %v", s, got, ok, want, wantOK)
		}
	}
}

// fieldCols finds every field of every kind the map finds, at the same
// columns, and nothing the map lacks.
func TestFieldCols(t *testing.T) {
	t.Parallel()
	for kind, fields := range Fields {
		idx := map[string][]int{}
		for i, f := range fields {
			if i%3 != 2 { // some fields left unmapped
				idx[f] = []int{i, i + 7}
			}
		}
		fc := newFieldCols(idx)
		if fc == nil {
			t.Fatalf("%s: no table for %d fields", kind, len(idx))
		}
		for _, f := range append(fields, "", "x", "operator_idx", "dat") {
			got, want := fc.get(f), idx[f]
			if len(got) != len(want) || len(want) > 0 && (got[0] != want[0] || got[1] != want[1]) {
				t.Errorf("%s: get(%q) = %v, want %v", kind, f, got, want)
			}
		}
	}
	many := map[string][]int{}
	for i := range 40 {
		many[string(rune('a'+i%26))+string(rune('a'+i/26))] = []int{i}
	}
	if newFieldCols(many) != nil {
		t.Error("a table for 40 fields: it would fill up")
	}
}
