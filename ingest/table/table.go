// Package table reads the tabular files that cartella software exports —
// CSV in any of the usual encodings and delimiters, and XLSX workbooks —
// as a header and a stream of rows that remember where they came from.
//
// It knows nothing of what the columns mean: mapping them onto canonical
// records is the job of the import profile (package ingest).
package table

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Row is one data row.
type Row struct {
	// Line is where the row starts: the physical line of a CSV file (a field
	// with embedded newlines spans several lines; Line is the first) or the
	// row number of an XLSX sheet, both 1-based.
	Line int
	// Fields are the trimmed cell texts, aligned with Header: short rows are
	// padded with "", and filled cells beyond the header are kept so that
	// the importer can reject the row. The slice is the caller's to keep.
	Fields []string
}

// Meta describes how a file was read, for inspect and for error reports.
// The skip counters grow as rows are read: ask for Meta after the last Read
// for the totals of the whole file.
type Meta struct {
	Format     string   // "csv", "xlsx" or "xls"
	Encoding   string   // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252", "iso-8859-1"
	Delimiter  rune     // CSV only
	Sheet      string   // XLSX only: the sheet read
	Sheets     []string // XLSX only: every sheet of the workbook
	HeaderLine int      // line or sheet row of the header
	Title      []string // texts of the rows above the header ("Comune di …, elenco cartelle al …")
	Blank      int      // blank rows skipped below the header
	Totals     int      // totals rows skipped ("Totale", "TOTALE GENERALE", …)
	TitleRows  int      // rows above the header, blank ones included
	// CSV only: physical lines read, and the continuation lines of quoted
	// fields that span lines. After the last Read, Lines = TitleRows + 1
	// (the header) + every row read (data rows, rows in error, Blank and
	// Totals) + Continued.
	Lines, Continued int
}

// Skip is a row below the header that was recognised as not being data and
// left out; Options.Skipped hears of each one.
type Skip struct {
	Line   int
	Reason string   // in Italian: "riga vuota", "riga dei totali"
	Fields []string // the row as read
}

// Reader streams the rows of one table.
type Reader interface {
	Header() []string
	Meta() Meta
	// Read returns the next data row, or io.EOF after the last one.
	Read() (Row, error)
	Close() error
}

// Options override what Open would otherwise detect.
type Options struct {
	Encoding  string // "" detects
	Delimiter rune   // 0 detects
	Sheet     string // XLSX sheet name or 1-based index; "" is the first sheet
	HeaderRow int    // 1-based line of the header; 0 detects
	// Skipped, when set, is called for every row left out below the header,
	// so that an importer can say what it did not import and why.
	Skipped func(Skip)
}

// ParseError is a problem at a place in a file, worded for the user.
type ParseError struct {
	File   string
	Line   int
	Column string
	Err    error
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ", riga %d", e.Line)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, ", colonna %q", e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *ParseError) Unwrap() error { return e.Err }

// ErrUnknownFormat is returned for files that are neither CSV nor XLSX.
var ErrUnknownFormat = errors.New("formato non riconosciuto: servono file CSV, XLSX o XLS")

// Open opens path as CSV, XLSX or XLS, chosen by its extension.
func Open(path string, opt Options) (Reader, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv", ".txt", ".tsv":
		return openCSV(path, opt)
	case ".xlsx", ".xlsm":
		return openXLSX(path, opt)
	case ".xls":
		return openXLS(path, opt)
	case ".ods", ".xlsb", ".numbers":
		return nil, &ParseError{File: path, Err: fmt.Errorf("formato %s non supportato: salvare come .xlsx o .csv", ext)}
	default:
		return nil, &ParseError{File: path, Err: ErrUnknownFormat}
	}
}

// ReadAll drains r, for small files and tests.
func ReadAll(r Reader) ([]Row, error) {
	var rows []Row
	for {
		row, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		rows = append(rows, row)
	}
}
