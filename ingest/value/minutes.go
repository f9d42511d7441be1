package value

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Duration layouts accepted by Minutes; "" detects the layout of each value.
const (
	LayoutMinutes = "minutes"
	LayoutHours   = "hours"
	LayoutHM      = "h:mm"
	LayoutHMS     = "hh:mm:ss"
)

// maxMinutes bounds a duration at about 19 years: anything longer is a
// misread column, not an activity.
const maxMinutes = 10_000_000

// Minutes parses a duration and returns it in whole minutes.
//
// Accepted forms: minutes ("45"), decimal hours with a comma or a dot
// ("1,5" and "1.5" are 90), clock durations "h:mm" and "hh:mm:ss" (seconds
// rounded to the nearest minute, 30 s up), each optionally followed by a
// unit ("45 min", "1,5 h", "2 ore"), which wins over the layout.
//
// Detection rule for layout "": a value with a colon is a clock duration; a
// bare integer is minutes; a number written with a decimal separator is
// hours. Layout "hours" reads bare integers as hours too ("2" is 120);
// layout "minutes" reads decimals as minutes ("2,5" is 3, rounded).
// Layouts "h:mm" and "hh:mm:ss" require a clock duration, since a bare
// number would be ambiguous there.
func Minutes(s, layout string) (int, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return 0, errors.New("durata mancante")
	}
	switch layout {
	case "", LayoutMinutes, LayoutHours, LayoutHM, LayoutHMS:
	default:
		return 0, fmt.Errorf("formato di durata sconosciuto: %q (ammessi minutes, hours, h:mm, hh:mm:ss)", layout)
	}
	// The common case, whole minutes, skips the general parse below.
	if (layout == "" || layout == LayoutMinutes) && len(t) <= 7 && digits(t) {
		return strconv.Atoi(t)
	}
	if strings.HasPrefix(t, "-") {
		return 0, fmt.Errorf("durata negativa: %q", strings.TrimSpace(s))
	}
	unit := ""
	for _, u := range []struct{ suffix, layout string }{
		{"minuti", LayoutMinutes}, {"min", LayoutMinutes}, {"m", LayoutMinutes},
		{"ore", LayoutHours}, {"ora", LayoutHours}, {"h", LayoutHours},
	} {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok && rest != "" && !strings.ContainsRune(rest, ':') {
			t, unit = strings.TrimSpace(rest), u.layout
			break
		}
	}
	var m float64
	switch {
	case strings.ContainsRune(t, ':'):
		v, ok := clockDuration(t)
		if !ok {
			return 0, fmt.Errorf("durata non valida: %q (atteso h:mm o hh:mm:ss)", strings.TrimSpace(s))
		}
		m = v
	case unit == "" && (layout == LayoutHM || layout == LayoutHMS):
		return 0, fmt.Errorf("durata non valida: %q (atteso %s)", strings.TrimSpace(s), layout)
	default:
		n, err := Number(t)
		if err != nil {
			return 0, fmt.Errorf("durata non valida: %q", strings.TrimSpace(s))
		}
		hours := unit == LayoutHours || (unit == "" && layout == LayoutHours) ||
			(unit == "" && layout == "" && !digits(t))
		m = n
		if hours {
			m = n * 60
		}
	}
	if m < 0 {
		return 0, fmt.Errorf("durata negativa: %q", strings.TrimSpace(s))
	}
	m = math.Round(m)
	if m > maxMinutes {
		return 0, fmt.Errorf("durata fuori scala: %q", strings.TrimSpace(s))
	}
	return int(m), nil
}

// clockDuration reads h:mm or h:mm:ss; hours may exceed 23. It walks the
// parts without splitting the text: it runs on every row of a diario.
func clockDuration(t string) (float64, bool) {
	var v [3]float64
	n := 0
	for rest := t; ; n++ {
		p, after, more := strings.Cut(rest, ":")
		if n == 3 || p == "" || !digits(p) || (n > 0 && len(p) != 2) || len(p) > 7 {
			return 0, false
		}
		x, _ := strconv.Atoi(p)
		if n > 0 && x > 59 {
			return 0, false
		}
		v[n] = float64(x)
		if !more {
			n++
			break
		}
		rest = after
	}
	if n < 2 {
		return 0, false
	}
	m := v[0]*60 + v[1]
	if n == 3 && v[2] >= 30 {
		m++
	}
	return m, true
}
