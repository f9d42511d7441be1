package value

import "testing"

func TestOpenEnd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, layout string
		open, bad  bool
	}{
		{"31/12/9999", "", true, false},
		{"9999-12-31", "", true, false},
		{"31/12/9999", LayoutDMY, true, false},
		{"2958465", LayoutExcel, true, false}, // 9999-12-31 as an Excel serial
		{"31/12/2999", "", true, false},
		{"01/01/3000", "", true, false},
		{"31/12/2998", "", false, false},
		{"20/11/2025", "", false, false},
		{"2025-11-20", "", false, false},
		{"31/12/99", LayoutDMYShort, false, false}, // 1999: two digits never mean 9999
		{"99/99/9999", "", false, true},
		{"aperto", "", false, true},
	}
	for _, tt := range tests {
		_, open, err := OpenEnd(tt.in, tt.layout)
		if (err != nil) != tt.bad || open != tt.open {
			t.Errorf("OpenEnd(%q, %q) = open %v, err %v; want open %v, error %v", tt.in, tt.layout, open, err, tt.open, tt.bad)
		}
	}
}
