package italian

import "testing"

// TestParseNumber is the one table of how carico reads a number a user
// wrote, whether in an imported file, a web form or the panel's workbook.
func TestParseNumber(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1.250", 1250, true}, // a dot before three digits groups thousands
		{"1,25", 1.25, true},  // a comma is the decimal separator
		{"1,250", 1.25, true}, // one comma stays decimal, even before three digits
		{"33.091", 33091, true},
		{"1.234,5", 1234.5, true},
		{"1,234.5", 1234.5, true}, // both: the last one is the decimal
		{"3.5", 3.5, true},        // one dot before fewer than three digits: decimal
		{"0.500", 0.5, true},      // a leading zero cannot start a thousands group
		{"1234.567", 1234.567, true},
		{"1.234.567", 1234567, true},
		{"1,234,567", 1234567, true},
		{"-2,75", -2.75, true},
		{"+12", 12, true},
		{"1 234", 1234, true},
		{"1\u00a0234,5", 1234.5, true},
		{"€ 1.234,50", 1234.5, true},
		{"12", 12, true},
		{"", 0, false},
		{"abc", 0, false},
		{"1.23.4", 0, false}, // thousands groups of three digits only
		{"1,2,3", 0, false},
		{"1.234,5,6", 0, false},
		{"12,", 0, false},
		{",5", 0, false},
		{"1e3", 0, false},
	} {
		got, err := ParseNumber(tc.in)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}
