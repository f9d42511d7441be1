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

// months are the Italian month names; Go's time package speaks English.
var months = [...]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
	"luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"}

// LongDate formats t as "31 dicembre 2025", for running text.
func LongDate(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// Month formats t's month as "marzo 2025".
func Month(t time.Time) string { return months[t.Month()-1] + " " + strconv.Itoa(t.Year()) }

// ShortMonth formats t's month as "mar 2025", short enough for an axis.
func ShortMonth(t time.Time) string { return months[t.Month()-1][:3] + " " + strconv.Itoa(t.Year()) }

// MonthOf and ShortMonthOf format a "2025-03" month as Month and
// ShortMonth do; anything else comes back unchanged.
func MonthOf(ym string) string { return ofMonth(ym, Month) }

// ShortMonthOf: see MonthOf.
func ShortMonthOf(ym string) string { return ofMonth(ym, ShortMonth) }

func ofMonth(ym string, format func(time.Time) string) string {
	t, err := time.Parse("2006-01", ym)
	if err != nil {
		return ym
	}
	return format(t)
}
