package table

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The testdata workbooks were written by LibreOffice as "MS Excel 97"
// (BIFF8): lista_casi.xls from a CSV whose every column is imported as
// text, as SISO's listaCasi.xls stores its cells; misto.xls with numbers,
// a date cell and non-ASCII text.
func TestXLS(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file   string
		header []string
		rows   [][]string
	}{
		{"lista_casi.xls",
			[]string{"ID", "Cognome - Nome", "Data nascita", "Codice fiscale", "Residenza", "Operatori", "Cat. sociale", "Int.", "Erog.", "Data apertura", "Stato"},
			[][]string{
				{"101", "ROSSI MARIO", "12/03/1950", "RSSMRA50C12G478X", "PERUGIA (PG)", "Bianchi Anna", "Anziani", "2", "1", "15/01/2024", "Presa in carico-16/01/24 - 10:30"},
				{"102", "VERDI LUCIA", "01/07/1985", "VRDLCU85L41G478Y", "Senza fissa dimora", "Bianchi Anna", "Povertà ed esclusione sociale", "0", "0", "", "Aperto-03/02/25 - 09:15"},
				{"103", "NERI PAOLO", "30/11/1972", "NREPLA72S30D653Z", "CORCIANO (PG)", "Gialli Marco", "Disabili", "1", "0", "10/05/2023", "Chiuso-20/11/25 - 16:05"},
			}},
		{"misto.xls",
			[]string{"Codice", "Data", "Durata", "Nota"},
			[][]string{{"1", "2024-01-15", "1.5", "àèìòù € «x»"}, {"2", "2024-01-16", "45", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			r, err := Open(filepath.Join("testdata", tt.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if !reflect.DeepEqual(r.Header(), tt.header) {
				t.Errorf("header = %q, want %q", r.Header(), tt.header)
			}
			rows, err := ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			var got [][]string
			for _, row := range rows {
				got = append(got, row.Fields)
			}
			if !reflect.DeepEqual(got, tt.rows) {
				t.Errorf("rows = %q, want %q", got, tt.rows)
			}
			if m := r.Meta(); m.Format != "xls" || len(m.Sheets) != 1 {
				t.Errorf("meta = %+v", m)
			}
		})
	}
}

// A file that is not a compound document, or is cut short, is an Italian
// error, never a panic.
func TestXLSBroken(t *testing.T) {
	t.Parallel()
	good, err := os.ReadFile(filepath.Join("testdata", "lista_casi.xls"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, b := range map[string][]byte{
		"testo.xls":    []byte("ID;Nome\n1;x\n"),
		"troncato.xls": good[:len(good)/2],
		"vuoto.xls":    nil,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := Open(p, Options{})
		if err == nil {
			_, err = ReadAll(r)
			r.Close()
		}
		if err == nil || !strings.Contains(err.Error(), "XLS") && !strings.Contains(err.Error(), "file") {
			t.Errorf("%s: err = %v, want an Italian error", name, err)
		}
	}
}

// FuzzXLS decodes damaged Workbook streams: an error or rows, never a
// panic or a hang. The container is mscfb's to read; the records are ours.
func FuzzXLS(f *testing.F) {
	for _, name := range []string{"lista_casi.xls", "misto.xls"} {
		file, err := os.Open(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		b, err := workbookStream(file)
		file.Close()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src, _, err := decodeWorkbook(data, "", Meta{})
		if err != nil {
			return
		}
		for r := src.next(); r.err == nil; r = src.next() {
		}
	})
}
