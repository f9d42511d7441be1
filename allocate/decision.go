package allocate

import (
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/csvsafe"
	"github.com/carico/carico/internal/italian"
	"github.com/xuri/excelize/v2"
)

// Decision is an allocation the responsabile recorded from the queue: who
// decided, when, to whom and why. carico never writes into the cartella
// software; the decision waits there until a cartelle import shows it.
type Decision struct {
	ID         int64     `json:"id"`
	Operator   string    `json:"operator"`
	Name       string    `json:"operator_name"`
	Reason     string    `json:"reason"`
	Note       string    `json:"note,omitempty"`
	LoadBefore *float64  `json:"load_before"`
	LoadAfter  *float64  `json:"load_after"`
	By         string    `json:"decided_by"`
	At         time.Time `json:"decided_at"`
}

// Reasons are the recorded reasons of a choice, with their Italian names;
// «altro» needs the free text.
var Reasons = []struct{ Key, Label string }{
	{"continuita", "Continuità con la persona o il nucleo"},
	{"capacita", "Carico più sostenibile dopo l'assegnazione"},
	{"territorio", "Opera nel comune o nella zona"},
	{"competenza", "Competenza specifica per il caso"},
	{"urgenza", "Urgenza: disponibilità immediata"},
	{"altro", "Altro (specificare)"},
}

// ReasonLabel is the Italian name of a reason key.
func ReasonLabel(key string) string {
	for _, r := range Reasons {
		if r.Key == key {
			return r.Label
		}
	}
	return key
}

// CheckDecision says in Italian what is missing from a decision before it
// is recorded: the operator, a reason of the list, the text for «altro».
func CheckDecision(operator, reason, note string, team []Worker) error {
	known := false
	for _, w := range team {
		known = known || w.ID == operator
	}
	switch {
	case operator == "":
		return fmt.Errorf("indicare a chi si assegna la cartella")
	case !known:
		return fmt.Errorf("l'operatore %q non è tra gli assistenti sociali in servizio", operator)
	case ReasonLabel(reason) == reason:
		return fmt.Errorf("motivo %q non previsto: scegliere dall'elenco", reason)
	case reason == "altro" && note == "":
		return fmt.Errorf("con il motivo «altro» serve una spiegazione scritta")
	}
	return nil
}

// Mark attaches to each item the latest decision recorded on its
// cartella for the same need — a holder, or a decision on the istanza —
// so that a cartella still marked when it turns from «nuova» to «mai
// assegnata» keeps its mark. The item stays in the queue, marked, until a
// cartelle import gives the cartella a holder in service and it leaves.
func Mark(items []Item, ds []app.Decision) {
	latest := map[[2]string]app.Decision{}
	for _, d := range ds {
		latest[[2]string{d.CaseID, need(d.Kind)}] = d
	}
	for i := range items {
		if d, ok := latest[[2]string{items[i].Cartella, need(items[i].Kind)}]; ok {
			items[i].Decision = &Decision{ID: d.ID, Operator: d.Operator, Name: d.OperatorName, Reason: d.Reason, Note: d.Note,
				LoadBefore: d.LoadBefore, LoadAfter: d.LoadAfter, By: d.By, At: d.At}
		}
	}
}

// need is what an item of kind waits for: a decision on the istanza, or
// a holder for the cartella.
func need(kind string) string {
	if kind == KindIstanza {
		return KindIstanza
	}
	return "titolare"
}

// decisionRows are the header and one row per decision still waiting in
// the queue (the marked items): the cartella, the operator to assign it
// to, from the day of the decision, and who decided, when and why.
func decisionRows(items []Item) [][]string {
	rows := [][]string{{"numero_cartella", "codice_operatore", "operatore", "data_assegnazione", "motivo", "nota", "deciso_da", "deciso_il"}}
	for _, it := range items {
		d := it.Decision
		if d == nil {
			continue
		}
		rows = append(rows, []string{it.Number(), d.Operator, d.Name, italian.Date(d.At.In(italian.Rome)), ReasonLabel(d.Reason), d.Note, d.By,
			d.At.In(italian.Rome).Format("02/01/2006 15:04")})
	}
	return rows
}

// WriteDecisionsCSV writes the decisions still waiting in the queue for
// the cartella software, one row per cartella (decisionRows). The file
// holds case numbers in clear, as the cartella software needs them: it
// stays inside the service (docs/import.md).
func WriteDecisionsCSV(w io.Writer, items []Item) error {
	cw := csvsafe.NewWriter(w)
	for _, r := range decisionRows(items) {
		cw.Write(r)
	}
	return cw.Flush()
}

// WriteDecisionsXLSX writes the same rows as WriteDecisionsCSV as an Excel
// workbook (every cell text, so nothing in it is run as a formula).
func WriteDecisionsXLSX(w io.Writer, items []Item) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Assegnazioni"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	rows := decisionRows(items)
	width := make([]int, len(rows[0]))
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, v := range r {
			cells[j] = v
			width[j] = max(width[j], utf8.RuneCountInString(v))
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &cells); err != nil {
			return err
		}
	}
	// Whoever opens it reads every cell whole: each column as wide as its
	// longest cell up to maxWidth, a longer one (a written explanation)
	// wrapped onto more lines; the header bold and kept in view.
	const maxWidth = 60
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	top, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	for j, n := range width {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(sheet, col, col, float64(min(max(n, 8), maxWidth)+2)); err != nil {
			return err
		}
		if len(rows) < 2 {
			continue
		}
		style := top
		if n > maxWidth {
			style = wrap
		}
		if err := f.SetCellStyle(sheet, col+"2", fmt.Sprintf("%s%d", col, len(rows)), style); err != nil {
			return err
		}
	}
	// A row holding a wrapped cell is as tall as its lines (spreadsheets
	// do not grow a row on opening), a tenth more for the breaks between
	// words.
	for i, r := range rows[1:] {
		lines := 1
		for _, v := range r {
			lines = max(lines, (utf8.RuneCountInString(v)*11/10+maxWidth-1)/maxWidth)
		}
		if lines > 1 {
			if err := f.SetRowHeight(sheet, i+2, 15*float64(lines)); err != nil {
				return err
			}
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := f.SetRowStyle(sheet, 1, 1, bold); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// Printed, a decision is one line of one page's width.
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func ptr[T any](v T) *T { return &v }
