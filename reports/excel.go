package reports

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Number formats are written with the en-US codes of the file format;
// Excel and LibreOffice display them with the reader's locale, so "#,##0.0"
// shows as 1.234,5 on an Italian machine.
var numFmts = map[valueKind]string{
	kindCount:   "#,##0",
	kindDecimal: "#,##0.0",
	kindHours:   "#,##0.0",
	kindPercent: "0.0%",
	kindRatio:   "0.00",
	kindFTE:     "#,##0.00",
	kindEuro:    `#,##0 "€"`,
	kindDate:    "dd/mm/yyyy",
}

// Rows of a section sheet: title, introduction, header, data.
const (
	titleRow  = 1
	introRow  = 2
	headerRow = 3
)

// workbook renders a document as an .xlsx file.
type workbook struct {
	f      *excelize.File
	doc    *document
	styles map[string]int
	// helpers counts, per sheet, the hidden columns written for charts:
	// threshold values and category names that the table does not hold.
	helpers map[string]int
}

func writeWorkbook(path string, doc *document) error {
	w := &workbook{f: excelize.NewFile(), doc: doc, styles: map[string]int{}, helpers: map[string]int{}}
	defer w.f.Close()
	if err := w.build(); err != nil {
		return fmt.Errorf("cartella di lavoro %s: %w", path, err)
	}
	return writeFile(path, func(out io.Writer) error {
		_, err := w.f.WriteTo(out)
		return err
	})
}

func (w *workbook) build() error {
	if err := w.makeStyles(); err != nil {
		return err
	}
	if err := w.f.SetSheetName("Sheet1", "Sintesi"); err != nil {
		return err
	}
	if err := w.summary(); err != nil {
		return fmt.Errorf("Sintesi: %w", err)
	}
	for i := range w.doc.Sections {
		s := &w.doc.Sections[i]
		if _, err := w.f.NewSheet(s.Sheet); err != nil {
			return err
		}
		if err := w.sectionSheet(s); err != nil {
			return fmt.Errorf("%s: %w", s.Sheet, err)
		}
	}
	w.f.SetActiveSheet(0)
	w.italianCharts()
	created := w.doc.Generated.UTC().Format("2006-01-02T15:04:05Z")
	return w.f.SetDocProps(&excelize.DocProperties{
		Title:          w.doc.Title,
		Subject:        w.doc.Subtitle,
		Creator:        "carico",
		LastModifiedBy: "carico",
		Category:       "Carico di lavoro del servizio sociale",
		Keywords:       "carico di lavoro; servizio sociale; " + w.doc.Audience.String(),
		Description:    "Prodotto da carico a partire dai dati importati; fonti e metodo nel foglio «Metodo e fonti».",
		Language:       "it-IT",
		Created:        created,
		Modified:       created,
		Revision:       "1",
	})
}

// italianCharts sets the language of every chart to Italian: excelize
// writes en-US, and the language decides the decimal comma of the axes.
func (w *workbook) italianCharts() {
	w.f.Pkg.Range(func(k, v any) bool {
		name, _ := k.(string)
		b, ok := v.([]byte)
		if ok && strings.HasPrefix(name, "xl/charts/chart") {
			b = bytes.ReplaceAll(b, []byte(`val="en-US"`), []byte(`val="it-IT"`))
			b = bytes.ReplaceAll(b, []byte(`lang="en-US"`), []byte(`lang="it-IT"`))
			w.f.Pkg.Store(name, b)
		}
		return true
	})
}

func (w *workbook) makeStyles() error {
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	defs := map[string]*excelize.Style{
		"title":  {Font: &excelize.Font{Bold: true, Size: 14}},
		"intro":  {Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		"h2":     {Font: &excelize.Font{Bold: true, Size: 12}},
		"header": {Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2EC"}}, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}},
		"text":   {Alignment: &excelize.Alignment{Vertical: "top"}},
		"wrap":   {Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		"status": {Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}},
		"hidden": {Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}},
		"note":   {Font: &excelize.Font{Italic: true, Size: 9}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
	}
	for k, code := range numFmts {
		c := code
		defs[fmt.Sprint("num", k)] = &excelize.Style{CustomNumFmt: &c, Alignment: &excelize.Alignment{Vertical: "top"}}
	}
	for name, st := range defs {
		id, err := w.f.NewStyle(st)
		if err != nil {
			return fmt.Errorf("stile %s: %w", name, err)
		}
		w.styles[name] = id
	}
	return nil
}

// styleFor picks the style of a cell of kind k holding v.
func (w *workbook) styleFor(k valueKind, v value, wrap bool) int {
	switch {
	case v.Missing:
		return w.styles["hidden"]
	case k == kindStatus:
		return w.styles["status"]
	case k == kindText && wrap:
		return w.styles["wrap"]
	case k == kindText:
		return w.styles["text"]
	}
	return w.styles[fmt.Sprint("num", k)]
}

func (w *workbook) setValue(sheet, cell string, k valueKind, v value, wrap bool) error {
	var x any
	switch {
	case v.Missing, k == kindText, k == kindStatus:
		x = v.Text
	case k == kindDate:
		if v.Time.IsZero() {
			x = "—"
		} else {
			x = v.Time
		}
	default:
		x = v.Num
	}
	if err := w.f.SetCellValue(sheet, cell, x); err != nil {
		return err
	}
	return w.f.SetCellStyle(sheet, cell, cell, w.styleFor(k, v, wrap))
}

// summaryWidths are the Sintesi's columns: indicator, value, status, rule.
var summaryWidths = []float64{50, 16, 13, 90}

func (w *workbook) summary() error {
	const sheet = "Sintesi"
	f := w.f
	row := 1
	put := func(text, style string) error {
		cell := cellName(1, row)
		if err := f.SetCellValue(sheet, cell, text); err != nil {
			return err
		}
		if err := f.MergeCell(sheet, cell, cellName(4, row)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell, cell, w.styles[style]); err != nil {
			return err
		}
		if style == "intro" || style == "note" {
			// Merged cells do not grow with their text: size the row.
			if err := f.SetRowHeight(sheet, row, rowHeight([]string{text}, []float64{160}, nil)); err != nil {
				return err
			}
		}
		row++
		return nil
	}
	if err := put(w.doc.Title, "title"); err != nil {
		return err
	}
	if err := put(w.doc.Subtitle, "intro"); err != nil {
		return err
	}
	if err := put("Prodotto il "+w.doc.Generated.Format("02/01/2006")+" da carico.", "intro"); err != nil {
		return err
	}
	row++
	if len(w.doc.Letter) > 0 {
		if err := put(w.doc.LeadTitle, "h2"); err != nil {
			return err
		}
	}
	for _, p := range w.doc.Letter {
		if err := put(p, "intro"); err != nil {
			return err
		}
	}
	if s, c, ok := w.doc.leadChart(); ok {
		height, err := w.addChart(s, c, sheet, cellName(1, row))
		if err != nil {
			return fmt.Errorf("grafico %q: %w", c.Title, err)
		}
		// The rows under the chart get the default 15 points (20 px)
		// explicitly, so that every program leaves it the same room.
		for end := row + int(height)/20 + 3; row < end; row++ {
			if err := f.SetRowHeight(sheet, row, 15); err != nil {
				return err
			}
		}
	}
	if len(w.doc.Letter) > 0 {
		row++
	}
	headers := []string{"Indicatore", "Valore", "Stato", "Regola e fonte"}
	first := row
	for i, h := range headers {
		cell := cellName(i+1, row)
		if err := f.SetCellValue(sheet, cell, h); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell, cell, w.styles["header"]); err != nil {
			return err
		}
	}
	row++
	for _, h := range w.doc.Headline {
		if err := w.setValue(sheet, cellName(1, row), kindText, text(h.Label), true); err != nil {
			return err
		}
		if err := w.setValue(sheet, cellName(2, row), h.Kind, h.Value, false); err != nil {
			return err
		}
		if err := w.setValue(sheet, cellName(3, row), kindStatus, statusCell(h.Status), false); err != nil {
			return err
		}
		if err := w.setValue(sheet, cellName(4, row), kindText, text(h.Rule), true); err != nil {
			return err
		}
		if err := f.SetRowHeight(sheet, row, rowHeight([]string{h.Label, "", "", h.Rule}, summaryWidths, nil)); err != nil {
			return err
		}
		row++
	}
	if err := w.statusFormats(sheet, fmt.Sprintf("C%d:C%d", first+1, max(first+1, row-1))); err != nil {
		return err
	}
	row++
	for _, n := range w.doc.Notes {
		if err := put(n, "note"); err != nil {
			return err
		}
	}
	for col, width := range summaryWidths {
		c := cellName(col+1, 1)[:1]
		if err := f.SetColWidth(sheet, c, c, width); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: first, TopLeftCell: cellName(1, first+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return w.printSetup(sheet, first)
}

func (w *workbook) sectionSheet(s *section) error {
	f := w.f
	sheet := s.Sheet
	ncol := max(len(s.Table.Columns), 4)
	if err := f.SetCellValue(sheet, "A1", s.Title); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", w.styles["title"]); err != nil {
		return err
	}
	if err := f.SetCellValue(sheet, "A2", s.Intro); err != nil {
		return err
	}
	if err := f.MergeCell(sheet, "A2", cellName(ncol, introRow)); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A2", "A2", w.styles["intro"]); err != nil {
		return err
	}
	widths := w.fitWidths(s)
	if err := f.SetRowHeight(sheet, introRow, rowHeight([]string{s.Intro}, []float64{mergedWidth(widths, ncol)}, nil)); err != nil {
		return err
	}
	last, err := w.writeTable(sheet, headerRow, s.Table, widths)
	if err != nil {
		return err
	}
	row := last + 2
	for _, b := range s.More {
		if err := f.SetCellValue(sheet, cellName(1, row), b.Title); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellName(1, row), cellName(1, row), w.styles["h2"]); err != nil {
			return err
		}
		last, err := w.writeTable(sheet, row+1, b.Table, widths)
		if err != nil {
			return err
		}
		row = last + 2
	}
	for _, n := range s.Notes {
		cell := cellName(1, row)
		if err := f.SetCellValue(sheet, cell, n); err != nil {
			return err
		}
		if err := f.MergeCell(sheet, cell, cellName(ncol, row)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell, cell, w.styles["note"]); err != nil {
			return err
		}
		if err := f.SetRowHeight(sheet, row, rowHeight([]string{n}, []float64{mergedWidth(widths, ncol)}, nil)); err != nil {
			return err
		}
		row++
	}
	row++
	for i, c := range s.Charts {
		// A chart starts a printed page, so that no page cuts it in two.
		if err := f.InsertPageBreak(sheet, cellName(1, row)); err != nil {
			return err
		}
		height, err := w.addChart(s, c, sheet, cellName(1, row))
		if err != nil {
			return fmt.Errorf("grafico %d: %w", i+1, err)
		}
		row += int(height)/20 + 2 // rows below the table keep the default 20 px
	}
	for i, wd := range widths {
		c := colName(i + 1)
		if err := f.SetColWidth(sheet, c, c, wd); err != nil {
			return err
		}
	}
	if s.Filter && len(s.Table.Rows) > 0 {
		if err := f.AutoFilter(sheet, fmt.Sprintf("A%d:%s%d", headerRow, colName(len(s.Table.Columns)), last), nil); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: headerRow, XSplit: 1, TopLeftCell: cellName(2, headerRow+1), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if len(s.More) > 0 {
		// On paper the first table's header over the tables below would
		// mislabel them: repeat none.
		return w.printSetup(sheet, 0)
	}
	return w.printSetup(sheet, headerRow)
}

// writeTable writes a header at row top and the rows below it; it returns
// the last row written. Text columns with a fixed width wrap, and every row
// is made tall enough for its wrapped text: neither Excel nor LibreOffice
// grows a row by itself when the file gives no height.
func (w *workbook) writeTable(sheet string, top int, t table, widths []float64) (int, error) {
	f := w.f
	var names []string
	for i, c := range t.Columns {
		cell := cellName(i+1, top)
		if err := f.SetCellValue(sheet, cell, c.Name); err != nil {
			return 0, err
		}
		if err := f.SetCellStyle(sheet, cell, cell, w.styles["header"]); err != nil {
			return 0, err
		}
		names = append(names, c.Name)
	}
	if err := f.SetRowHeight(sheet, top, rowHeight(names, widths, nil)); err != nil {
		return 0, err
	}
	for r, row := range t.Rows {
		var texts []string
		var wraps []bool
		for i, v := range row {
			c := t.Columns[i]
			wrap := c.Width > 0
			if err := w.setValue(sheet, cellName(i+1, top+1+r), c.Kind, v, wrap); err != nil {
				return 0, err
			}
			texts = append(texts, c.Kind.format(v))
			wraps = append(wraps, wrap)
		}
		if err := f.SetRowHeight(sheet, top+1+r, rowHeight(texts, widths, wraps)); err != nil {
			return 0, err
		}
	}
	last := top + len(t.Rows)
	for i, c := range t.Columns {
		if c.Kind == kindStatus && len(t.Rows) > 0 {
			ref := fmt.Sprintf("%s%d:%s%d", colName(i+1), top+1, colName(i+1), last)
			if err := w.statusFormats(sheet, ref); err != nil {
				return 0, err
			}
		}
	}
	return last, nil
}

// mergedWidth is the width of the first n columns, merged for a paragraph.
func mergedWidth(widths []float64, n int) float64 {
	var t float64
	for i := 0; i < n && i < len(widths); i++ {
		t += widths[i]
	}
	return max(t, 40)
}

// fitWidths sizes each column to its longest content over the main table and
// the extra blocks, within limits; a fixed Width wins.
func (w *workbook) fitWidths(s *section) []float64 {
	var widths []float64
	// A wrapping column of a table below the first widens the sheet's
	// column only so far: the first table sets the page's width.
	measure := func(t table, wrapCap float64) {
		for i, c := range t.Columns {
			for len(widths) <= i {
				widths = append(widths, 8)
			}
			if c.Width > 0 {
				widths[i] = max(widths[i], min(c.Width, max(widths[i], wrapCap)))
				continue
			}
			// Headers wrap, so their longest word counts, not their length.
			for _, word := range strings.Fields(c.Name) {
				widths[i] = max(widths[i], float64(utf8.RuneCountInString(word))+2)
			}
			for _, row := range t.Rows {
				n := utf8.RuneCountInString(c.Kind.format(row[i]))
				if c.Kind == kindDate {
					n = 10
				}
				widths[i] = max(widths[i], float64(n)*1.1+2)
			}
			widths[i] = min(widths[i], 50)
		}
	}
	measure(s.Table, math.Inf(1))
	for _, b := range s.More {
		measure(b.Table, 40)
	}
	return widths
}

// statusFormats colours status cells; the cell also holds the status word,
// so the colour is never the only signal.
func (w *workbook) statusFormats(sheet, ref string) error {
	rules := []struct {
		s          status
		fill, font string
	}{
		{statusOK, "D8F0DA", "1E5B27"},
		{statusAttention, "FFE9A8", "6B4E00"},
		{statusCritical, "F8CFCB", "8A1C12"},
	}
	var opts []excelize.ConditionalFormatOptions
	for _, r := range rules {
		id, err := w.f.NewConditionalStyle(&excelize.Style{
			Font: &excelize.Font{Color: r.font, Bold: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{r.fill}},
		})
		if err != nil {
			return err
		}
		opts = append(opts, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==", Value: `"` + r.s.Label() + `"`, Format: &id})
	}
	return w.f.SetConditionalFormat(sheet, ref, opts)
}

// printSetup lays sheet out for paper; header, when not 0, is the row
// repeated at the top of every page.
func (w *workbook) printSetup(sheet string, header int) error {
	landscape, one, zero := "landscape", 1, 0
	a4 := 9
	if err := w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	esc := func(s string) string { return strings.ReplaceAll(s, "&", "&&") }
	if err := w.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&B" + esc(w.doc.Title) + "&B — " + esc(sheet) + "&R" + w.doc.Generated.Format("02/01/2006"),
		OddFooter: "&L" + esc(w.doc.Subtitle) + "&RPagina &P di &N",
	}); err != nil {
		return err
	}
	if header == 0 {
		return nil
	}
	return w.f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, header, header),
		Scope:    sheet,
	})
}

// axisFont keeps axis labels legible on paper; the default is a pale grey.
var axisFont = excelize.Font{Size: 10, Color: "262626"}

// addChart draws c of section s at anchor of sheet on (s's own, or the
// Sintesi for the council's lead) and returns its height in pixels.
func (w *workbook) addChart(s *section, c chart, on, anchor string) (uint, error) {
	n := len(c.rows(s.Table))
	if n == 0 || c.Kind == chartGraph {
		return 0, nil // a network has no native chart: the table stands for it
	}
	ref := func(col, from, to int) string {
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", s.Sheet, colName(col+1), from, colName(col+1), to)
	}
	seriesOf := func(cols []int) []excelize.ChartSeries {
		var series []excelize.ChartSeries
		for _, col := range cols {
			series = append(series, excelize.ChartSeries{
				Name:       fmt.Sprintf("'%s'!$%s$%d", s.Sheet, colName(col+1), headerRow),
				Categories: ref(c.Category, headerRow+1, headerRow+n),
				Values:     ref(col, headerRow+1, headerRow+n),
				Marker:     excelize.ChartMarker{Symbol: "none"},
			})
		}
		return series
	}
	cols := slices.Clone(c.Series)
	for _, b := range c.Bands { // the workbook draws a band as its two bounds
		cols = append(cols, b[0], b[1])
	}
	series := seriesOf(cols)
	if c.Sort {
		if err := w.sortedHelpers(s, c, n, series, cols); err != nil {
			return 0, err
		}
	} else if names, ok := w.categoryHelper(s, c, n); ok {
		for i := range series {
			series[i].Categories = names
		}
	}
	vary := false
	legend := "bottom"
	if len(series) == 1 && len(c.Lines) == 0 && c.Kind != chartPie {
		legend = "none" // the title names the only series
	}
	ch := &excelize.Chart{
		VaryColors: &vary,
		Series:     series,
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title, Font: &excelize.Font{Bold: true, Size: 12}}}},
		Legend:     excelize.ChartLegend{Position: legend},
		Dimension:  excelize.ChartDimension{Width: 900, Height: 400},
		Format:     excelize.GraphicOptions{AltText: c.Title + " (dati nella tabella del foglio)", OffsetX: 5},
		XAxis:      excelize.ChartAxis{Font: axisFont},
		YAxis:      excelize.ChartAxis{MajorGridLines: true, Font: axisFont, Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Unit, Font: &axisFont}}}},
	}
	if nonNegative(s, c) {
		zero := 0.0
		ch.YAxis.Minimum = &zero // counts and ratios start at zero
	}
	switch {
	case c.Percent:
		ch.YAxis.NumFmt = excelize.ChartNumFmt{CustomNumFmt: "0%"}
	case len(c.Series) > 0 && s.Table.Columns[c.Series[0]].Kind == kindRatio:
		ch.YAxis.NumFmt = excelize.ChartNumFmt{CustomNumFmt: "0.00"} // indices below 1, in steps of 0.05
	default:
		ch.YAxis.NumFmt = excelize.ChartNumFmt{CustomNumFmt: "#,##0"}
	}
	switch c.Kind {
	case chartColumn:
		ch.Type = excelize.Col
		if c.Stacked {
			ch.Type = excelize.ColStacked
		}
	case chartBar:
		ch.Type = excelize.Bar
		if c.Stacked {
			ch.Type = excelize.BarStacked
		}
		ch.XAxis.ReverseOrder = true // first row on top, as in the table
		// Names at the left edge, not at zero, where negative bars hide them.
		ch.XAxis.TickLabelPosition = excelize.ChartTickLabelLow
		ch.Dimension.Height = uint(max(400, 60+22*n))
	case chartLine, chartFan:
		ch.Type = excelize.Line
		if n > 18 {
			// Excel draws every n/12th month; LibreOffice ignores the
			// skip and draws them all, which fit only upright.
			ch.XAxis.TickLabelSkip = max(3, n/12)
			ch.XAxis.Alignment = excelize.Alignment{TextRotation: -90}
		}
	case chartPie:
		ch.Type = excelize.Pie
		ch.PlotArea = excelize.ChartPlotArea{ShowPercent: true, ShowCatName: false}
		ch.Legend.Position = "right"
	}
	if len(c.Refs) > 0 {
		return ch.Dimension.Height, w.addRefChart(s, c, n, on, anchor, ch)
	}
	if len(c.Lines) == 0 {
		return ch.Dimension.Height, w.f.AddChart(on, anchor, ch)
	}
	// A stock over its flows: the lines share the columns' axes.
	if n > 18 {
		ch.XAxis.TickLabelSkip = 3
	}
	// The stock is hundreds, its flows tens: the line gets its own axis.
	lines := &excelize.Chart{Type: excelize.Line, Series: seriesOf(c.Lines), VaryColors: &vary,
		XAxis: excelize.ChartAxis{Font: axisFont},
		YAxis: excelize.ChartAxis{Secondary: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"},
			Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Unit + " (linea)", Font: &axisFont}}}}}
	ch.YAxis.Title.Paragraph[0].Text = c.Unit + " (colonne)"
	return ch.Dimension.Height, w.f.AddChart(on, anchor, ch, lines)
}

// addRefChart draws ch with c's thresholds as lines across it. A line over
// horizontal bars is not a chart Excel can draw, so the bars stand up as
// columns; each threshold is a hidden column of constant values.
func (w *workbook) addRefChart(s *section, c chart, n int, on, anchor string, ch *excelize.Chart) error {
	if ch.Type == excelize.Bar {
		ch.Type = excelize.Col
		ch.XAxis.ReverseOrder = false
		ch.XAxis.TickLabelPosition = excelize.ChartTickLabelNextToAxis
		ch.Dimension.Height = 420
	}
	ch.Legend.Position = "bottom"
	var series []excelize.ChartSeries
	for _, r := range c.Refs {
		vals := make([]any, n)
		for i := range vals {
			vals[i] = r.Value
		}
		ref, err := w.helperColumn(s.Sheet, r.Label, vals)
		if err != nil {
			return err
		}
		series = append(series, excelize.ChartSeries{Name: ref.name, Categories: ch.Series[0].Categories, Values: ref.values,
			Line: excelize.LineOptions{Width: 1.5, Dash: excelize.LineDashDash}, Marker: excelize.ChartMarker{Symbol: "none"}})
	}
	vary := false
	lines := &excelize.Chart{Type: excelize.Line, Series: series, VaryColors: &vary, XAxis: ch.XAxis, YAxis: ch.YAxis}
	return w.f.AddChart(on, anchor, ch, lines)
}

// helperRef names a hidden column's header cell and its values.
type helperRef struct{ name, values string }

// helperColumn writes vals into a new hidden column to the right of the
// sheet's tables, under header, for a chart to draw.
func (w *workbook) helperColumn(sheet, header string, vals []any) (helperRef, error) {
	w.helpers[sheet]++
	col := 40 + w.helpers[sheet] // well clear of every table
	name := colName(col)
	if err := w.f.SetCellValue(sheet, cellName(col, headerRow), header); err != nil {
		return helperRef{}, err
	}
	for i, v := range vals {
		if err := w.f.SetCellValue(sheet, cellName(col, headerRow+1+i), v); err != nil {
			return helperRef{}, err
		}
	}
	if err := w.f.SetColVisible(sheet, name, false); err != nil {
		return helperRef{}, err
	}
	return helperRef{
		name:   fmt.Sprintf("'%s'!$%s$%d", sheet, name, headerRow),
		values: fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, name, headerRow+1, name, headerRow+len(vals)),
	}, nil
}

// categoryHelper writes the chart's category names into a hidden column
// when some row has nothing to draw, so that its name says why; ok is
// false when the table's own names serve.
func (w *workbook) categoryHelper(s *section, c chart, n int) (string, bool) {
	rows := c.rows(s.Table)[:n]
	var vals []any
	differ := false
	for _, r := range rows {
		name := c.category(s.Table.Columns, r)
		differ = differ || name != s.Table.Columns[c.Category].Kind.format(r[c.Category])
		vals = append(vals, name)
	}
	if !differ || c.Kind == chartPie {
		return "", false
	}
	ref, err := w.helperColumn(s.Sheet, s.Table.Columns[c.Category].Name, vals)
	if err != nil {
		return "", false
	}
	return ref.values, true
}

// sortedHelpers points series at hidden copies of the chart's categories
// and values in c's order, for a chart sorted otherwise than its table.
func (w *workbook) sortedHelpers(s *section, c chart, n int, series []excelize.ChartSeries, cols []int) error {
	rows := c.rows(s.Table)[:n]
	order := c.order(s.Table)
	var names []any
	for _, i := range order {
		names = append(names, c.category(s.Table.Columns, rows[i]))
	}
	cats, err := w.helperColumn(s.Sheet, s.Table.Columns[c.Category].Name, names)
	if err != nil {
		return err
	}
	for k, col := range cols {
		var vals []any
		for _, i := range order {
			if v := rows[i][col]; v.Missing {
				vals = append(vals, nil)
			} else {
				vals = append(vals, v.Num)
			}
		}
		ref, err := w.helperColumn(s.Sheet, s.Table.Columns[col].Name, vals)
		if err != nil {
			return err
		}
		series[k].Name, series[k].Categories, series[k].Values = ref.name, cats.values, ref.values
	}
	return nil
}

// nonNegative reports whether every value c draws is at least zero, so
// that its axis can start at zero.
func nonNegative(s *section, c chart) bool {
	cols := append(slices.Clone(c.Series), c.Lines...)
	for _, b := range c.Bands {
		cols = append(cols, b[0], b[1])
	}
	for _, r := range c.rows(s.Table) {
		for _, col := range cols {
			if !r[col].Missing && r[col].Num < 0 {
				return false
			}
		}
	}
	return true
}

// rowHeight is the height in points a row needs so that the wrapped cells
// (all of them when wraps is nil, as in a header) show their whole text in
// columns of the given widths (in characters).
func rowHeight(texts []string, widths []float64, wraps []bool) float64 {
	lines := 1
	for i, t := range texts {
		if i >= len(widths) || (wraps != nil && !wraps[i]) {
			continue
		}
		per := max(1, int(widths[i]*1.2)-1) // prose is narrower than the "0" a width counts
		n := 0
		for _, para := range strings.Split(t, "\n") {
			n += wrappedLines(para, per)
		}
		lines = max(lines, n)
	}
	return float64(lines)*14.5 + 2
}

// wrappedLines counts the lines of s broken at spaces into lines of at most
// per characters, as a spreadsheet wraps it.
func wrappedLines(s string, per int) int {
	lines, cur := 1, 0
	for _, word := range strings.Fields(s) {
		n := utf8.RuneCountInString(word)
		switch {
		case cur == 0:
			cur = n
		case cur+1+n <= per:
			cur += 1 + n
		default:
			lines++
			cur = n
		}
		for cur > per { // a word longer than the column breaks anywhere
			lines++
			cur -= per
		}
	}
	return lines
}

func colName(i int) string {
	name, _ := excelize.ColumnNumberToName(i)
	return name
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
