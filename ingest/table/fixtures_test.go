package table

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var writeFixtures = flag.Bool("fixtures", false, "rewrite the files in testdata/ (go test ./ingest/table -run TestFixtures -fixtures)")

// The fixtures imitate real cartella exports. They are generated rather
// than typed so that their encodings are exact; the generated files are
// committed and are what the tests read.

const diarioCP1252 = "Comune di Santa Maria Capua Vetere;;;;;;\r\n" +
	"Elenco attività al 31/12/2025;;;;;;\r\n" +
	"\r\n" +
	"ID intervento;Data;Operatore;N. cartella;Tipo attività;Durata;Comune\r\n" +
	"A-001;02/01/2025;Niccolò Esposito;C-17;Colloquio in sede;1,5;Capua\r\n" +
	"A-002;02/01/2025 10:30;ROSSI MARIA;;Attività di comunità;0:45;Capua\r\n" +
	";;;;;;\r\n" +
	"A-003;03/01/2025;Rossi Maria;C-22;Visita domiciliare è urgente;90;Santa Maria Capua Vetere\r\n" +
	"Totale;;;;;3,75;\r\n"

// diarioMisto is a diario written in UTF-8 whose last rows were added by
// a program writing Windows-1252 (the bytes \xe8 \xe0 are «è» «à» there):
// the first 64 KiB are UTF-8, so the file is read as UTF-8 and every
// record holding a line that is not is rejected whole — one rejection per
// record, however many lines its note spans.
func diarioMisto() string {
	var b strings.Builder
	b.WriteString("ID intervento;Data;Operatore;N. cartella;Tipo attività;Durata;Comune;Note\n")
	for i := 1; i <= 1200; i++ {
		fmt.Fprintf(&b, "A-%04d;02/01/2025;Niccolò Esposito;C-17;Attività di comunità;1,5;Capua;\n", i)
	}
	b.WriteString("B-0001;03/01/2025;Rossi Maria;C-22;Visita domiciliare;90;Capua;urgenza perch\xe8 sola\n" + // line 1202: one line
		"B-0002;03/01/2025;Rossi Maria;C-22;Visita domiciliare;90;Capua;\"nota perch\xe8\nsu due righe\"\n" + // 1203-1204: opens on it
		"B-0003;03/01/2025;Rossi Maria;C-22;Visita domiciliare;90;Capua;\"nota\ncontinua l\xe0\"\n" + // 1205-1206: closes on it
		"B-0004;03/01/2025;Rossi Maria;C-22;Visita domiciliare;90;Capua;\"prima\nseconda l\xe0\nterza\"\n" + // 1207-1209: in the middle
		"B-0005;04/01/2025;Rossi Maria;C-22;Visita domiciliare;90;Capua;\"nota già\nsu due righe\"\n" + // 1210-1211: UTF-8, a row
		"B-0006;04/01/2025;Rossi Maria;C-22;Visita domiciliare;90;Capua;ok\n") // 1212
	return b.String()
}

const cartelleBOM = "\uFEFF" + "N. cartella,Data apertura,Area di utenza,Note,Quota\n" +
	"C-17,15/03/2024,Minori e famiglie,\"Segnalazione del Tribunale, \"\"urgente\"\"\",50%\n" +
	"C-22,01/04/2024,Anziani,\"Prima riga\nseconda riga\nterza riga\",\"1.234,5\"\n" +
	"C-30,2024-05-06,Disabili,,0,5\n"

const diarioUTF16 = "Data\tOperatore\tTipo prestazione\tMinuti\r\n" +
	"07/01/2025\tGiulia Bianchi\tSegretariato sociale\t30\r\n" +
	"08/01/2025\tGiulia Bianchi\tRiunione d'équipe\t60\r\n"

const personalePipe = "Operatore|Qualifica|Ore settimanali|Contratto|Comune|Quota\n" +
	"Maria Rossi|Assistente sociale|36|Indeterminato|Capua|50%\n" +
	"Maria Rossi|Assistente sociale|36|Indeterminato|Grazzanise|50%\n" +
	"Luca Verdi|Educatore|18|Determinato|Capua|100\n" +
	"\n" +
	"TOTALE GENERALE||90||\n"

const popolazioneTSV = "Popolazione residente al 1° gennaio\t\t\n" +
	"Fonte: ISTAT\t\t\n" +
	"Codice Istat\tComune\tResidenti\n" +
	"061017\tCapua\t18.053\n" +
	"061043\tGrazzanise\t6.812\n" +
	"Totali\t\t24.865\n"

func TestFixtures(t *testing.T) {
	if !*writeFixtures {
		t.Skip("run with -fixtures to rewrite testdata/")
	}
	cp, err := charmap.Windows1252.NewEncoder().String(diarioCP1252)
	if err != nil {
		t.Fatal(err)
	}
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(diarioUTF16)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"diario_cp1252.csv":   cp,
		"cartelle_bom.csv":    cartelleBOM,
		"diario_utf16.txt":    u16,
		"personale_pipe.csv":  personalePipe,
		"popolazione_tab.tsv": popolazioneTSV,
		"diario_misto.csv":    diarioMisto(),
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join("testdata", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := writeDiarioXLSX(filepath.Join("testdata", "diario.xlsx")); err != nil {
		t.Fatal(err)
	}
}

// writeDiarioXLSX makes a workbook whose second sheet is a diario with a
// merged title, date cells in three formats, a duration cell, a merged
// operator over two rows, an emptied row and a totals row; a third sheet
// lists cartelle under a merged header.
func writeDiarioXLSX(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Riepilogo"); err != nil {
		return err
	}
	if err := f.SetCellValue("Riepilogo", "A1", "Vedere il foglio Diario"); err != nil {
		return err
	}
	const s = "Diario"
	if _, err := f.NewSheet(s); err != nil {
		return err
	}
	dmy := "dd/mm/yyyy"
	dateStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &dmy})
	builtinDate, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	stamp := "dd/mm/yyyy hh:mm"
	stampStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &stamp})
	hm := "[h]:mm"
	durStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &hm})
	money, _ := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	set := func(cell string, v any, style int) {
		f.SetCellValue(s, cell, v)
		if style != 0 {
			f.SetCellStyle(s, cell, cell, style)
		}
	}
	set("A1", "Comune di Capua, elenco attività al 31/12/2025", 0)
	f.MergeCell(s, "A1", "G1")
	for i, h := range []string{"ID intervento", "Data", "Operatore", "N. cartella", "Tipo attività", "Durata", "Costo"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		set(cell, h, 0)
	}
	// Row 4: custom dd/mm/yyyy date, [h]:mm duration of 1 h 30.
	set("A4", "A-101", 0)
	set("B4", 45659, dateStyle) // 02/01/2025
	set("C4", "Maria Rossi", 0)
	f.MergeCell(s, "C4", "C5")
	set("D4", "C-17", 0)
	set("E4", "Colloquio", 0)
	set("F4", 0.0625, durStyle)
	set("G4", 1234.5, money)
	// Row 5: built-in date format 14; operator comes from the merge above.
	set("A5", "A-102", 0)
	set("B5", 45660, builtinDate)
	set("D5", "C-18", 0)
	set("E5", "Visita domiciliare", 0)
	set("F5", 0.5/24, durStyle)
	set("G5", 1.234, 0)
	// Row 6 emptied: a cell that once held text.
	set("A6", "", 0)
	// Row 7: date and time; a plain text date.
	set("A7", "A-103", 0)
	set("B7", 45661.4375, stampStyle) // 04/01/2025 10:30
	set("C7", "Luca Verdi", 0)
	set("E7", "Tavolo di rete", 0)
	set("F7", "01:15", 0)
	set("G7", 33091, 0)
	set("A8", "A-104", 0)
	set("B8", "05/01/2025", 0)
	set("C8", "Luca Verdi", 0)
	set("E8", "Formazione", 0)
	set("F8", 2, 0)
	// Row 10: totals.
	set("E10", "Totale", 0)
	set("F10", 0.1875, durStyle)
	set("G10", 34327.734, 0)
	if err := writeCartelleSheet(f); err != nil {
		return err
	}
	f.SetActiveSheet(1)
	return f.SaveAs(path)
}

// writeCartelleSheet adds a sheet whose header has a cell merged over two
// columns and whose data has a value merged across columns and down rows.
func writeCartelleSheet(f *excelize.File) error {
	const s = "Cartelle"
	if _, err := f.NewSheet(s); err != nil {
		return err
	}
	rows := [][]any{
		{"Elenco cartelle al 31/12/2025"},
		{"N. cartella", "Periodo", nil, "Area di utenza", "Operatore referente"},
		{"C-17", "15/03/2024", "", "Minori e famiglie", "Maria Rossi"},
		{"C-22", "01/04/2024", "30/09/2025", "Anziani", nil},
		{"C-30", "06/05/2024", "", "Non classificata", nil},
		{"TOTALE GENERALE", 3},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(s, cell, &r); err != nil {
			return err
		}
	}
	for _, m := range [][2]string{{"A1", "E1"}, {"B2", "C2"}, {"E3", "E5"}, {"C5", "D5"}} {
		if err := f.MergeCell(s, m[0], m[1]); err != nil {
			return err
		}
	}
	return nil
}
