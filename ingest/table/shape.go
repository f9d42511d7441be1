package table

import (
	"regexp"
	"unicode"
)

// shapes learns what the data records of a file look like — the shape of
// their first cell (the IDs, usually), which columns hold dates, how few
// cells a record may have (exports leave empty trailing cells off) — so
// that the CSV reader can tell a line that continues a quoted field from a
// record of its own that a stray quote would swallow.
type shapes struct {
	rows     int
	first    map[string]int // shape of the first cell → records
	manyIDs  bool           // more first-cell shapes than maxShapes: the first cell says nothing
	dates    []int          // per column: cells that read as dates
	filled   []int          // per column: non-empty cells
	minWidth int            // fewest cells of a record
}

const (
	// maxShapes is how many distinct shapes of the first cell make it
	// uninformative (a free-text first column).
	maxShapes = 32
	// learnAll is how many records are all learned from; after them one
	// in learnEvery, which keeps the cost off files of millions of rows.
	learnAll, learnEvery = 2000, 64
)

// learn takes in a data record.
func (s *shapes) learn(fields []string) {
	if len(fields) < 2 {
		return
	}
	s.rows++
	if s.rows > learnAll && s.rows%learnEvery != 0 {
		return
	}
	if s.minWidth == 0 || len(fields) < s.minWidth {
		s.minWidth = len(fields)
	}
	if !s.manyIDs && fields[0] != "" {
		if s.first == nil {
			s.first = map[string]int{}
		}
		s.first[shapeOf(fields[0])]++
		if len(s.first) > maxShapes {
			s.manyIDs, s.first = true, nil
		}
	}
	for len(s.dates) < len(fields) {
		s.dates, s.filled = append(s.dates, 0), append(s.filled, 0)
	}
	for i, f := range fields {
		if f == "" {
			continue
		}
		s.filled[i]++
		if isDateShaped(f) {
			s.dates[i]++
		}
	}
}

// dateColumn reports whether nine in ten filled cells of column i are dates.
func (s *shapes) dateColumn(i int) bool {
	return i < len(s.dates) && s.filled[i] > 0 && 10*s.dates[i] >= 9*s.filled[i]
}

// record reports whether fields, one physical line split on its own, could
// be a data record: a first cell of the shape of the file's IDs, a date in
// every date column it reaches and, when it reaches none, as many cells as
// the shortest record (a record may leave its empty trailing cells off,
// so a line that stops after its dates may still be one). With nothing
// learned yet it says no.
func (s *shapes) record(fields []string) bool {
	if s.rows == 0 || len(fields) < 2 {
		return false
	}
	dated := false
	for i, f := range fields {
		if !s.dateColumn(i) {
			continue
		}
		if !isDateShaped(f) {
			return false
		}
		dated = true
	}
	if !dated && len(fields) < s.minWidth {
		return false
	}
	if s.manyIDs {
		return dated
	}
	return fields[0] != "" && s.first[shapeOf(fields[0])] > 0
}

// shapeOf reduces a cell to its shape: runs of digits become 9, runs of
// letters a, spaces and punctuation stay. "000101" and "12" are "9",
// "A-2025-001" is "a-9-9", "seconda riga" is "a a".
func shapeOf(s string) string {
	out := make([]byte, 0, 8)
	var last byte
	for _, c := range s {
		var b byte
		switch {
		case c >= '0' && c <= '9':
			b = '9'
		case unicode.IsLetter(c):
			b = 'a'
		case c < 0x80:
			b = byte(c)
		default:
			b = '?'
		}
		if b == last && (b == '9' || b == 'a') {
			continue
		}
		out, last = append(out, b), b
		if len(out) == 16 {
			break
		}
	}
	return string(out)
}

var dateShape = regexp.MustCompile(`^(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2})([ T]\d{1,2}[:.]\d{2}(:\d{2})?)?$`)

// isDateShaped reports whether a cell is written as a date, valid or not.
func isDateShaped(s string) bool {
	if len(s) < 6 || len(s) > 19 || s[0] < '0' || s[0] > '9' {
		return false
	}
	return dateShape.MatchString(s)
}
