package weights

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/internal/xlsxfile"
	"github.com/xuri/excelize/v2"
)

// PanelSheet is the name of the panel's worksheet, in its own workbook and
// in the responsabile's report.
const PanelSheet = "Pannello pesi"

// Panelists is how many "adequate time" columns the worksheet offers.
const Panelists = 6

// Column headers of the panel worksheet; ReadPanel finds the columns by
// these names, so the sheet may be moved, sorted or copied into another
// workbook.
const (
	colArea       = "Codice area"
	colComplexity = "Complessità"
	colAdequate   = "Tempo adeguato" // prefix: one column per participant
	colReasons    = "Motivazioni"
	colSource     = "Origine del peso calibrato"
)

// PanelColumns is the header row of the panel worksheet.
func PanelColumns() []string {
	cols := []string{"Area di utenza", colArea, colComplexity, "Cartelle", "Ore osservate per cartella-anno",
		"Intervallo 90 %: da", "Intervallo 90 %: a", "Peso standard", "Peso calibrato (proposta)"}
	for i := 1; i <= Panelists; i++ {
		cols = append(cols, fmt.Sprintf("%s (ore/anno), partecipante %d", colAdequate, i))
	}
	return append(cols, colReasons, colSource)
}

// PanelRows is one row per cell: the figures the panel judges, and empty
// cells for the adequate time and the reasons.
func (cal *Calibration) PanelRows() [][]any {
	var rows [][]any
	for _, c := range cal.Cells {
		r := []any{c.Area.Label(), string(c.Area), carico.ComplexityLabel(c.Complexity), c.Cartelle, opt(c.Observed), opt(c.Low), opt(c.High), c.Standard, round1(c.Weight)}
		for range Panelists {
			r = append(r, nil)
		}
		rows = append(rows, append(r, nil, c.Note))
	}
	return rows
}

// PanelInstructions is what the worksheet tells the panel, one paragraph a line.
var PanelInstructions = []string{
	"Per ogni area di utenza e complessità: le ore di lavoro sul caso registrate nel diario per cartella-anno (una cartella aperta per un anno intero), con il loro intervallo al 90 %, il peso standard e la proposta calibrata.",
	"Ogni partecipante scrive nella sua colonna «Tempo adeguato» le ore all'anno che servono per seguire BENE una cartella di quel tipo (non quelle che oggi si riescono a dedicarle), e nella colonna «Motivazioni» le ragioni: attività che mancano, visite domiciliari, équipe, relazioni al Tribunale, tempi di spostamento.",
	"Una cella lasciata vuota da tutti mantiene la proposta calibrata. Il peso finale è la mediana delle risposte (metodo Delphi del National Center for State Courts): il responsabile lo legge con «carico weights --panel QUESTO_FILE».",
}

func opt(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

// WritePanel writes the panel worksheet as a workbook of its own.
func WritePanel(path string, cal *Calibration) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", PanelSheet); err != nil {
		return err
	}
	title := fmt.Sprintf("Pannello sui pesi delle cartelle: tempo osservato dal %s al %s e tempo adeguato", cal.From.Format("02/01/2006"), cal.To.Format("02/01/2006"))
	var err error // the first error of the cell writes
	set := func(cell string, v any) {
		if err == nil {
			err = f.SetCellValue(PanelSheet, cell, v)
		}
	}
	set("A1", title)
	for i, p := range PanelInstructions {
		set(fmt.Sprintf("A%d", 2+i), p)
	}
	header := 2 + len(PanelInstructions) + 1
	for j, h := range PanelColumns() {
		c, _ := excelize.CoordinatesToCellName(j+1, header)
		set(c, h)
	}
	for i, r := range cal.PanelRows() {
		for j, v := range r {
			if v != nil {
				c, _ := excelize.CoordinatesToCellName(j+1, header+1+i)
				set(c, v)
			}
		}
	}
	if err != nil {
		return fmt.Errorf("foglio del pannello: %w", err)
	}
	if err := f.SetColWidth(PanelSheet, "A", "A", 22); err != nil {
		return err
	}
	if err := f.SetColWidth(PanelSheet, "D", "O", 16); err != nil {
		return err
	}
	if err := f.SetColWidth(PanelSheet, "P", "Q", 60); err != nil {
		return err
	}
	if err := xlsxfile.Save(f, path); err != nil {
		return fmt.Errorf("salva %s: %w", path, err)
	}
	return nil
}

// Panel is what the panel wrote: for each cell, every participant's
// adequate time and the reasons given.
type Panel struct {
	Answers map[cellKey][]float64
	Reasons map[cellKey][]string
	Files   []string
}

type cellKey struct {
	area       carico.Area
	complexity int
}

// ReadPanel reads the panel worksheet of each file (a workbook written by
// WritePanel, or any workbook holding a sheet with the same headers).
func ReadPanel(paths ...string) (*Panel, error) {
	p := &Panel{Answers: map[cellKey][]float64{}, Reasons: map[cellKey][]string{}}
	for _, path := range paths {
		if err := p.read(path); err != nil {
			return nil, err
		}
		p.Files = append(p.Files, path)
	}
	return p, nil
}

func (p *Panel) read(path string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return fmt.Errorf("pannello %s: file non leggibile come cartella di lavoro Excel", path)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("pannello %s, foglio %s: %w", path, sheet, err)
		}
		// A number cell holds its value ("12.5"), a text cell what the
		// participant typed ("12,5", "1.250"), read the Italian way.
		number := func(row, col int, s string) (float64, error) {
			name, _ := excelize.CoordinatesToCellName(col+1, row+1)
			switch t, _ := f.GetCellType(sheet, name); t {
			case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
				return italian.ParseNumber(s)
			}
			return strconv.ParseFloat(s, 64)
		}
		for h, header := range rows {
			if slices.Contains(header, colArea) {
				return p.readRows(path, sheet, h, rows, number)
			}
		}
	}
	return fmt.Errorf("pannello %s: nessun foglio con la colonna «%s»", path, colArea)
}

func (p *Panel) readRows(path, sheet string, h int, rows [][]string, number func(row, col int, s string) (float64, error)) error {
	header := rows[h]
	area, cx, reasons := -1, -1, -1
	var adequate []int
	for j, name := range header {
		switch {
		case name == colArea:
			area = j
		case name == colComplexity:
			cx = j
		case name == colReasons:
			reasons = j
		case strings.HasPrefix(name, colAdequate):
			adequate = append(adequate, j)
		}
	}
	if cx < 0 || len(adequate) == 0 {
		return fmt.Errorf("pannello %s, foglio %s: mancano le colonne «%s» o «%s»", path, sheet, colComplexity, colAdequate)
	}
	cell := func(r []string, j int) string {
		if j >= 0 && j < len(r) {
			return strings.TrimSpace(r[j])
		}
		return ""
	}
	for i, r := range rows[h+1:] {
		line := h + 2 + i
		a := carico.Area(cell(r, area))
		if a == "" {
			continue
		}
		if !a.Valid() {
			return fmt.Errorf("pannello %s, foglio %s, riga %d: area di utenza sconosciuta %q", path, sheet, line, a)
		}
		k := cellKey{a, carico.ParseComplexity(cell(r, cx))}
		if k.complexity == 0 {
			return fmt.Errorf("pannello %s, foglio %s, riga %d: complessità %q non valida (bassa, media o alta)", path, sheet, line, cell(r, cx))
		}
		for _, j := range adequate {
			s := cell(r, j)
			if s == "" {
				continue
			}
			v, err := number(h+1+i, j, s)
			if err != nil || v < 0 || v > 2000 {
				return fmt.Errorf("pannello %s, foglio %s, riga %d, colonna «%s»: %q non è un numero di ore tra 0 e 2.000", path, sheet, line, header[j], s)
			}
			p.Answers[k] = append(p.Answers[k], v)
		}
		if s := cell(r, reasons); s != "" {
			p.Reasons[k] = append(p.Reasons[k], s)
		}
	}
	return nil
}

// Adjusted is one cell's panel weight.
type Adjusted struct {
	Cell
	Answers []float64 `json:"answers"`
	Panel   float64   `json:"panel_weight"` // the median of the answers, or the calibrated weight without answers
	Reasons []string  `json:"reasons"`
}

// Adjust takes, for each cell, the median of the panel's answers; a cell
// nobody answered keeps the calibrated weight.
func Adjust(cal *Calibration, p *Panel) []Adjusted {
	var out []Adjusted
	for _, c := range cal.Cells {
		k := cellKey{c.Area, c.Complexity}
		a := Adjusted{Cell: c, Answers: p.Answers[k], Reasons: p.Reasons[k], Panel: round1(c.Weight)}
		if len(a.Answers) > 0 {
			a.Panel = round1(median(a.Answers))
		}
		out = append(out, a)
	}
	return out
}

// PanelRowsTOML is the adjusted weights as rows of a weights file.
func PanelRowsTOML(adj []Adjusted) []Row {
	var rows []Row
	for _, a := range adj {
		comment := fmt.Sprintf("%s h: nessuna risposta del pannello, resta il peso calibrato (%s)", italian.Number(a.Panel, 1), a.Source)
		if n := len(a.Answers); n > 0 {
			vals := make([]string, n)
			for i, v := range a.Answers {
				vals[i] = italian.Number(v, 1)
			}
			comment = fmt.Sprintf("%s h, mediana di %d risposte (%s); osservate %s h, standard %s h", italian.Number(a.Panel, 1), n,
				strings.Join(vals, "; "), optText(a.Observed), italian.Number(a.Standard, 1))
		}
		rows = append(rows, Row{Area: a.Area, Complexity: a.Complexity, Weight: a.Panel, Comment: comment})
	}
	return rows
}

// PanelHeader is the comment at the top of the adjusted weights file.
func PanelHeader(cal *Calibration, p *Panel) []string {
	return []string{
		"Pesi delle cartelle rivisti dal pannello degli operatori del servizio (carico weights --panel).",
		fmt.Sprintf("Tempo osservato nel diario dal %s al %s; risposte lette da: %s.", cal.From.Format("02/01/2006"), cal.To.Format("02/01/2006"), strings.Join(p.Files, ", ")),
		"Peso = mediana del «tempo adeguato» indicato dai partecipanti per ciascuna area e complessità",
		"(fase di aggiustamento qualitativo, metodo Delphi, del carico ponderato del National Center for State Courts);",
		"una cella senza risposte mantiene il peso calibrato sulle ore osservate. Usare con carico metrics --config QUESTO_FILE.",
	}
}

func optText(v *float64) string {
	if v == nil {
		return "n.d."
	}
	return italian.Number(*v, 1)
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
