package sampledata

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/carico/carico/internal/xlsxfile"
	"github.com/xuri/excelize/v2"
)

// excelSerial is the Excel serial number of a date (1900 date system).
func excelSerial(t time.Time) int {
	return int(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// xlDate is a date cell: its serial number, or empty.
func xlDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return excelSerial(t)
}

// writeCases writes vendor B's workbook: sheet "Cartelle" with two title
// rows, a blank row, the header, one row per cartella with date-typed cells
// and a totals row; sheet "Assegnazioni" with the assignment history. The
// document properties are fixed so that the bytes are reproducible.
func (a *Ambito) writeCases(path string) error {
	base := filepath.Base(path)
	f := excelize.NewFile()
	defer f.Close()
	const sheet, asgSheet = "Cartelle", "Assegnazioni"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(asgSheet); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "Cartella Sociale Web (fornitore fittizio)", LastModifiedBy: "Cartella Sociale Web",
		Created: "2026-01-07T09:00:00Z", Modified: "2026-01-07T09:00:00Z",
		Title: "Elenco cartelle al " + itDate(a.RefDate), Language: "it-IT",
	}); err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("dd/mm/yyyy")})
	if err != nil {
		return err
	}
	boldStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}

	header := []any{"ID cartella", "Cognome", "Nome", "Codice fiscale", "Data di nascita", "Comune di residenza", "Quartiere",
		"Area di utenza", "Complessità", "Iniziativa", "Data istanza", "Data decisione", "Data apertura", "Data chiusura",
		"Motivo chiusura", "Assistente sociale"}
	set := func(sh string, row int, vals []any) error {
		for i, v := range vals {
			if v == "" {
				vals[i] = nil // an empty cell, not an empty string
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		return f.SetSheetRow(sh, cell, &vals)
	}
	if err := set(sheet, 1, []any{ambitoName + " — Servizio sociale"}); err != nil {
		return err
	}
	if err := set(sheet, 2, []any{"Elenco cartelle al " + itDate(a.RefDate)}); err != nil {
		return err
	}
	for _, r := range []string{"A1:P1", "A2:P2"} {
		if err := f.MergeCell(sheet, r[:2], r[3:]); err != nil {
			return err
		}
	}
	if err := set(sheet, 4, header); err != nil {
		return err
	}
	if err := f.SetRowStyle(sheet, 4, 4, boldStyle); err != nil {
		return err
	}

	people := map[string]*Citizen{}
	for i := range a.Citizens {
		people[a.Citizens[i].CF] = &a.Citizens[i]
	}
	row := 5
	drawn := len(a.Cases) - a.plantedCases
	badAt := map[int]int{drawn / 3: 1, 2 * drawn / 3: 2}
	for i, c := range a.Cases {
		p := people[c.Person]
		holder := ""
		if c.OperatorID != "" { // empty for a cartella never assigned
			s := a.opSpec(c.OperatorID)
			holder = s.name + " " + s.surname
		}
		vals := []any{atoi(c.ID), p.Surname, p.Name, p.CF, xlDate(p.BirthDate), a.comuneName(c.ISTAT), c.Zone, areaLabelOf(c),
			complexityVendor[c.Complexity], vendorLabel(initVendor, c.Initiative, c.ID), xlDate(c.Application), xlDate(c.Decision),
			xlDate(c.Opened), xlDate(c.Closed), closeLabelOf(c), holder}
		if n, ok := badAt[i]; ok {
			// A cartella whose codice fiscale was mistyped: the check character is wrong.
			bad := append([]any(nil), vals...)
			sur, name := surnamesIT[(i*7)%len(surnamesIT)], namesF[(i*3)%len(namesF)]
			cf := codiceFiscale(sur, name, 'F', p.BirthDate, "A794")
			cf = cf[:15] + string('A'+(cf[15]-'A'+1)%26)
			bad[0], bad[1], bad[2], bad[3] = 90000+n, sur, name, cf
			if err := set(sheet, row, bad); err != nil {
				return err
			}
			a.Bad = append(a.Bad, BadRow{File: base, Sheet: sheet, Line: row, Column: "Codice fiscale", Value: cf,
				Problem: "codice fiscale with a wrong check character"})
			row++
		}
		if err := set(sheet, row, vals); err != nil {
			return err
		}
		row++
	}
	last := row - 1
	for _, col := range []string{"E", "K", "L", "M", "N"} {
		if err := f.SetCellStyle(sheet, col+"5", fmt.Sprint(col, last), dateStyle); err != nil {
			return err
		}
	}
	total := fmt.Sprintf("Totale cartelle: %d", last-4)
	if err := set(sheet, row, []any{total}); err != nil {
		return err
	}
	if err := f.SetRowStyle(sheet, row, row, boldStyle); err != nil {
		return err
	}
	a.Bad = append(a.Bad, BadRow{File: base, Sheet: sheet, Line: row, Column: "ID cartella", Value: total, Problem: "totals row", Skipped: true})
	widths := map[string]float64{"A": 11, "B": 16, "C": 14, "D": 19, "F": 22, "H": 34, "J": 30, "O": 32, "P": 22}
	for _, col := range []string{"A", "B", "C", "D", "F", "H", "J", "O", "P"} {
		if err := f.SetColWidth(sheet, col, col, widths[col]); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sheet, "E", "E", 13); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "K", "N", 13); err != nil {
		return err
	}

	// Assignment history.
	if err := set(asgSheet, 1, []any{"Storico assegnazioni delle cartelle al " + itDate(a.RefDate)}); err != nil {
		return err
	}
	if err := set(asgSheet, 3, []any{"ID cartella", "Operatore", "Dal", "Al"}); err != nil {
		return err
	}
	if err := f.SetRowStyle(asgSheet, 3, 3, boldStyle); err != nil {
		return err
	}
	row = 4
	for _, c := range a.Cases {
		for _, as := range c.Assignments {
			s := a.opSpec(as.OperatorID)
			if err := set(asgSheet, row, []any{atoi(c.ID), s.name + " " + s.surname, xlDate(as.From), xlDate(as.To)}); err != nil {
				return err
			}
			row++
		}
	}
	if err := f.SetCellStyle(asgSheet, "C4", fmt.Sprint("D", row-1), dateStyle); err != nil {
		return err
	}
	if err := f.SetColWidth(asgSheet, "A", "D", 20); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return xlsxfile.Save(f, path)
}

func ptr[T any](v T) *T { return &v }

func atoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}
