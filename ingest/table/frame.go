package table

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/carico/carico/ingest/value"
)

// lookAhead is how many rows are held back to find the header. It bounds
// the reader's memory: everything below is streamed.
const lookAhead = 50

// record is one row as a source reads it, before the header is known.
type record struct {
	line   int
	fields []string
	err    error
	col    int // 1-based column of the error, 0 when none
}

// source yields the raw rows of one file: CSV records or sheet rows.
type source interface {
	next() record // err io.EOF after the last row
	close() error
}

// framer turns the rows of a source into a header and data rows: it finds
// the header below title rows, and skips blank and totals rows. It is the
// same for CSV and XLSX, so both formats behave alike.
type framer struct {
	file   string
	src    source
	opt    Options
	meta   Meta
	header []string
	ahead  []record // rows read while looking for the header, not yet returned
	// CSV: the cells of the header line, empty trailing ones included, and
	// how many data rows were read and how many of them had more.
	rawWidth, rows, wider int
	// fill, when set, completes a data row (XLSX merged ranges).
	fill func(line int, fields []string) []string
}

func newFramer(file string, src source, meta Meta, opt Options) (*framer, error) {
	f := &framer{file: file, src: src, opt: opt, meta: meta}
	// A declared header row may lie below the look-ahead; rows are then
	// read down to it.
	var rows []record
	for len(rows) < lookAhead || opt.HeaderRow > 0 {
		r := src.next()
		if r.err == io.EOF {
			break
		}
		rows = append(rows, r)
		if r.err != nil && len(rows) == 1 {
			return nil, f.parseError(r)
		}
		if opt.HeaderRow > 0 && r.line >= opt.HeaderRow {
			break
		}
	}
	i, err := findHeader(rows, opt.HeaderRow)
	if err != nil {
		return nil, &ParseError{File: file, Line: opt.HeaderRow, Err: err}
	}
	for _, r := range rows[:i] {
		if t := strings.Join(nonEmpty(r.fields), " "); t != "" {
			f.meta.Title = append(f.meta.Title, t)
		}
	}
	f.meta.HeaderLine = rows[i].line
	f.meta.TitleRows = i
	f.header = headerNames(rows[i].fields)
	f.rawWidth = len(rows[i].fields)
	f.ahead = rows[i+1:]
	if w, ok := src.(interface{ setHeader(width, line int) }); ok {
		w.setHeader(len(f.header), rows[i].line)
	}
	return f, nil
}

func (f *framer) Header() []string { return f.header }
func (f *framer) Meta() Meta {
	m := f.meta
	if c, ok := f.src.(interface{ counts() (int, int) }); ok {
		m.Lines, m.Continued = c.counts()
	}
	return m
}
func (f *framer) Close() error { return f.src.close() }

func (f *framer) Read() (Row, error) {
	for {
		var r record
		if len(f.ahead) > 0 {
			r, f.ahead = f.ahead[0], f.ahead[1:]
		} else {
			r = f.src.next()
		}
		if r.err == io.EOF {
			return Row{}, io.EOF
		}
		if r.err != nil {
			return Row{Line: r.line}, f.parseError(r)
		}
		fields := r.fields
		if f.fill != nil {
			fields = f.fill(r.line, fields)
		}
		switch {
		case blank(fields):
			f.meta.Blank++
			f.skipped(r.line, "riga vuota", fields)
			continue
		case isTotals(fields):
			f.meta.Totals++
			f.skipped(r.line, "riga dei totali", fields)
			continue
		}
		if f.shifted(fields) {
			return Row{Line: r.line}, &ParseError{File: f.file, Line: r.line, Column: "Colonna " + strconv.Itoa(len(f.header)+1),
				Err: fmt.Errorf("la riga ha %d celle ma l'intestazione %d (le ultime vuote): un separatore dentro un valore (un nome, una nota) ha spostato le celle; correggere la riga nel file", len(fields), f.rawWidth)}
		}
		return Row{Line: r.line, Fields: f.align(fields)}, nil
	}
}

// shifted reports whether a CSV row has more cells than the header line,
// the surplus ones empty, in a file whose rows mostly do not: a delimiter
// inside a value has moved the cells right and pushed an empty trailing
// cell out. Rows with filled cells beyond the header are left for the
// importer to reject; a file that ends every row with a delimiter the
// header lacks is read as it is.
func (f *framer) shifted(fields []string) bool {
	if f.meta.Format != "csv" {
		return false
	}
	f.rows++
	if len(fields) <= f.rawWidth || !blank(fields[len(f.header):]) {
		return false
	}
	f.wider++
	return 2*f.wider <= f.rows
}

func (f *framer) skipped(line int, reason string, fields []string) {
	if f.opt.Skipped != nil {
		f.opt.Skipped(Skip{Line: line, Reason: reason, Fields: fields})
	}
}

func (f *framer) parseError(r record) error {
	pe, ok := r.err.(*ParseError)
	if !ok {
		pe = &ParseError{File: f.file, Line: r.line, Err: r.err}
	}
	if r.col > 0 && pe.Column == "" {
		if r.col <= len(f.header) {
			pe.Column = f.header[r.col-1]
		} else {
			pe.Column = "Colonna " + strconv.Itoa(r.col)
		}
	}
	return pe
}

// align pads short rows to the header and drops empty cells beyond it;
// non-empty cells beyond the header are kept for the importer to report.
func (f *framer) align(fields []string) []string {
	n := len(f.header)
	for len(fields) > n && fields[len(fields)-1] == "" {
		fields = fields[:len(fields)-1]
	}
	for len(fields) < n {
		fields = append(fields, "")
	}
	return fields
}

// findHeader picks the header among the first rows: the first row with
// enough filled cells (at least two, and at least half of the widest row;
// two only if the row after it has no more), and mostly text rather than
// numbers or dates. Title rows ("Comune di …", "elenco cartelle al 31/12/2025") fill
// one or two cells and so are passed over. Without a match the first
// non-blank row is the header.
func findHeader(rows []record, at int) (int, error) {
	if at > 0 {
		for i, r := range rows {
			if r.line == at && r.err == nil && len(nonEmpty(r.fields)) > 0 {
				return i, nil
			}
		}
		return 0, fmt.Errorf("riga d'intestazione %d non trovata", at)
	}
	widest, first := 0, -1
	for i, r := range rows {
		n := len(nonEmpty(r.fields))
		widest = max(widest, n)
		if first < 0 && n > 0 && r.err == nil {
			first = i
		}
	}
	if first < 0 {
		return 0, fmt.Errorf("nessuna intestazione: il file non contiene righe")
	}
	for i, r := range rows {
		if r.err != nil {
			continue
		}
		cells := nonEmpty(r.fields)
		if len(cells) < 2 || 2*len(cells) < widest {
			continue
		}
		if next := nextFilled(rows[i+1:]); len(cells) == 2 && next != nil && len(nonEmpty(next.fields)) > 2 {
			continue
		}
		textual := 0
		for _, c := range cells {
			if !looksNumeric(c) {
				textual++
			}
		}
		if 2*textual > len(cells) {
			return i, nil
		}
	}
	return first, nil
}

func nextFilled(rows []record) *record {
	for i := range rows {
		if rows[i].err == nil && len(nonEmpty(rows[i].fields)) > 0 {
			return &rows[i]
		}
	}
	return nil
}

// headerNames trims the header, drops empty trailing cells, names empty
// cells after their position and makes repeated names unique, so that a
// profile can point at every column.
func headerNames(fields []string) []string {
	for len(fields) > 0 && strings.TrimSpace(fields[len(fields)-1]) == "" {
		fields = fields[:len(fields)-1]
	}
	names := make([]string, len(fields))
	seen := map[string]int{}
	for i, c := range fields {
		c = strings.Join(strings.Fields(c), " ")
		if c == "" {
			c = "Colonna " + strconv.Itoa(i+1)
		}
		seen[strings.ToLower(c)]++
		if n := seen[strings.ToLower(c)]; n > 1 {
			c = fmt.Sprintf("%s (%d)", c, n)
		}
		names[i] = c
	}
	return names
}

func blank(fields []string) bool {
	for _, c := range fields {
		if c != "" {
			return false
		}
	}
	return true
}

func nonEmpty(fields []string) []string {
	var out []string
	for _, c := range fields {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

var totalsLabel = regexp.MustCompile(`(?i)^(sub)?total[ei]\b|^tot\.|^somma\b`)

// totalsWord is totalsLabel behind a cheap first-letter test: it runs on
// every row of files with millions of them.
func totalsWord(c string) bool {
	switch c[0] {
	case 't', 'T', 's', 'S':
		return totalsLabel.MatchString(c)
	}
	return false
}

// isTotals recognises a totals row: its first filled cell starts with
// "Totale", "Totali", "TOTALE GENERALE", "Tot." or "Somma" (possibly with a
// count, "Totale cartelle: 123") and every other filled cell is a number or
// a duration. A data row that merely mentions a total has dates or names
// beside it, and is kept.
func isTotals(fields []string) bool {
	first := -1
	for i, c := range fields {
		if c != "" {
			first = i
			break
		}
	}
	if first < 0 || !totalsWord(fields[first]) {
		return false
	}
	for _, c := range fields[first+1:] {
		if c != "" && !looksNumeric(c) {
			return false
		}
	}
	return true
}

// looksNumeric reports whether a cell is a number, a percentage, a
// duration or a date rather than a label.
func looksNumeric(c string) bool {
	if _, err := value.Number(strings.TrimSuffix(c, "%")); err == nil {
		return true
	}
	if _, err := value.Minutes(c, ""); err == nil {
		return true
	}
	_, err := value.Date(c, "")
	return err == nil
}
