package value

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Date layouts accepted by Date and DateTime; "" detects the layout of each value.
const (
	LayoutDMY      = "dd/mm/yyyy"
	LayoutDMYShort = "dd/mm/yy"
	LayoutDMYDash  = "dd-mm-yyyy"
	LayoutISO      = "yyyy-mm-dd"
	LayoutExcel    = "excel"
)

// Date parses a date, with or without a time of day, and returns it in UTC.
// See DateTime for the accepted forms.
func Date(s, layout string) (time.Time, error) {
	t, _, err := DateTime(s, layout)
	return t, err
}

// DateTime parses a date written as dd/mm/yyyy, dd/mm/yy, dd-mm-yyyy,
// yyyy-mm-dd or as an Excel serial number, optionally followed by a time of
// day ("15/01/2024 09:30", "2024-01-15T09:30:00", "45306.5"); hasTime
// reports whether a time was written.
//
// With layout "" each value is detected on its own: four leading digits mean
// ISO, a day first otherwise, and a bare number of at least five digits
// (from 1927 on; a lone "2024" is more likely a year) is an Excel serial. A
// declared layout is enforced, with one exception: ISO text is always
// accepted, because the XLSX reader turns date-typed cells into ISO whatever
// their display format. Two-digit years follow the POSIX pivot: 69–99 are
// 1969–1999, 00–68 are 2000–2068.
//
// Impossible calendar dates (31/02/2024) are errors, never rolled over.
func DateTime(s, layout string) (t time.Time, hasTime bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, errors.New("data mancante")
	}
	switch layout {
	case "", LayoutDMY, LayoutDMYShort, LayoutDMYDash, LayoutISO, LayoutExcel:
	default:
		return time.Time{}, false, fmt.Errorf("formato di data sconosciuto: %q (ammessi gg/mm/aaaa, gg/mm/aa, gg-mm-aaaa, aaaa-mm-gg, excel)", layout)
	}
	if isSerial(s) && (layout == LayoutExcel || wholeDigits(s) >= 5) {
		if layout != "" && layout != LayoutExcel {
			return time.Time{}, false, fmt.Errorf("data non riconosciuta: %q (atteso %s)", s, hint(layout))
		}
		return excelSerial(s)
	}
	datePart, timePart := splitDateTime(s)
	y, m, d, shape, ok := splitDate(datePart)
	if !ok {
		return time.Time{}, false, fmt.Errorf("data non riconosciuta: %q (atteso %s)", s, hint(layout))
	}
	if shape != LayoutISO && layout != "" && layout != shape {
		return time.Time{}, false, fmt.Errorf("data non riconosciuta: %q (atteso %s)", s, hint(layout))
	}
	if shape == LayoutDMYShort {
		if y < 69 {
			y += 2000
		} else {
			y += 1900
		}
	}
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return time.Time{}, false, fmt.Errorf("data inesistente: %s", datePart)
	}
	var hh, mm, ss int
	if timePart != "" {
		if hh, mm, ss, ok = clock(timePart); !ok {
			return time.Time{}, false, fmt.Errorf("ora non valida: %q", timePart)
		}
		hasTime = true
	}
	return time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.UTC), hasTime, nil
}

func hint(layout string) string {
	switch layout {
	case LayoutDMY:
		return "gg/mm/aaaa"
	case LayoutDMYShort:
		return "gg/mm/aa"
	case LayoutDMYDash:
		return "gg-mm-aaaa"
	case LayoutISO:
		return "aaaa-mm-gg"
	case LayoutExcel:
		return "un numero seriale Excel"
	}
	return "gg/mm/aaaa, gg-mm-aaaa, aaaa-mm-gg o un numero seriale Excel"
}

// splitDateTime separates "15/01/2024 09:30" and "2024-01-15T09:30".
func splitDateTime(s string) (date, clock string) {
	if i := strings.IndexAny(s, " T"); i > 0 {
		return s[:i], strings.TrimSpace(s[i+1:])
	}
	return s, ""
}

// splitDate reads three digit groups and names the layout they were written in.
// It runs on every date cell, so it does not allocate.
func splitDate(s string) (y, m, d int, shape string, ok bool) {
	sep := strings.IndexAny(s, "/-.")
	if sep < 0 {
		return 0, 0, 0, "", false
	}
	var parts [3]string
	var n [3]int
	rest := s
	for i := range parts {
		p, after, found := strings.Cut(rest, s[sep:sep+1])
		if found == (i == 2) || len(p) == 0 || len(p) > 4 || !digits(p) {
			return 0, 0, 0, "", false
		}
		parts[i], rest = p, after
		n[i], _ = strconv.Atoi(p)
	}
	small := func(p string) bool { return len(p) <= 2 }
	switch {
	case len(parts[0]) == 4 && small(parts[1]) && small(parts[2]) && s[sep] != '.':
		return n[0], n[1], n[2], LayoutISO, true
	case small(parts[0]) && small(parts[1]) && len(parts[2]) == 4:
		shape = LayoutDMY
		if s[sep] == '-' {
			shape = LayoutDMYDash
		}
		return n[2], n[1], n[0], shape, true
	case small(parts[0]) && small(parts[1]) && len(parts[2]) == 2 && s[sep] == '/':
		return n[2], n[1], n[0], LayoutDMYShort, true
	}
	return 0, 0, 0, "", false
}

// clock reads hh:mm or hh:mm:ss, with "." also accepted between hours and
// minutes ("9.30"), fractions of a second ignored and a trailing Z (UTC)
// allowed.
func clock(s string) (h, m, sec int, ok bool) {
	s = strings.TrimSuffix(s, "Z") // ISO 8601 UTC designator
	if i := strings.IndexByte(s, ','); i >= 0 {
		s = s[:i]
	}
	var parts [4]string
	np := 0
	for rest := s; ; {
		i := strings.IndexAny(rest, ":.")
		if np == len(parts) || (i < 0 && rest == "") {
			return 0, 0, 0, false
		}
		if i < 0 {
			parts[np], np = rest, np+1
			break
		}
		parts[np], np, rest = rest[:i], np+1, rest[i+1:]
	}
	if np < 2 {
		return 0, 0, 0, false
	}
	if np == 4 { // fraction of a second
		if !digits(parts[3]) {
			return 0, 0, 0, false
		}
		np = 3
	}
	var v [3]int
	for i, p := range parts[:np] {
		if len(p) == 0 || len(p) > 2 || !digits(p) || (i > 0 && len(p) != 2) {
			return 0, 0, 0, false
		}
		v[i], _ = strconv.Atoi(p)
	}
	if v[0] > 23 || v[1] > 59 || v[2] > 59 {
		return 0, 0, 0, false
	}
	return v[0], v[1], v[2], true
}

// isSerial reports whether s looks like an Excel serial: digits with an
// optional fraction for the time of day.
func isSerial(s string) bool {
	whole, frac, _ := strings.Cut(s, ".")
	if strings.Contains(s, ",") {
		whole, frac, _ = strings.Cut(s, ",")
	}
	return whole != "" && digits(whole) && (frac == "" || digits(frac)) && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, ",")
}

// Excel's 1900 date system counts 1900-01-01 as day 1 and, copying Lotus
// 1-2-3, believes in a 29 February 1900 (day 60). Serials from 61 on are
// therefore days since 1899-12-30, those below 60 days since 1899-12-31.
const maxSerial = 2958465 // 9999-12-31

func excelSerial(s string) (time.Time, bool, error) {
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || f < 1 || f >= maxSerial+1 {
		return time.Time{}, false, fmt.Errorf("numero seriale Excel fuori intervallo: %s", s)
	}
	day := math.Floor(f)
	if day == 60 {
		return time.Time{}, false, errors.New("data inesistente: 29/02/1900 (numero seriale Excel 60)")
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if day < 60 {
		base = base.AddDate(0, 0, 1)
	}
	secs := math.Round((f - day) * 86400)
	t := base.AddDate(0, 0, int(day)).Add(time.Duration(secs) * time.Second)
	return t, f != day, nil
}

func wholeDigits(s string) int {
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		return i
	}
	return len(s)
}

// daysIn is the length of month m of year y in the Gregorian calendar.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
