package table

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// workbookWith returns the fixture diario.xlsx with some parts replaced,
// deflated: what a small file that expands enormously looks like.
func workbookWith(t testing.TB, replace map[string]func(io.Writer)) *zip.Reader {
	t.Helper()
	zr, err := zip.OpenReader(filepath.Join("testdata", "diario.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		fw, err := w.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if fill, ok := replace[zf.Name]; ok {
			fill(fw)
			continue
		}
		rc, _ := zf.Open()
		io.Copy(fw, rc)
		rc.Close()
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestXLSXLimits: a string table that decompresses past its limit, and a
// cell longer than Excel's own limit, are clear errors, not gigabytes of
// memory.
func TestXLSXLimits(t *testing.T) {
	t.Parallel()
	t.Run("string table past its limit", func(t *testing.T) {
		t.Parallel()
		zr := workbookWith(t, map[string]func(io.Writer){"xl/sharedStrings.xml": func(w io.Writer) {
			io.WriteString(w, `<sst><si><t>`)
			chunk := bytes.Repeat([]byte("a"), 1<<20)
			for range MaxSharedStrings>>20 + 2 {
				w.Write(chunk)
			}
			io.WriteString(w, `</t></si></sst>`)
		}})
		_, err := newXLSX("bomba.xlsx", zr, io.NopCloser(nil), Options{Sheet: "Diario"})
		var pe *ParseError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "supera, decompressa, il limite") {
			t.Fatalf("err = %v", err)
		}
		if len(err.Error()) > 400 {
			t.Errorf("error of %d bytes", len(err.Error()))
		}
	})
	t.Run("a cell longer than Excel's limit", func(t *testing.T) {
		t.Parallel()
		zr := workbookWith(t, map[string]func(io.Writer){"xl/worksheets/sheet2.xml": func(w io.Writer) {
			io.WriteString(w, `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>Data</t></is></c><c t="inlineStr"><is><t>Note</t></is></c></row>`)
			io.WriteString(w, `<row r="2"><c t="inlineStr"><is><t>01/02/2025</t></is></c><c t="inlineStr"><is><t>`+strings.Repeat("x", MaxCell+1)+`</t></is></c></row>`)
			io.WriteString(w, `<row r="3"><c t="inlineStr"><is><t>02/02/2025</t></is></c><c t="inlineStr"><is><t>breve</t></is></c></row></sheetData></worksheet>`)
		}})
		r, err := newXLSX("lunga.xlsx", zr, io.NopCloser(nil), Options{Sheet: "Diario"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = r.Read()
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != 2 || pe.Column != "Note" || !strings.Contains(err.Error(), "cella più lunga") {
			t.Fatalf("row 2: err = %v", err)
		}
		row, err := r.Read()
		if err != nil || row.Line != 3 {
			t.Fatalf("row after the long cell: %+v, %v", row, err)
		}
	})
}
