package table

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
)

// csvReader is a first, UTF-8-only reader with a ';' default; encoding,
// delimiter and header detection come with the importers issue.
type csvReader struct {
	f      *os.File
	r      *csv.Reader
	header []string
	meta   Meta
}

func openCSV(path string, opt Options) (*csvReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(f)
	r.Comma = ';'
	if opt.Delimiter != 0 {
		r.Comma = opt.Delimiter
	}
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		f.Close()
		return nil, &ParseError{File: path, Line: 1, Err: fmt.Errorf("intestazione illeggibile: %w", err)}
	}
	return &csvReader{f: f, r: r, header: header, meta: Meta{Format: "csv", Encoding: "utf-8", Delimiter: r.Comma, HeaderLine: 1}}, nil
}

func (c *csvReader) Header() []string { return c.header }
func (c *csvReader) Meta() Meta       { return c.meta }
func (c *csvReader) Close() error     { return c.f.Close() }

func (c *csvReader) Read() (Row, error) {
	rec, err := c.r.Read()
	if err == io.EOF {
		return Row{}, io.EOF
	}
	line, _ := c.r.FieldPos(0)
	if err != nil {
		return Row{}, &ParseError{File: c.f.Name(), Line: line, Err: err}
	}
	for len(rec) < len(c.header) {
		rec = append(rec, "")
	}
	return Row{Line: line, Fields: rec}, nil
}
