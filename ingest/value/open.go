package value

import "time"

// OpenYear is the first year that cartella software writes into an end
// date to mean "no end yet": 31/12/9999 (SISO's assignments, Oracle's
// customary maximum), 9999-12-31, 31/12/2999, 01/01/3000. No real end of
// a case, an assignment or a contract lies that far ahead.
const OpenYear = 2999

// OpenEnd parses an end-date cell (a closing date, the end of an
// assignment, of a contract, of a reduction) and reports whether it is an
// "open" sentinel, which means the thing has not ended. An event date (an
// activity's day, a decision) has no such meaning and is parsed with Date.
func OpenEnd(s, layout string) (t time.Time, open bool, err error) {
	t, err = Date(s, layout)
	if err != nil {
		return t, false, err
	}
	return t, t.Year() >= OpenYear, nil
}
