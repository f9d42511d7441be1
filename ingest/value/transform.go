package value

import (
	"fmt"
	"regexp"
)

// Extract takes part of a cell: the first group of a pattern (or the whole
// match when the pattern has no group), and, when the part is a date
// written in its own format, rewrites it as an ISO date that every date
// field reads whatever the profile's own date format.
//
// SISO's «Stato» cell, «Chiuso-20/11/25 - 16:05», holds a case's last
// state and its date: `^Chiuso-(\d{2}/\d{2}/\d{2})` with format dd/mm/yy
// gives 2025-11-20; `^([^-]+)-` gives the state.
type Extract struct {
	re     *regexp.Regexp
	format string
}

// NewExtract compiles pattern; format is "" (text) or a date layout.
func NewExtract(pattern, format string) (Extract, error) {
	var e Extract
	if pattern != "" {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return e, fmt.Errorf("espressione %q non valida: %w", pattern, err)
		}
		e.re = re
	}
	switch format {
	case "", LayoutDMY, LayoutDMYShort, LayoutDMYDash, LayoutISO, LayoutExcel:
	default:
		return e, fmt.Errorf("formato %q non valido (dd/mm/yyyy, dd/mm/yy, dd-mm-yyyy, yyyy-mm-dd, excel)", format)
	}
	e.format = format
	return e, nil
}

// Apply returns the part of s the pattern selects, "" when it does not
// match. A part that the format cannot read is returned as it is, with the
// reason.
func (e Extract) Apply(s string) (string, error) {
	if e.re != nil {
		m := e.re.FindStringSubmatch(s)
		switch {
		case m == nil:
			return "", nil
		case len(m) > 1:
			s = m[1]
		default:
			s = m[0]
		}
	}
	if e.format != "" && s != "" {
		t, err := Date(s, e.format)
		if err != nil {
			return s, err
		}
		return t.Format("2006-01-02"), nil
	}
	return s, nil
}
