package table

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	type row = Row
	tests := []struct {
		file    string
		opt     Options
		header  []string
		rows    []row
		meta    Meta
		skipped []string // "line reason"
	}{
		{
			file:   "diario_cp1252.csv",
			header: []string{"ID intervento", "Data", "Operatore", "N. cartella", "Tipo attività", "Durata", "Comune"},
			rows: []row{
				{5, []string{"A-001", "02/01/2025", "Niccolò Esposito", "C-17", "Colloquio in sede", "1,5", "Capua"}},
				{6, []string{"A-002", "02/01/2025 10:30", "ROSSI MARIA", "", "Attività di comunità", "0:45", "Capua"}},
				{8, []string{"A-003", "03/01/2025", "Rossi Maria", "C-22", "Visita domiciliare è urgente", "90", "Santa Maria Capua Vetere"}},
			},
			meta: Meta{TitleRows: 3, Lines: 9, Format: "csv", Encoding: "windows-1252", Delimiter: ';', HeaderLine: 4, Blank: 1, Totals: 1,
				Title: []string{"Comune di Santa Maria Capua Vetere", "Elenco attività al 31/12/2025"}},
			skipped: []string{"7 riga vuota", "9 riga dei totali"},
		},
		{
			file:   "cartelle_bom.csv",
			header: []string{"N. cartella", "Data apertura", "Area di utenza", "Note", "Quota"},
			rows: []row{
				{2, []string{"C-17", "15/03/2024", "Minori e famiglie", `Segnalazione del Tribunale, "urgente"`, "50%"}},
				{3, []string{"C-22", "01/04/2024", "Anziani", "Prima riga\nseconda riga\nterza riga", "1.234,5"}},
				// Line 6, after the three-line note; the unquoted decimal comma
				// splits the last field, and the extra cell is kept for the importer to reject.
				{6, []string{"C-30", "2024-05-06", "Disabili", "", "0", "5"}},
			},
			meta: Meta{Format: "csv", Encoding: "utf-8-bom", Delimiter: ',', HeaderLine: 1, Lines: 6, Continued: 2},
		},
		{
			file:   "diario_utf16.txt",
			header: []string{"Data", "Operatore", "Tipo prestazione", "Minuti"},
			rows: []row{
				{2, []string{"07/01/2025", "Giulia Bianchi", "Segretariato sociale", "30"}},
				{3, []string{"08/01/2025", "Giulia Bianchi", "Riunione d'équipe", "60"}},
			},
			meta: Meta{Format: "csv", Encoding: "utf-16le", Delimiter: '\t', HeaderLine: 1, Lines: 3},
		},
		{
			file:   "personale_pipe.csv",
			header: []string{"Operatore", "Qualifica", "Ore settimanali", "Contratto", "Comune", "Quota"},
			rows: []row{
				{2, []string{"Maria Rossi", "Assistente sociale", "36", "Indeterminato", "Capua", "50%"}},
				{3, []string{"Maria Rossi", "Assistente sociale", "36", "Indeterminato", "Grazzanise", "50%"}},
				{4, []string{"Luca Verdi", "Educatore", "18", "Determinato", "Capua", "100"}},
			},
			meta:    Meta{Format: "csv", Encoding: "utf-8", Delimiter: '|', HeaderLine: 1, Blank: 1, Totals: 1, Lines: 6},
			skipped: []string{"5 riga vuota", "6 riga dei totali"},
		},
		{
			file:   "popolazione_tab.tsv",
			header: []string{"Codice Istat", "Comune", "Residenti"},
			rows: []row{
				{4, []string{"061017", "Capua", "18.053"}},
				{5, []string{"061043", "Grazzanise", "6.812"}},
			},
			meta: Meta{TitleRows: 2, Lines: 6, Format: "csv", Encoding: "utf-8", Delimiter: '\t', HeaderLine: 3, Totals: 1,
				Title: []string{"Popolazione residente al 1° gennaio", "Fonte: ISTAT"}},
			skipped: []string{"6 riga dei totali"},
		},
		{
			// Overrides: the Latin-1 file read with a declared encoding and header row.
			file:   "diario_cp1252.csv",
			opt:    Options{Encoding: "iso-8859-1", Delimiter: ';', HeaderRow: 4},
			header: []string{"ID intervento", "Data", "Operatore", "N. cartella", "Tipo attività", "Durata", "Comune"},
			rows: []row{
				{5, []string{"A-001", "02/01/2025", "Niccolò Esposito", "C-17", "Colloquio in sede", "1,5", "Capua"}},
				{6, []string{"A-002", "02/01/2025 10:30", "ROSSI MARIA", "", "Attività di comunità", "0:45", "Capua"}},
				{8, []string{"A-003", "03/01/2025", "Rossi Maria", "C-22", "Visita domiciliare è urgente", "90", "Santa Maria Capua Vetere"}},
			},
			meta: Meta{TitleRows: 3, Lines: 9, Format: "csv", Encoding: "iso-8859-1", Delimiter: ';', HeaderLine: 4, Blank: 1, Totals: 1,
				Title: []string{"Comune di Santa Maria Capua Vetere", "Elenco attività al 31/12/2025"}},
			skipped: []string{"7 riga vuota", "9 riga dei totali"},
		},
		{
			file:   "diario.xlsx",
			opt:    Options{Sheet: "diario"},
			header: []string{"ID intervento", "Data", "Operatore", "N. cartella", "Tipo attività", "Durata", "Costo"},
			rows: []row{
				// Custom dd/mm/yyyy date cell as ISO; [h]:mm cell as a duration; #,##0.00 number plain.
				{4, []string{"A-101", "2025-01-02", "Maria Rossi", "C-17", "Colloquio", "01:30:00", "1234.5"}},
				// Built-in date format 14; operator from the merge C4:C5; 1.234 kept a decimal.
				{5, []string{"A-102", "2025-01-03", "Maria Rossi", "C-18", "Visita domiciliare", "00:30:00", "1.2340"}},
				{7, []string{"A-103", "2025-01-04T10:30", "Luca Verdi", "", "Tavolo di rete", "01:15", "33091"}},
				{8, []string{"A-104", "05/01/2025", "Luca Verdi", "", "Formazione", "2", ""}},
			},
			meta: Meta{TitleRows: 1, Format: "xlsx", Encoding: "utf-8", Sheet: "Diario", Sheets: []string{"Riepilogo", "Diario", "Cartelle"}, HeaderLine: 3,
				Blank: 1, Totals: 1, Title: []string{"Comune di Capua, elenco attività al 31/12/2025"}},
			skipped: []string{"6 riga vuota", "10 riga dei totali"},
		},
		{
			// A header cell merged over two columns labels the first; a value
			// merged down rows or across columns fills its whole range.
			file:   "diario.xlsx",
			opt:    Options{Sheet: "3"},
			header: []string{"N. cartella", "Periodo", "Colonna 3", "Area di utenza", "Operatore referente"},
			rows: []row{
				{3, []string{"C-17", "15/03/2024", "", "Minori e famiglie", "Maria Rossi"}},
				{4, []string{"C-22", "01/04/2024", "30/09/2025", "Anziani", "Maria Rossi"}},
				// D5 holds text under the merge C5:D5; like Excel, the reader shows C5's.
				{5, []string{"C-30", "06/05/2024", "", "", "Maria Rossi"}},
			},
			meta: Meta{TitleRows: 1, Format: "xlsx", Encoding: "utf-8", Sheet: "Cartelle", Sheets: []string{"Riepilogo", "Diario", "Cartelle"}, HeaderLine: 2,
				Totals: 1, Title: []string{"Elenco cartelle al 31/12/2025"}},
			skipped: []string{"6 riga dei totali"},
		},
		{
			file:   "diario.xlsx",
			opt:    Options{Sheet: "1"},
			header: []string{"Vedere il foglio Diario"},
			meta:   Meta{Format: "xlsx", Encoding: "utf-8", Sheet: "Riepilogo", Sheets: []string{"Riepilogo", "Diario", "Cartelle"}, HeaderLine: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.opt.Sheet+tt.opt.Encoding, func(t *testing.T) {
			var skipped []string
			tt.opt.Skipped = func(s Skip) { skipped = append(skipped, strconv.Itoa(s.Line)+" "+s.Reason) }
			r, err := Open(filepath.Join("testdata", tt.file), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if got := r.Header(); !reflect.DeepEqual(got, tt.header) {
				t.Errorf("header = %q\nwant %q", got, tt.header)
			}
			rows, err := ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rows, tt.rows) {
				t.Errorf("rows:\n got %v\nwant %v", rows, tt.rows)
			}
			if got := r.Meta(); !reflect.DeepEqual(got, tt.meta) {
				t.Errorf("meta = %+v\nwant %+v", got, tt.meta)
			}
			if !reflect.DeepEqual(skipped, tt.skipped) {
				t.Errorf("skipped = %q, want %q", skipped, tt.skipped)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		path string
		opt  Options
		want string
	}{
		{write("vecchio.xls", "x"), Options{}, "non è un file XLS valido"},
		{write("calc.ods", "x"), Options{}, "formato .ods non supportato: salvare come .xlsx o .csv"},
		{write("dati.pdf", "x"), Options{}, "formato non riconosciuto"},
		{filepath.Join("testdata", "diario.xlsx"), Options{Sheet: "Elenco"}, `foglio "Elenco" non trovato; fogli presenti: "Riepilogo", "Diario", "Cartelle"`},
		{filepath.Join("testdata", "diario.xlsx"), Options{Sheet: "4"}, `foglio "4" non trovato`},
		{write("finto.xlsx", "non uno zip"), Options{}, "non è un file XLSX valido"},
		{write("vuoto.csv", ""), Options{}, "nessuna intestazione"},
		{filepath.Join("testdata", "personale_pipe.csv"), Options{HeaderRow: 5}, "riga d'intestazione 5 non trovata"},
		{filepath.Join("testdata", "personale_pipe.csv"), Options{Encoding: "ebcdic"}, `codifica "ebcdic" non supportata`},
	}
	for _, tt := range tests {
		_, err := Open(tt.path, tt.opt)
		var pe *ParseError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Open(%s, %+v) error = %v, want a ParseError containing %q", filepath.Base(tt.path), tt.opt, err, tt.want)
		}
	}
}

// A file that starts as valid UTF-8 but has a Windows-1252 byte beyond
// the detection window must not be read as mojibake: that row is an error
// that says what to do, and the rows after it are still read.
func TestLateLatin1Byte(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Data;Operatore;Minuti\n")
	for b.Len() < sampleSize+100 {
		b.WriteString("02/01/2025;Maria Rossi;30\n")
	}
	b.WriteString("03/01/2025;Niccol\xf2 Esposito;45\n04/01/2025;Luca Verdi;15\n")
	p := filepath.Join(t.TempDir(), "lungo.csv")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Open(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var bad *ParseError
	var last Row
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !errors.As(err, &bad) {
				t.Fatal(err)
			}
			continue
		}
		last = row
	}
	lines := strings.Count(b.String(), "\n")
	if bad == nil || bad.Line != lines-1 || !strings.Contains(bad.Error(), `encoding = "windows-1252"`) {
		t.Errorf("error = %v, want one at line %d naming the encoding", bad, lines-1)
	}
	if last.Line != lines || last.Fields[1] != "Luca Verdi" {
		t.Errorf("last row = %+v, want line %d", last, lines)
	}
}

func TestDetectDelimiter(t *testing.T) {
	tests := []struct {
		name, sample string
		want         rune
	}{
		{"semicolon with decimal commas", "Data;Durata;Note\n02/01/2025;1,5;a, b\n03/01/2025;0,5;c\n", ';'},
		{"comma with a quoted semicolon", "a,b,c\n1,\"x;y\",2\n3,4,5\n", ','},
		{"tab", "a\tb\tc\n1\t2\t3\n", '\t'},
		{"pipe", "a|b|c\n1|2|3\n", '|'},
		{"title then semicolons", "Comune di Capua, elenco\na;b;c;d\n1;2;3;4\n5;6;7;8\n", ';'},
		{"quoted newline", "a;b\n\"x\ny;z\";2\n3;4\n", ';'},
		{"single column", "Nome\nMaria\n", ';'},
	}
	for _, tt := range tests {
		if got := detectDelimiter([]byte(tt.sample), false, false); got != tt.want {
			t.Errorf("%s: delimiter %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFormatKind(t *testing.T) {
	for code, want := range map[string]cellKind{
		"dd/mm/yyyy": kindDate, "d-mmm-yy": kindDate, "mmmm yyyy": kindDate, `[$-410]dddd d mmmm yyyy`: kindDate,
		"dd/mm/yyyy hh:mm": kindDateTime, "yyyy-mm-dd\"T\"hh:mm:ss": kindDateTime,
		"hh:mm": kindClock, "[h]:mm": kindClock, "[mm]:ss": kindClock, "h:mm AM/PM": kindClock,
		"#,##0.00": kindNumber, "0.00%": kindNumber, `#,##0.00 "€"`: kindNumber, "0.00E+00": kindNumber,
		"General": kindNumber, "@": kindNumber, `"giorni "0`: kindNumber, `[Red]#,##0;[Blue]-#,##0`: kindNumber,
	} {
		if got := formatKind(code); got != want {
			t.Errorf("formatKind(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestPlainNumber(t *testing.T) {
	for f, want := range map[float64]string{1234.5: "1234.5", 1.234: "1.2340", -12.345: "-12.3450", 0.1 + 0.2: "0.3",
		33091: "33091", 0.125: "0.125", 1234.567: "1234.567", 1e21: "1000000000000000000000"} {
		if got := plainNumber(f); got != want {
			t.Errorf("plainNumber(%v) = %q, want %q", f, got, want)
		}
	}
}

// A declared header row below the detection look-ahead is still found, and
// everything above it is title.
func TestHeaderRowBelowLookAhead(t *testing.T) {
	var b strings.Builder
	for i := range lookAhead + 10 {
		fmt.Fprintf(&b, "Nota di stampa %d\n", i+1)
	}
	b.WriteString("Data;Operatore;Minuti\n02/01/2025;Maria Rossi;30\n")
	p := filepath.Join(t.TempDir(), "lungo.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	at := lookAhead + 11
	r, err := Open(p, Options{HeaderRow: at})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rows, err := ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if h := r.Header(); h[0] != "Data" || r.Meta().HeaderLine != at || len(r.Meta().Title) != lookAhead+10 {
		t.Errorf("header %q at %d with %d title rows", h, r.Meta().HeaderLine, len(r.Meta().Title))
	}
	if len(rows) != 1 || rows[0].Line != at+1 || rows[0].Fields[1] != "Maria Rossi" {
		t.Errorf("rows = %v", rows)
	}
}
