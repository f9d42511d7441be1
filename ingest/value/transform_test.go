package value

import "testing"

func TestExtract(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, pattern, format, in, want string
		bad                             bool
	}{
		{"closing date of a closed case", `^Chiuso-(\d{2}/\d{2}/\d{2})`, LayoutDMYShort, "Chiuso-20/11/25 - 16:05", "2025-11-20", false},
		{"no closing date while open", `^Chiuso-(\d{2}/\d{2}/\d{2})`, LayoutDMYShort, "Aperto-03/02/25 - 09:15", "", false},
		{"date of any state", `^[^-]+-(\d{2}/\d{2}/\d{2})`, LayoutDMYShort, "Presa in carico-16/01/24 - 10:30", "2024-01-16", false},
		{"state before the date", `^([^-]+)-\d`, "", "Presa in carico-16/01/24 - 10:30", "Presa in carico", false},
		{"whole match without a group", `\d{2}:\d{2}`, "", "Chiuso-20/11/25 - 16:05", "16:05", false},
		{"format only", "", LayoutDMY, "20/11/2025", "2025-11-20", false},
		{"an impossible date is kept for the field to reject", `-(\d{2}/\d{2}/\d{2})`, LayoutDMYShort, "Chiuso-31/02/25", "31/02/25", true},
		{"empty cell", `^Chiuso-(.*)$`, "", "", "", false},
		{"group that matched nothing", `^Chiuso-(\d*)`, "", "Chiuso-", "", false},
		{"ISO date out of a timestamp", `^(\S+)`, LayoutISO, "2025-11-20 16:05:00", "2025-11-20", false},
	}
	for _, tt := range tests {
		e, err := NewExtract(tt.pattern, tt.format)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got, err := e.Apply(tt.in); got != tt.want || (err != nil) != tt.bad {
			t.Errorf("%s: Apply(%q) = %q, %v; want %q, error %v", tt.name, tt.in, got, err, tt.want, tt.bad)
		}
	}
	for _, bad := range [][2]string{{`(`, ""}, {`x`, "mm/dd/yyyy"}} {
		if _, err := NewExtract(bad[0], bad[1]); err == nil {
			t.Errorf("NewExtract(%q, %q) accepted", bad[0], bad[1])
		}
	}
}
