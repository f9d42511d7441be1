package value

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestDateTime(t *testing.T) {
	d := func(y, m, dd, h, mi, s int) time.Time { return time.Date(y, time.Month(m), dd, h, mi, s, 0, time.UTC) }
	tests := []struct {
		in, layout string
		want       time.Time
		hasTime    bool
		err        string
	}{
		{"15/01/2024", "", d(2024, 1, 15, 0, 0, 0), false, ""},
		{" 5/3/2024 ", "", d(2024, 3, 5, 0, 0, 0), false, ""},
		{"15/01/2024 09:30", "", d(2024, 1, 15, 9, 30, 0), true, ""},
		{"15/01/2024 9.30", "", d(2024, 1, 15, 9, 30, 0), true, ""},
		{"15/01/2024 09:30:45", LayoutDMY, d(2024, 1, 15, 9, 30, 45), true, ""},
		{"29/02/2024", LayoutDMY, d(2024, 2, 29, 0, 0, 0), false, ""},
		{"15.01.2024", "", d(2024, 1, 15, 0, 0, 0), false, ""},
		{"15-01-2024", "", d(2024, 1, 15, 0, 0, 0), false, ""},
		{"15-01-2024", LayoutDMYDash, d(2024, 1, 15, 0, 0, 0), false, ""},
		{"15/01/24", "", d(2024, 1, 15, 0, 0, 0), false, ""},
		{"15/01/24", LayoutDMYShort, d(2024, 1, 15, 0, 0, 0), false, ""},
		{"03/07/68", "", d(2068, 7, 3, 0, 0, 0), false, ""},
		{"03/07/69", "", d(1969, 7, 3, 0, 0, 0), false, ""},
		{"2024-01-15", "", d(2024, 1, 15, 0, 0, 0), false, ""},
		{"2024-01-15T14:05", "", d(2024, 1, 15, 14, 5, 0), true, ""},
		{"2024-01-15 14:05:09.123", "", d(2024, 1, 15, 14, 5, 9), true, ""},
		{"2024-01-15T14:05:09Z", "", d(2024, 1, 15, 14, 5, 9), true, ""},
		// ISO is accepted whatever the declared layout: XLSX date cells arrive as ISO.
		{"2024-01-15", LayoutDMY, d(2024, 1, 15, 0, 0, 0), false, ""},
		{"2024-01-15", LayoutExcel, d(2024, 1, 15, 0, 0, 0), false, ""},
		// Excel serials: 45306 is 15/01/2024; 1 is 01/01/1900; 59 is 28/02/1900; 61 is 01/03/1900.
		{"45306", "", d(2024, 1, 15, 0, 0, 0), false, ""},
		{"45306.5", "", d(2024, 1, 15, 12, 0, 0), true, ""},
		{"45306,75", LayoutExcel, d(2024, 1, 15, 18, 0, 0), true, ""},
		{"1", LayoutExcel, d(1900, 1, 1, 0, 0, 0), false, ""},
		{"59", LayoutExcel, d(1900, 2, 28, 0, 0, 0), false, ""},
		{"61", LayoutExcel, d(1900, 3, 1, 0, 0, 0), false, ""},
		{"60", LayoutExcel, time.Time{}, false, "data inesistente: 29/02/1900 (numero seriale Excel 60)"},
		{"0", LayoutExcel, time.Time{}, false, "numero seriale Excel fuori intervallo: 0"},
		{"2024", "", time.Time{}, false, `data non riconosciuta: "2024"`},
		{"45306", LayoutDMY, time.Time{}, false, `data non riconosciuta: "45306" (atteso gg/mm/aaaa)`},
		{"31/02/2024", "", time.Time{}, false, "data inesistente: 31/02/2024"},
		{"29/02/2023", LayoutDMY, time.Time{}, false, "data inesistente: 29/02/2023"},
		{"00/01/2024", "", time.Time{}, false, "data inesistente: 00/01/2024"},
		{"15/13/2024", "", time.Time{}, false, "data inesistente: 15/13/2024"},
		{"2024-02-30", "", time.Time{}, false, "data inesistente: 2024-02-30"},
		{"2025-13-01", "", time.Time{}, false, "data inesistente: 2025-13-01"},
		{"15/01/2024 25:00", "", time.Time{}, false, `ora non valida: "25:00"`},
		{"15/01/2024 9:5", "", time.Time{}, false, `ora non valida: "9:5"`},
		{"15/01/24", LayoutDMY, time.Time{}, false, `data non riconosciuta: "15/01/24" (atteso gg/mm/aaaa)`},
		{"15/01/2024", LayoutDMYDash, time.Time{}, false, `data non riconosciuta: "15/01/2024" (atteso gg-mm-aaaa)`},
		{"01/15/2024", "", time.Time{}, false, "data inesistente: 01/15/2024"},
		{"gennaio 2024", "", time.Time{}, false, `data non riconosciuta: "gennaio 2024"`},
		{"15/01", "", time.Time{}, false, `data non riconosciuta: "15/01"`},
		{"", "", time.Time{}, false, "data mancante"},
		{"15/01/2024", "mm/dd/yyyy", time.Time{}, false, `formato di data sconosciuto: "mm/dd/yyyy"`},
	}
	for _, tt := range tests {
		t.Run(tt.layout+"|"+tt.in, func(t *testing.T) {
			got, hasTime, err := DateTime(tt.in, tt.layout)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("DateTime(%q, %q) error = %v, want prefix %q", tt.in, tt.layout, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("DateTime(%q, %q): %v", tt.in, tt.layout, err)
			}
			if !got.Equal(tt.want) || hasTime != tt.hasTime {
				t.Errorf("DateTime(%q, %q) = %v, %v; want %v, %v", tt.in, tt.layout, got, hasTime, tt.want, tt.hasTime)
			}
		})
	}
}

func TestMinutes(t *testing.T) {
	tests := []struct {
		in, layout string
		want       int
		err        string
	}{
		{"45", "", 45, ""},
		{"0", "", 0, ""},
		{"1,5", "", 90, ""},
		{"1.5", "", 90, ""},
		{"0,25", "", 15, ""},
		{"0,33", "", 20, ""}, // 19.8 rounds to 20
		{"2", LayoutHours, 120, ""},
		{"1,75", LayoutHours, 105, ""},
		{"2,5", LayoutMinutes, 3, ""},
		{"90", LayoutMinutes, 90, ""},
		{"1:30", "", 90, ""},
		{"0:05", LayoutHM, 5, ""},
		{"26:00", LayoutHM, 1560, ""},
		{"01:30:00", LayoutHMS, 90, ""},
		{"00:44:30", "", 45, ""},
		{"00:44:29", "", 44, ""},
		{"45 min", LayoutHours, 45, ""},
		{"45 minuti", "", 45, ""},
		{"1,5 h", "", 90, ""},
		{"2 ore", "", 120, ""},
		{"1 ora", LayoutMinutes, 60, ""},
		{"90", LayoutHM, 0, `durata non valida: "90" (atteso h:mm)`},
		{"1:75", "", 0, `durata non valida: "1:75"`},
		{"1:5", "", 0, `durata non valida: "1:5"`},
		{"1:30:00:00", "", 0, `durata non valida: "1:30:00:00"`},
		{"1:30:", "", 0, `durata non valida: "1:30:"`},
		{":30", "", 0, `durata non valida: ":30"`},
		{"1:30:75", "", 0, `durata non valida: "1:30:75"`},
		{"12345678:00", "", 0, `durata non valida: "12345678:00"`},
		{"-30", "", 0, `durata negativa: "-30"`},
		{"mezz'ora", "", 0, `durata non valida: "mezz'ora"`},
		{"", "", 0, "durata mancante"},
		{"99999999", "", 0, `durata fuori scala: "99999999"`},
		{"30", "secondi", 0, `formato di durata sconosciuto: "secondi"`},
	}
	for _, tt := range tests {
		t.Run(tt.layout+"|"+tt.in, func(t *testing.T) {
			got, err := Minutes(tt.in, tt.layout)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("Minutes(%q, %q) = %d, %v; want error %q", tt.in, tt.layout, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Minutes(%q, %q) = %d, %v; want %d", tt.in, tt.layout, got, err, tt.want)
			}
		})
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  string
	}{
		{"33.091", 33091, ""}, // residents of a comune
		{"1.234", 1234, ""},   // ambiguity resolved as Italian thousands
		{"1.234.567", 1234567, ""},
		{"1.234,5", 1234.5, ""},
		{"1.234.567,89", 1234567.89, ""},
		{"1,5", 1.5, ""},
		{"-2,75", -2.75, ""},
		{"+3", 3, ""},
		{"3.5", 3.5, ""},
		{"0.500", 0.5, ""},
		{"1234.5", 1234.5, ""},
		{"12.3456", 12.3456, ""},
		{"1,234,567", 1234567, ""},
		{"1,234.5", 1234.5, ""},
		{"1 234", 1234, ""},
		{"1\u00a0234,50", 1234.5, ""},
		{"€ 1.234,50", 1234.5, ""},
		{"36", 36, ""},
		{"", 0, "numero mancante"},
		{"1.23.4", 0, `numero non valido: "1.23.4"`},
		{"1,2,3", 0, `numero non valido: "1,2,3"`},
		{"1.234,5,6", 0, `numero non valido: "1.234,5,6"`},
		{"12,", 0, `numero non valido: "12,"`},
		{"abc", 0, `numero non valido: "abc"`},
		{"1e5", 0, `numero non valido: "1e5"`},
		{"--1", 0, `numero non valido: "--1"`},
		{strings.Repeat("9", 400), 0, "numero fuori scala"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Number(tt.in)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("Number(%q) = %v, %v; want error %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Number(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestInt(t *testing.T) {
	for in, want := range map[string]int{"33.091": 33091, "36": 36, "-4": -4, "1.000.000": 1000000, "12,0": 12} {
		if got, err := Int(in); err != nil || got != want {
			t.Errorf("Int(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for in, msg := range map[string]string{"3,5": `atteso un numero intero: "3,5"`, "x": `numero non valido: "x"`} {
		if _, err := Int(in); err == nil || err.Error() != msg {
			t.Errorf("Int(%q) error = %v, want %q", in, err, msg)
		}
	}
}

func TestShare(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  string
	}{
		{"50%", 0.5, ""},
		{"50 %", 0.5, ""},
		{"50", 0.5, ""},
		{"0,5", 0.5, ""},
		{"0.25", 0.25, ""},
		{"33,33%", 0.3333, ""},
		{"100%", 1, ""},
		{"100", 1, ""},
		{"1", 1, ""},
		{"0", 0, ""},
		{"0,5%", 0.005, ""},
		{"150%", 0, `quota oltre il 100%: "150%"`},
		{"120", 0, `quota oltre il 100%: "120"`},
		{"-10%", 0, `quota negativa: "-10%"`},
		{"metà", 0, `quota non valida: "metà"`},
		{"%", 0, "quota mancante"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Share(tt.in)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("Share(%q) = %v, %v; want error %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Share(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func FuzzDate(f *testing.F) {
	for _, s := range []string{"15/01/2024", "15/01/24", "2024-01-15T09:30", "45306.5", "31/02/2024", "60", "15-01-2024 10:00:00", "1.1.1"} {
		f.Add(s, "")
		f.Add(s, LayoutExcel)
	}
	f.Fuzz(func(t *testing.T, s, layout string) {
		got, hasTime, err := DateTime(s, layout)
		if err != nil {
			return
		}
		// Round trip: the date written back in each unambiguous layout reads the same.
		for _, back := range []struct{ text, layout string }{
			{fmt.Sprintf("%02d/%02d/%04d", got.Day(), got.Month(), got.Year()), LayoutDMY},
			{fmt.Sprintf("%04d-%02d-%02d", got.Year(), got.Month(), got.Day()), LayoutISO},
		} {
			again, err := Date(back.text, back.layout)
			if err != nil || !again.Equal(got.Truncate(24*time.Hour)) {
				t.Fatalf("DateTime(%q) = %v; %q read back as %v, %v", s, got, back.text, again, err)
			}
		}
		if !hasTime && (got.Hour() != 0 || got.Minute() != 0 || got.Second() != 0) {
			t.Fatalf("DateTime(%q) = %v without a time", s, got)
		}
	})
}

func FuzzMinutes(f *testing.F) {
	for _, s := range []string{"45", "1,5", "1.5", "1:30", "01:30:00", "2 ore", "45 min", "-3", "1:5"} {
		f.Add(s, "")
		f.Add(s, LayoutHours)
	}
	f.Fuzz(func(t *testing.T, s, layout string) {
		m, err := Minutes(s, layout)
		if err != nil {
			return
		}
		if m < 0 || m > maxMinutes {
			t.Fatalf("Minutes(%q, %q) = %d out of range", s, layout, m)
		}
		// Round trip through each clock form and through plain minutes.
		for _, back := range []struct{ text, layout string }{
			{fmt.Sprintf("%d:%02d", m/60, m%60), LayoutHM},
			{fmt.Sprintf("%02d:%02d:00", m/60, m%60), LayoutHMS},
			{strconv.Itoa(m), ""},
		} {
			if again, err := Minutes(back.text, back.layout); err != nil || again != m {
				t.Fatalf("Minutes(%q) = %d; %q read back as %d, %v", s, m, back.text, again, err)
			}
		}
	})
}

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"33.091", "1.234,5", "3.5", "-2,75", "1,234.5", "1 234", "€ 5", "50%", "0,5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Number(s)
		if err == nil {
			if math.IsNaN(n) || math.IsInf(n, 0) {
				t.Fatalf("Number(%q) = %v", s, n)
			}
			// Round trip with a decimal comma, the Italian way, which is never ambiguous.
			it := strings.Replace(strconv.FormatFloat(n, 'f', -1, 64), ".", ",", 1)
			if again, err := Number(it); err != nil || again != n {
				t.Fatalf("Number(%q) = %v; %q read back as %v, %v", s, n, it, again, err)
			}
		}
		_, _ = Int(s) // must not panic either
		if sh, err := Share(s); err == nil && (sh < 0 || sh > 1) {
			t.Fatalf("Share(%q) = %v outside [0,1]", s, sh)
		}
	})
}
