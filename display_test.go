package carico

import "testing"

func TestDisplayID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"cartelleB:11551", "11551"}, // the import's namespace is not the cartella's number
		{"11551", "11551"},
		{"vendor:A:7", "A:7"}, // only the first colon separates a namespace
		{"", ""},
	}
	for _, tt := range tests {
		if got := DisplayID(tt.in); got != tt.want {
			t.Errorf("DisplayID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
