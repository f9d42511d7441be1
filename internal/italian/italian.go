// Package italian formats numbers and dates the way Italian readers expect
// them: "24.336", "1,5", "31/12/2025". Every user-facing layer formats
// through it, so a figure reads the same in the CLI, the rules' texts and
// the reports.
package italian

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Number formats v with the given decimals, a comma as decimal separator
// and dots between thousands.
func Number(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// Count formats a count with dots between thousands.
func Count(n int) string { return Number(float64(n), 0) }

// Date formats t as dd/mm/yyyy.
func Date(t time.Time) string { return t.Format("02/01/2006") }
