package italian

import (
	"math"
	"testing"
	"time"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		v    float64
		dec  int
		want string
	}{
		{24336, 0, "24.336"},
		{1234567.891, 2, "1.234.567,89"},
		{1.5, 1, "1,5"},
		{999, 0, "999"},
		{1000, 0, "1.000"},
		{-23385.4, 0, "-23.385"},
		{-0.004, 2, "0,00"},
		{0.1234, 3, "0,123"},
		{math.NaN(), 1, "—"},
		{math.Inf(1), 0, "—"},
	}
	for _, tt := range tests {
		if got := Number(tt.v, tt.dec); got != tt.want {
			t.Errorf("Number(%v, %d) = %q, want %q", tt.v, tt.dec, got, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	if got := Date(time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)); got != "31/12/2025" {
		t.Errorf("Date = %q", got)
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1463: "1.463", -25592: "-25.592", 1234567: "1.234.567"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestMonths(t *testing.T) {
	d := time.Date(2025, 3, 7, 0, 0, 0, 0, time.UTC)
	for _, c := range [][2]string{
		{LongDate(d), "7 marzo 2025"}, {Month(d), "marzo 2025"}, {ShortMonth(d), "mar 2025"},
		{MonthOf("2025-12"), "dicembre 2025"}, {ShortMonthOf("2025-01"), "gen 2025"}, {ShortMonthOf("Periodo"), "Periodo"},
	} {
		if c[0] != c[1] {
			t.Errorf("got %q, want %q", c[0], c[1])
		}
	}
}
