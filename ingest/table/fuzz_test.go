package table

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// drain reads every row and checks the promises of Reader: rows come in
// increasing line order and are at least as wide as the header. It
// returns how many rows and row errors it read.
func drain(t *testing.T, r Reader) (rows int) {
	t.Helper()
	defer r.Close()
	width, last := len(r.Header()), r.Meta().HeaderLine
	for i := 0; ; i++ {
		row, err := r.Read()
		if err == io.EOF {
			return rows
		}
		rows++
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a ParseError", err)
			}
			if i > 1e6 {
				t.Fatal("no progress after errors")
			}
			continue
		}
		if row.Line <= last {
			t.Fatalf("row at line %d after line %d", row.Line, last)
		}
		if len(row.Fields) < width {
			t.Fatalf("row of %d fields under a header of %d", len(row.Fields), width)
		}
		last = row.Line
	}
}

func FuzzCSV(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.*")
	for _, p := range files {
		if filepath.Ext(p) == ".xlsx" {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "")
	}
	f.Add([]byte("a;b\n\"x\ny\";2\n\n;;\nTotale;3\n"), "windows-1252")
	f.Add([]byte("\xff\xfea\x00;\x00b\x00\n\x00"), "utf-16")
	f.Fuzz(func(t *testing.T, data []byte, enc string) {
		r, err := newCSV("fuzz.csv", io.NopCloser(bytes.NewReader(data)), Options{Encoding: enc})
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a ParseError", err)
			}
			return
		}
		rows := drain(t, r)
		// Every physical line is a title, the header, a row (data, error,
		// blank or totals) or a continuation line of a quoted field.
		m := r.Meta()
		if got := m.TitleRows + 1 + rows + m.Blank + m.Totals + m.Continued; m.Lines != got {
			t.Fatalf("lines %d, accounted for %d (titles %d, rows %d, blank %d, totals %d, continued %d)",
				m.Lines, got, m.TitleRows, rows, m.Blank, m.Totals, m.Continued)
		}
	})
}

// FuzzXLSX fuzzes the sheet and style parts of a workbook whose other parts
// come from the fixture: mutating the zip container itself would mostly
// exercise archive/zip's checksums rather than this package. Nearly every
// mutation of sheet XML reaches new code, and minimising each one takes a
// minute by default, so run it with a short minimisation budget:
//
//	go test ./ingest/table -run '^$' -fuzz FuzzXLSX -fuzztime 60s -fuzzminimizetime 2s
func FuzzXLSX(f *testing.F) {
	zr, err := zip.OpenReader(filepath.Join("testdata", "diario.xlsx"))
	if err != nil {
		f.Fatal(err)
	}
	defer zr.Close()
	all := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			f.Fatal(err)
		}
		all[zf.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	// Only the parts the reader opens, stored uncompressed: each execution
	// rebuilds the archive, and deflating a dozen parts would dominate it.
	parts := map[string][]byte{}
	for _, name := range []string{"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml"} {
		parts[name] = all[name]
	}
	// The fixture's own styles part declares dozens of namespaces; a compact
	// equivalent keeps inputs small, so that minimising one stays quick.
	styles := []byte(`<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>` +
		`<numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/><numFmt numFmtId="166" formatCode="[h]:mm"/></numFmts>` +
		`<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="4"/></cellXfs></styleSheet>`)
	f.Add(all["xl/worksheets/sheet2.xml"], styles)
	f.Add(all["xl/worksheets/sheet1.xml"], styles)
	f.Add([]byte(`<worksheet><sheetData><row r="2"><c r="B2" s="1"><v>45306.5</v></c><c t="s"><v>3</v></c></row>`+
		`<row><c t="inlineStr"><is><t>Totale</t></is></c><c s="4"><v>1.5</v></c></row></sheetData>`+
		`<mergeCells><mergeCell ref="A3:B4"/></mergeCells></worksheet>`), styles)
	f.Fuzz(func(t *testing.T, sheet, styles []byte) {
		var buf bytes.Buffer
		w := zip.NewWriter(&buf)
		add := func(name string, b []byte) {
			fw, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			fw.Write(b)
		}
		for name, b := range parts {
			add(name, b)
		}
		add("xl/worksheets/sheet1.xml", sheet)
		add("xl/styles.xml", styles)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		r, err := newXLSX("fuzz.xlsx", zr, io.NopCloser(nil), Options{})
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a ParseError", err)
			}
			return
		}
		drain(t, r)
	})
}
