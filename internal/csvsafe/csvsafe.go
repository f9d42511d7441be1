// Package csvsafe writes CSV files that a spreadsheet opens without running
// anything: a cell that starts with a character Excel or LibreOffice reads
// as the start of a formula (= + - @, tab, carriage return) gets a leading
// apostrophe, as OWASP's «CSV Injection» page recommends. Every CSV the
// application writes for people to open goes through it.
package csvsafe

import (
	"encoding/csv"
	"io"
	"strings"
)

// Cell is s made inert for a spreadsheet.
func Cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Writer is a csv.Writer whose every cell goes through Cell; it writes
// semicolons, for Excel in Italian.
type Writer struct{ w *csv.Writer }

// NewWriter writes to w, separating fields with semicolons.
func NewWriter(w io.Writer) *Writer {
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	return &Writer{cw}
}

// Write writes one record, each cell neutralised.
func (w *Writer) Write(record []string) error {
	safe := make([]string, len(record))
	for i, s := range record {
		safe[i] = Cell(s)
	}
	return w.w.Write(safe)
}

// Flush writes what is buffered and returns the first error met.
func (w *Writer) Flush() error {
	w.w.Flush()
	return w.w.Error()
}
