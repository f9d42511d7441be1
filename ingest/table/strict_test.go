package table

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readResult is what a table test reads from a CSV: the line of each data
// row, the line and column of each error, and the reader's counters.
type strictResult struct {
	rows   []int
	errs   []string // "line:column"
	reason []string
	meta   Meta
}

func readStrict(t *testing.T, data []byte) (strictResult, error) {
	t.Helper()
	r, err := newCSV("t.csv", io.NopCloser(bytes.NewReader(data)), Options{})
	if err != nil {
		return strictResult{}, err
	}
	defer r.Close()
	var res strictResult
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *ParseError
		switch {
		case errors.As(err, &pe):
			res.errs = append(res.errs, fmt.Sprintf("%04d:%s", pe.Line, pe.Column))
			res.reason = append(res.reason, pe.Err.Error())
		case err != nil:
			t.Fatal(err)
		default:
			res.rows = append(res.rows, row.Line)
		}
	}
	res.meta = r.Meta()
	return res, nil
}

// reconciles checks that every physical line is a title, the header, a
// row (data, error, blank or totals) or a continuation line.
func reconciles(t *testing.T, res strictResult) {
	t.Helper()
	m := res.meta
	rows := len(res.rows) + len(res.errs) + m.Blank + m.Totals
	if m.Lines != m.TitleRows+1+rows+m.Continued {
		t.Errorf("lines %d != titles %d + header 1 + rows %d + continuation %d", m.Lines, m.TitleRows, rows, m.Continued)
	}
}

func TestStrictCSV(t *testing.T) {
	t.Parallel()
	diario, err := os.ReadFile(filepath.Join("..", "testdata", "diario_virgolette.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		data      string
		rows      int
		errs      []string
		reason    string // part of the first error's reason
		continued int
	}{
		{name: "a note opens a quote never closed, among 1.000 rows", data: string(diario),
			rows: 999, errs: []string{"0013:Note"}, reason: "inghiottirebbe la riga 14"},
		{name: "a multi-line note is one row", data: "a;b;c\n1;\"riga uno\nriga due\";x\n2;y;z\n",
			rows: 2, continued: 1},
		{name: "a multi-line note closed on a line that has the following cells", data: "a;b;c\n\"uno\ndue\";x;y\n2;y;z\n",
			rows: 2, continued: 1},
		{name: "quote open to the end of the file", data: "a;b;c\n1;\"aperta;x\n2\n3\n",
			rows: 2, errs: []string{"0002:b"}, reason: "fine del file"},
		{name: "quote open over too many lines", data: "a;b;c\n1;\"aperta" + strings.Repeat("\nx", MaxQuotedLines+5) + "\n",
			rows: MaxQuotedLines + 5, errs: []string{"0002:b"}, reason: "entro 100 righe"},
		{name: "an excerpt never shows a codice fiscale", data: "a;b;c\n1;\"SPSGNR50C12F839Y Esposito;x\n2;y;z\n",
			rows: 1, errs: []string{"0002:b"}, reason: "«S*************** E*********…»"},
		{name: "a row wider than the header is kept for the importer", data: "a;b;c\n1;De;Luca;x\n",
			rows: 1},
		{name: "invalid UTF-8 late in the file counts once", data: "a;b\n" + strings.Repeat("1;2\n", 20000) + "3;\xe8\n4;5\n",
			rows: 20001, errs: []string{"20002:"}, reason: "UTF-8"},
		{name: "a line longer than the limit", data: "a;b\n1;" + strings.Repeat("x", MaxLine+10) + "\n2;3\n",
			rows: 1, errs: []string{"0002:"}, reason: "riga più lunga"},
		{name: "a cell longer than the limit", data: "a;b\n1;" + strings.Repeat("x", MaxCell+10) + "\n2;3\n",
			rows: 1, errs: []string{"0002:b"}, reason: "cella più lunga"},
		{name: "a stray quote closed on the next line, which is a record of its own",
			data: "id;data;op;nota\n1;01/02/2025;Rossi;\"nota con \" virgolette\n2;02/02/2025;Bianchi;\"altra nota\"\n3;03/02/2025;Verdi;x\n",
			rows: 2, errs: []string{"0002:nota"}, reason: "aperte alla riga 2 si chiudono solo alla riga 3"},
		{name: "a stray quote among learned rows, the next record leaves its trailing cells off",
			data: "id;data;op;nota;esito\n1;01/02/2025;Rossi;x;ok\n2;01/02/2025;Rossi;\"stray;ok\n3;02/02/2025\n4;03/02/2025;Verdi;\"chiusa\";ok\n",
			rows: 3, errs: []string{"0003:nota"}, reason: "inghiottirebbe la riga 4"},
		{name: "a stray quote in a file with text IDs, closed by a later record",
			data: "id;data;op\nA-1;01/02/2025;\"Rossi\nA-2;02/02/2025;\"Bianchi\"\n",
			rows: 1, errs: []string{"0002:op"}, reason: "riga 3"},
		{name: "a multi-line note whose next line starts with a number is still one row",
			data: "id;data;nota\n1;01/02/2025;x\n2;01/02/2025;\"prima riga\n3 visite; una telefonata\"\n4;02/02/2025;y\n",
			rows: 3, continued: 1},
		{name: "a row shifted by a delimiter in a name, its trailing cell empty",
			data: "id;nome;data;area\n1;Rossi Maria;01/02/1980;anziani\n2;Bianchi; Luca;02/03/1981;\n3;Verdi Anna;03/04/1982;\n",
			rows: 2, errs: []string{"0003:Colonna 5"}, reason: "ha spostato le celle"},
		{name: "every row ends with a delimiter the header lacks",
			data: "id;nome;data\n1;Rossi;01/02/1980;\n2;Bianchi;02/03/1981;\n",
			rows: 2},
		{name: "CRLF line ends", data: "a;b\r\n1;2\r\n3;\"x\r\ny\"\r\n",
			rows: 2, continued: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err := readStrict(t, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.rows) != tt.rows || strings.Join(res.errs, ",") != strings.Join(tt.errs, ",") {
				t.Errorf("rows %d, errors %v; want %d, %v", len(res.rows), res.errs, tt.rows, tt.errs)
			}
			if tt.reason != "" && (len(res.reason) == 0 || !strings.Contains(res.reason[0], tt.reason)) {
				t.Errorf("reasons %q, want one with %q", res.reason, tt.reason)
			}
			for _, r := range res.reason {
				if len(r) > 400 || strings.Contains(r, "SPSGNR50C12F839Y") {
					t.Errorf("reason echoes too much or unmasked: %.80q", r)
				}
			}
			if res.meta.Continued != tt.continued {
				t.Errorf("continued %d, want %d", res.meta.Continued, tt.continued)
			}
			reconciles(t, res)
		})
	}
}

// TestMixedEncodings: a file part UTF-8, part Windows-1252 counts each
// record once: a record with a line that is not UTF-8 is one rejection,
// with the lines of its note as continuation lines, never rows of their
// own.
func TestMixedEncodings(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("testdata", "diario_misto.csv"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := readStrict(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(res.errs, ","), "1202:,1203:,1205:,1207:"; got != want {
		t.Errorf("errors at %s, want %s", got, want)
	}
	if len(res.rows) != 1202 {
		t.Errorf("%d rows, want 1202 (1200 UTF-8 rows, a multi-line UTF-8 note, the last)", len(res.rows))
	}
	if res.meta.Continued != 5 {
		t.Errorf("continued %d, want 5 (1204, 1206, 1208, 1209, 1211)", res.meta.Continued)
	}
	wantReasons := []string{"testo non valido in UTF-8", "testo non valido in UTF-8", "riga 1206: testo non valido", "riga 1208: testo non valido"}
	for i, r := range res.reason {
		if i < len(wantReasons) && !strings.HasPrefix(r, wantReasons[i]) {
			t.Errorf("reason %d = %q, want it to start with %q", i, r, wantReasons[i])
		}
	}
	reconciles(t, res)
}

func TestCROnlyLineEnds(t *testing.T) {
	t.Parallel()
	for _, data := range []string{"a;b\r1;2\r3;4\r", "a;b\r1;\"nota\nsu due righe\"\r3;4\r5;6\r"} {
		_, err := readStrict(t, []byte(data))
		if err == nil || !strings.Contains(err.Error(), "CR") {
			t.Errorf("%q: err = %v, want a diagnosis of CR line ends", data, err)
		}
	}
}

// TestEveryLineOpensAQuote: each line is an error of its own, and each is
// read a bounded number of times (the test would take minutes otherwise).
func TestEveryLineOpensAQuote(t *testing.T) {
	t.Parallel()
	const n = 20000
	res, err := readStrict(t, []byte("a;b\n"+strings.Repeat("1;\"x\n", n)))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.errs) != n || len(res.rows) != 0 {
		t.Errorf("%d errors, %d rows; want %d, 0", len(res.errs), len(res.rows), n)
	}
	reconciles(t, res)
}
