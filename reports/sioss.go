package reports

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/sioss"
)

// The annual L. 178/2020 return (carico sioss) as a workbook and as a
// printable page, laid out like the Ministry's prospetto: the figures of
// the Ambito, the comuni, one row per contract period of each social
// worker, the reconciliation with the snapshot at 31 December, the checks
// and the calendar. Names are in it: it is for the Ufficio di Piano and
// the responsabile.

// SiossLine is one line of the prospetto: a figure, its value as text and
// as a number (for the workbook), and how it is obtained.
type SiossLine struct {
	Label  string
	Value  string
	Num    float64
	Format string // Excel number format; "" for text
	Note   string
}

// SiossLines are the prospetto's figures, the same for the workbook, the
// page and the PDF.
func SiossLines(r sioss.Return) []SiossLine {
	fte, eur := "#,##0.0000", `#,##0 "€"`
	per := "—"
	if r.ResidentsPerFTE != nil {
		per = "1:" + italian.Number(*r.ResidentsPerFTE, 0)
	}
	assumed := "nessuno: datore di lavoro e servizio registrati per tutti"
	if r.FTEAssumed > 0 {
		assumed = "di questi, " + italian.Number(r.FTEAssumed, 4) + " FTE contati supponendo un datore di lavoro o un servizio che il ruolino non indica"
	}
	return []SiossLine{
		{"Anno di riferimento", fmt.Sprint(r.Year), float64(r.Year), "0", "Da inserire in SIOSS entro il " + r.Calendar[0].Date + "."},
		{"Residenti dell'Ambito", italian.Count(r.Residents), float64(r.Residents), "#,##0",
			fmt.Sprintf("Residenti al 1° gennaio %d che carico ha (%s): è la popolazione importata, non necessariamente quella che usa il Ministero; confrontarla con quella indicata in SIOSS.", r.ResidentsYear, r.ResidentsSource)},
		{"FTE dell'anno: assistenti sociali a tempo indeterminato che contano", italian.Number(r.FTEYear, 4), r.FTEYear, fte,
			"Per ogni periodo di contratto: giorni di calendario in servizio nell'anno ÷ giorni dell'anno × ore settimanali ÷ ore del tempo pieno; " + assumed + "."},
		{"Residenti per FTE dell'anno", per, 0, "", "Livello essenziale 1:5.000, obiettivo di servizio 1:4.000 (L. 178/2020, art. 1 c. 797)."},
		{"FTE oltre 1:6.500 fino a 1:5.000", italian.Number(r.FTEAbove6500, 4), r.FTEAbove6500, fte,
			fmt.Sprintf("FTE dell'anno oltre i %s necessari per 1:6.500, fino ai %s di 1:5.000; 40.000 € l'uno.", italian.Number(r.LEPS.FTEAtFloor, 4), italian.Number(r.LEPS.FTEAtEssential, 4))},
		{"FTE oltre 1:5.000 fino a 1:4.000", italian.Number(r.FTEAbove5000, 4), r.FTEAbove5000, fte,
			fmt.Sprintf("FTE dell'anno oltre i %s di 1:5.000, fino ai %s di 1:4.000; 20.000 € l'uno.", italian.Number(r.LEPS.FTEAtEssential, 4), italian.Number(r.LEPS.FTEAtTarget, 4))},
		{"Contributo dell'anno", "€ " + italian.Number(r.ContributionEUR, 0), r.ContributionEUR, eur,
			"40.000 € × FTE oltre 1:6.500 + 20.000 € × FTE oltre 1:5.000, arrotondato all'euro (L. 178/2020, art. 1 c. 797; DM 4 febbraio 2021)."},
		{"FTE alla data del " + r.SnapshotDate + " (fotografia)", italian.Number(r.FTESnapshot, 4), r.FTESnapshot, fte,
			"Assistenti sociali a tempo indeterminato in servizio quel giorno, ore ÷ tempo pieno: è il dato delle viste alla data di riferimento, non quello da inserire in SIOSS."},
		{"Contributo calcolato sulla fotografia (non spettante)", "€ " + italian.Number(r.SnapshotContributionEUR, 0), r.SnapshotContributionEUR, eur,
			"Quanto si chiederebbe copiando in SIOSS il dato al 31 dicembre invece di quello dell'anno."},
		{fmt.Sprintf("Previsione %d: FTE", r.Forecast.Year), italian.Number(r.Forecast.FTE, 4), r.Forecast.FTE, fte,
			fmt.Sprintf("In servizio %s + assunzioni %s. %s", italian.Number(r.Forecast.FTEInService, 4), italian.Number(r.Forecast.FTEHires, 4), r.Forecast.Note)},
		{fmt.Sprintf("Previsione %d: contributo", r.Forecast.Year), "€ " + italian.Number(r.Forecast.ContributionEUR, 0), r.Forecast.ContributionEUR, eur,
			"Stessa regola, sulle FTE previste e sugli stessi residenti."},
	}
}

// ReadyText says whether the return can be sent.
func ReadyText(r sioss.Return) string {
	if r.Ready {
		return "Pronto: nessun controllo in sospeso."
	}
	return fmt.Sprintf("Non pronto: %d controlli da risolvere prima dell'inserimento in SIOSS.", len(r.Problems))
}

// WriteSiossWorkbook writes the return as an .xlsx workbook at path.
func WriteSiossWorkbook(path string, r sioss.Return, generated time.Time) error {
	f := excelize.NewFile()
	defer f.Close()
	w := &siossBook{f: f, styles: map[string]int{}}
	if err := w.makeStyles(); err != nil {
		return err
	}
	steps := []func(sioss.Return, time.Time) error{w.prospetto, w.comuni, w.people, w.reconciliation, w.checks}
	for _, step := range steps {
		if err := step(r, generated); err != nil {
			return fmt.Errorf("cartella SIOSS: %w", err)
		}
	}
	f.DeleteSheet("Sheet1")
	f.SetActiveSheet(0)
	return writeFile(path, func(out io.Writer) error {
		_, err := f.WriteTo(out)
		return err
	})
}

type siossBook struct {
	f      *excelize.File
	styles map[string]int
}

func (w *siossBook) makeStyles() error {
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	defs := map[string]*excelize.Style{
		"title":  {Font: &excelize.Font{Bold: true, Size: 14}},
		"bold":   {Font: &excelize.Font{Bold: true}},
		"header": {Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2EC"}}, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}},
		"wrap":   {Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
	}
	for _, code := range []string{"0", "#,##0", "#,##0.0", "#,##0.0000", `#,##0 "€"`, "dd/mm/yyyy"} {
		c := code
		defs[code] = &excelize.Style{CustomNumFmt: &c, Alignment: &excelize.Alignment{Vertical: "top"}}
	}
	for name, st := range defs {
		id, err := w.f.NewStyle(st)
		if err != nil {
			return err
		}
		w.styles[name] = id
	}
	return nil
}

// cell writes v at column col (1-based), row row, with style.
func (w *siossBook) cell(sheet string, col, row int, v any, style string) error {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	if err := w.f.SetCellValue(sheet, ref, v); err != nil {
		return err
	}
	if style == "" {
		style = "wrap"
	}
	return w.f.SetCellStyle(sheet, ref, ref, w.styles[style])
}

// table writes a header at row top and the rows under it, freezes the
// header and sets the widths; each row's cells carry their style.
func (w *siossBook) table(sheet string, top int, header []string, widths []float64, rows [][]siossCell) error {
	for i, h := range header {
		if err := w.cell(sheet, i+1, top, h, "header"); err != nil {
			return err
		}
	}
	if err := w.f.SetRowHeight(sheet, top, 32); err != nil {
		return err
	}
	for r, row := range rows {
		lines := 1
		for c, x := range row {
			if err := w.cell(sheet, c+1, top+1+r, x.v, x.style); err != nil {
				return err
			}
			if s, ok := x.v.(string); ok && c < len(widths) {
				lines = max(lines, wrappedLines(s, int(widths[c]*1.1)))
			}
		}
		if err := w.f.SetRowHeight(sheet, top+1+r, 15*float64(lines)); err != nil {
			return err
		}
	}
	if err := w.printSetup(sheet, top); err != nil {
		return err
	}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := w.f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	return w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: top, TopLeftCell: fmt.Sprintf("A%d", top+1), ActivePane: "bottomLeft"})
}

// printSetup prints sheet on A4 landscape, one page wide, repeating the
// header row.
func (w *siossBook) printSetup(sheet string, header int) error {
	landscape, one, zero, a4 := "landscape", 1, 0, 9
	if err := w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, header, header), Scope: sheet})
}

type siossCell struct {
	v     any
	style string
}

func stxt(s string) siossCell              { return siossCell{s, "wrap"} }
func snum(f float64, fmt string) siossCell { return siossCell{f, fmt} }

func (w *siossBook) prospetto(r sioss.Return, generated time.Time) error {
	const sheet = "Prospetto"
	if _, err := w.f.NewSheet(sheet); err != nil {
		return err
	}
	if err := w.cell(sheet, 1, 1, fmt.Sprintf("Contributo L. 178/2020 — assistenti sociali a tempo indeterminato, anno %d", r.Year), "title"); err != nil {
		return err
	}
	if err := w.cell(sheet, 1, 2, ReadyText(r)+" Prodotto da carico il "+italian.Date(generated)+".", "bold"); err != nil {
		return err
	}
	var rows [][]siossCell
	for _, l := range SiossLines(r) {
		v := stxt(l.Value)
		if l.Format != "" {
			v = snum(l.Num, l.Format)
		}
		rows = append(rows, []siossCell{stxt(l.Label), v, stxt(l.Note)})
	}
	top := 4
	if err := w.table(sheet, top, []string{"Voce", "Valore", "Come si ottiene"}, []float64{46, 16, 90}, rows); err != nil {
		return err
	}
	return nil
}

func (w *siossBook) comuni(r sioss.Return, _ time.Time) error {
	const sheet = "Comuni"
	if _, err := w.f.NewSheet(sheet); err != nil {
		return err
	}
	var rows [][]siossCell
	for _, c := range r.Comuni {
		per := stxt("—")
		if c.ResidentsPerFTE != nil {
			per = snum(*c.ResidentsPerFTE, "#,##0")
		}
		year := stxt("mancanti")
		if c.ResidentsYear > 0 {
			year = snum(float64(c.ResidentsYear), "0")
		}
		rows = append(rows, []siossCell{stxt(c.Name), stxt(c.ISTAT), snum(float64(c.Residents), "#,##0"), year,
			snum(c.FTEYear, "#,##0.0000"), snum(c.FTESnapshot, "#,##0.0000"), per})
	}
	rows = append(rows, []siossCell{stxt("Ambito"), stxt(""), snum(float64(r.Residents), "#,##0"), snum(float64(r.ResidentsYear), "0"),
		snum(r.FTEYear, "#,##0.0000"), snum(r.FTESnapshot, "#,##0.0000"), snum(deref(r.ResidentsPerFTE), "#,##0")})
	return w.table(sheet, 1, []string{"Comune", "Codice ISTAT", "Residenti", "Residenti al 1° gennaio", "FTE dell'anno", "FTE al " + r.SnapshotDate,
		"Residenti per FTE dell'anno"}, []float64{26, 12, 12, 12, 13, 13, 14}, rows)
}

func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

func (w *siossBook) people(r sioss.Return, _ time.Time) error {
	const sheet = "Persone"
	if _, err := w.f.NewSheet(sheet); err != nil {
		return err
	}
	var rows [][]siossCell
	for _, p := range r.People {
		for _, pr := range p.Periods {
			rows = append(rows, []siossCell{stxt(p.ID), stxt(p.Name), stxt(pr.Start), stxt(pr.Until()), snum(float64(pr.Days), "#,##0"),
				snum(pr.WeeklyHours, "#,##0.0"), stxt(pr.Contract), stxt(pr.Employer), stxt(pr.Comuni), snum(pr.FTE, "#,##0.0000"), stxt(pr.Counts()), stxt(pr.Note())})
		}
	}
	if err := w.table(sheet, 1, []string{"Matricola", "Cognome e nome", "Dal", "Al", "Giorni nell'anno", "Ore settimanali", "Contratto",
		"Datore di lavoro", "Comuni", "FTE del periodo", "Conta", "Motivo"}, []float64{11, 24, 11, 11, 9, 9, 18, 26, 30, 11, 7, 50}, rows); err != nil {
		return err
	}
	note := fmt.Sprintf("FTE del periodo = giorni in servizio nell'anno ÷ %d × ore settimanali ÷ ore del tempo pieno. Totale FTE che contano: %s.",
		sioss.DaysInYear(r.Year), italian.Number(r.FTEYear, 4))
	return w.cell(sheet, 1, len(rows)+3, note, "bold")
}

func (w *siossBook) reconciliation(r sioss.Return, _ time.Time) error {
	const sheet = "Riconciliazione"
	if _, err := w.f.NewSheet(sheet); err != nil {
		return err
	}
	var rows [][]siossCell
	for _, d := range r.Reconciliation {
		rows = append(rows, []siossCell{stxt(d.ID), stxt(d.Name), snum(d.FTEYear, "#,##0.0000"), snum(d.FTESnapshot, "#,##0.0000"), snum(d.Difference, "#,##0.0000"), stxt(d.Reason)})
	}
	rows = append(rows, []siossCell{stxt("Totale"), stxt(""), snum(r.FTEYear, "#,##0.0000"), snum(r.FTESnapshot, "#,##0.0000"), snum(r.FTEYear-r.FTESnapshot, "#,##0.0000"),
		stxt("Le persone non elencate hanno le stesse FTE nell'anno e al " + r.SnapshotDate + ".")})
	return w.table(sheet, 1, []string{"Matricola", "Cognome e nome", "FTE dell'anno", "FTE al " + r.SnapshotDate, "Differenza", "Motivo"},
		[]float64{11, 24, 13, 13, 12, 80}, rows)
}

func (w *siossBook) checks(r sioss.Return, _ time.Time) error {
	const sheet = "Controlli e scadenze"
	if _, err := w.f.NewSheet(sheet); err != nil {
		return err
	}
	rows := [][]siossCell{{stxt("Stato"), stxt(ReadyText(r))}}
	for _, p := range r.Problems {
		rows = append(rows, []siossCell{stxt("Da risolvere"), stxt(p)})
	}
	for _, c := range r.Calendar {
		rows = append(rows, []siossCell{stxt(c.Date), stxt(c.What)})
	}
	return w.table(sheet, 1, []string{"Voce", "Descrizione"}, []float64{16, 110}, rows)
}

//go:embed sioss.html
var siossPage string

var siossTemplate = template.Must(template.New("sioss").Funcs(template.FuncMap{
	"fte":   func(f float64) string { return italian.Number(f, 4) },
	"count": func(n int) string { return italian.Count(n) },
	"hours": func(f float64) string { return italian.Number(f, 1) },
	"per": func(p *float64) string {
		if p == nil {
			return "—"
		}
		return "1:" + italian.Number(*p, 0)
	},
}).Parse(siossPage))

// SiossHTML is the return as a self-contained page, to print as PDF.
func SiossHTML(r sioss.Return, generated time.Time) ([]byte, error) {
	var b bytes.Buffer
	err := siossTemplate.Execute(&b, map[string]any{"R": r, "Lines": SiossLines(r), "Ready": ReadyText(r),
		"Generated": italian.Date(generated), "DaysInYear": sioss.DaysInYear(r.Year)})
	return b.Bytes(), err
}
