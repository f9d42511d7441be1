package planning

import (
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
)

// TestSeriesOf lays hand-built monthly counts out as series: a month with
// no row is 0, an area met gets its own series, a cartella without area
// counts in the Ambito only, and a month outside the window is ignored.
func TestSeriesOf(t *testing.T) {
	t.Parallel()
	m := func(y int, mo time.Month) time.Time { return time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC) }
	first, last := m(2025, 1), m(2025, 3)
	s := seriesOf([]facts.MonthCount{
		{Month: m(2025, 1), Total: true, N: 5},
		{Month: m(2025, 1), Area: carico.Area("anziani"), N: 3},
		{Month: m(2025, 1), Area: "", N: 2},
		{Month: m(2025, 3), Total: true, N: 1},
		{Month: m(2025, 4), Total: true, N: 9},
	}, first, last)
	if len(s) != 2 || s[0].Name != "ambito" || s[1].Name != "anziani" {
		t.Fatalf("series = %+v", s)
	}
	for i, want := range []float64{5, 0, 1} {
		if s[0].Values[i] != want {
			t.Errorf("ambito month %d = %v, want %v", i, s[0].Values[i], want)
		}
	}
	if s[1].Values[0] != 3 || s[1].Values[1] != 0 {
		t.Errorf("anziani = %v", s[1].Values)
	}
}
