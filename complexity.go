package carico

import "strings"

// ComplexityLabel names a cartella's complexity (1 bassa, 2 media, 3 alta)
// as users read it; any other value is "non indicata".
func ComplexityLabel(c int) string {
	switch c {
	case 1:
		return "bassa"
	case 2:
		return "media"
	case 3:
		return "alta"
	}
	return "non indicata"
}

// ParseComplexity reads a complexity as users write it — bassa, media,
// alta or 1, 2, 3, in any case — and returns 0 for anything else.
func ParseComplexity(s string) int {
	s = strings.ToLower(strings.TrimSpace(s))
	for c := 1; c <= 3; c++ {
		if s == ComplexityLabel(c) || s == string(rune('0'+c)) {
			return c
		}
	}
	return 0
}
