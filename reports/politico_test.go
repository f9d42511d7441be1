package reports

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/carico/carico/model"
	"github.com/xuri/excelize/v2"
)

// TestPoliticoPrivacy checks the council version against docs/reports.md:
// no operator names or IDs, no case identifiers, no count under the
// threshold, and no hidden count that the published totals give away.
func TestPoliticoPrivacy(t *testing.T) {
	m := fixtureMetrics()
	files := writeFixture(t, Options{Audience: Politico})
	xlsx, html := files[0], files[1]
	const k = DefaultSmallCell

	var forbidden []string
	for _, o := range m.Operators {
		forbidden = append(forbidden, o.Name, o.ID)
		for _, part := range strings.Fields(o.Name) {
			forbidden = append(forbidden, part) // a surname alone identifies too
		}
	}
	for _, d := range m.Quality.Dormant {
		forbidden = append(forbidden, d.CaseID)
	}
	for _, r := range fixtureAnalysis().Audit {
		for _, f := range r.Findings {
			forbidden = append(forbidden, f.CaseID)
		}
	}

	f := openWorkbook(t, xlsx)
	for _, sheet := range f.GetSheetList() {
		if sheet == "Carico per operatore" {
			t.Errorf("sheet %q in the politico workbook", sheet)
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, text := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				for _, bad := range forbidden {
					if strings.Contains(text, bad) {
						t.Errorf("%s!%s: %q contains %q", sheet, cell, text, bad)
					}
				}
				if numFmt(t, f, sheet, cell) != numFmts[kindCount] {
					continue
				}
				if v, err := strconv.ParseFloat(raw(t, f, sheet, cell), 64); err == nil && v > 0 && v < k {
					t.Errorf("%s!%s: count %v under the threshold %d", sheet, cell, v, k)
				}
			}
		}
	}

	page, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range forbidden {
		if strings.Contains(string(page), bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if !strings.Contains(string(page), ">"+suppressedMark+"</td>") {
		t.Error("page shows no suppressed figure, yet the fixture has small cells")
	}

	// Every count the document publishes (and so the page, which prints the
	// same values) is either at least k or hidden.
	doc, err := build(m, withSections(Options{Audience: Politico, SmallCell: k, Generated: generated}))
	if err != nil {
		t.Fatal(err)
	}
	check := func(where string, tb table) {
		for _, row := range tb.Rows {
			for i, v := range row {
				if tb.Columns[i].Kind == kindCount && !v.Missing && v.Num > 0 && v.Num < k {
					t.Errorf("%s, %s: count %v published", where, tb.Columns[i].Name, v.Num)
				}
			}
		}
	}
	for _, h := range doc.Headline {
		if h.Kind == kindCount && !h.Value.Missing && h.Value.Num > 0 && h.Value.Num < k {
			t.Errorf("Sintesi %q: count %v published", h.Label, h.Value.Num)
		}
	}
	for _, s := range doc.Sections {
		check(s.Sheet, s.Table)
		for _, b := range s.More {
			check(s.Sheet+" / "+b.Title, b.Table)
		}
	}

	// The lines protected against their totals, read back from the workbook.
	lines := []struct {
		sheet, first, total string
		col                 string
		truth               []int
	}{
		{"LEPS per comune", shownComuni(t, f, m)[0], "Ambito " + m.Ambito.Name, "I", comuneOpen(m, shownComuni(t, f, m))},
		{"Qualità dei dati", m.Comuni[0].Name, "Totale", "B", []int{4, 2, 1, 0, 1}},
	}
	nSecondary := 0
	for _, l := range lines {
		p := readLine(t, f, l.sheet, l.first, l.total, l.col, l.truth, k)
		for i, m := range p.Marks {
			if m == secondary {
				nSecondary++
			}
			if m == primary && len(feasible(p)[i]) < 2 {
				t.Errorf("%s: hidden count %d (row %d) can be worked out from the total: %v", l.sheet, l.truth[i], i, feasible(p)[i])
			}
		}
	}
	if nSecondary == 0 {
		t.Error("no secondary suppression in the workbook: the fixture's two small comuni should need one")
	}
}

// rowAfter finds the first row below row after whose first cell is label.
func rowAfter(t *testing.T, f *excelize.File, sheet, label string, after int) int {
	t.Helper()
	rows, _ := f.GetRows(sheet)
	for i := after; i < len(rows); i++ {
		if len(rows[i]) > 0 && rows[i][0] == label {
			return i + 1
		}
	}
	t.Fatalf("%s: no row %q below row %d", sheet, label, after)
	return 0
}

// comuneOpen is the open cartelle of the comuni named, in that order.
func comuneOpen(m *model.Metrics, names []string) []int {
	var n []int
	for _, name := range names {
		for _, c := range m.Comuni {
			if c.Name == name {
				n = append(n, c.OpenCases)
			}
		}
	}
	return n
}

// shownComuni is the comuni of «LEPS per comune» in the order written
// (the worst served first).
func shownComuni(t *testing.T, f *excelize.File, m *model.Metrics) []string {
	t.Helper()
	known := map[string]bool{}
	for _, c := range m.Comuni {
		known[c.Name] = true
	}
	rows, err := f.GetRows("LEPS per comune")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rows {
		if len(r) > 0 && known[r[0]] {
			names = append(names, r[0])
		}
	}
	if len(names) != len(m.Comuni) {
		t.Fatalf("LEPS per comune lists %v, want the %d comuni", names, len(m.Comuni))
	}
	return names
}

// readLine reads the published texts of column col from the row labelled
// first down to the row labelled total, and pairs them with the true counts.
func readLine(t *testing.T, f *excelize.File, sheet, first, total, col string, truth []int, k int) protected {
	t.Helper()
	from := rowOf(t, f, sheet, first)
	to := rowAfter(t, f, sheet, total, from)
	if to-from != len(truth) {
		t.Fatalf("%s: %d rows between %q and %q, want %d", sheet, to-from, first, total, len(truth))
	}
	p := protected{K: k, Counts: truth, Marks: make([]mark, len(truth))}
	for _, c := range truth {
		p.Total += c
	}
	markOf := func(s string) mark {
		switch s {
		case fmt.Sprintf("<%d", k):
			return primary
		case suppressedMark:
			return secondary
		}
		return shown
	}
	for i := range truth {
		text, _ := f.GetCellValue(sheet, fmt.Sprintf("%s%d", col, from+i))
		p.Marks[i] = markOf(text)
		if truth[i] == 0 && text != "0" {
			t.Errorf("%s!%s%d: a true 0 published as %q", sheet, col, from+i, text)
		}
		if p.Marks[i] == shown && text != strconv.Itoa(truth[i]) {
			t.Errorf("%s!%s%d: %q, want %d", sheet, col, from+i, text, truth[i])
		}
	}
	text, _ := f.GetCellValue(sheet, fmt.Sprintf("%s%d", col, to))
	p.TotalM = markOf(text)
	return p
}

// TestPoliticoLoneOperator checks the threshold and dominance rules on the
// written files: Bergamo Alta has one social worker (AS01), so its 210 open
// cartelle are her caseload, and 4 dormant cartelle, 3 of them hers;
// neither figure may be read in the council's workbook or page. Adrara's two operators are withheld too; Seriate's
// four are not.
func TestPoliticoLoneOperator(t *testing.T) {
	files := writeFixture(t, Options{Audience: Politico})
	f := openWorkbook(t, files[0])
	for _, c := range []struct {
		sheet, comune, col, want string
	}{
		{"LEPS per comune", "Bergamo Alta", "I", suppressedMark},
		// The contract of Bergamo Alta's one social worker, and what is
		// computed from it (issue 22).
		{"LEPS per comune", "Bergamo Alta", "E", suppressedMark},
		{"LEPS per comune", "Bergamo Alta", "F", suppressedMark},
		{"LEPS per comune", "Bergamo Alta", "G", suppressedMark},
		{"LEPS per comune", "Bergamo Alta", "K", "Non diffuso: ne deriverebbe un dato riservato."},
		{"LEPS per comune", "Seriate", "E", suppressedMark}, // or the Ambito's total less the others gives Bergamo Alta's
		{"LEPS per comune", "Adrara San Martino", "I", suppressedMark},
		// Seriate's 148 is hidden too: with it and the Ambito's total, Bergamo
		// Alta's one social worker's cartelle would be bounded within 40 of
		// their value, less than the dominance rule's protection (1 ÷ 0,75).
		{"LEPS per comune", "Seriate", "I", suppressedMark},
		{"Qualità dei dati", "Bergamo Alta", "B", suppressedMark},
		{"Qualità dei dati", "Pedrengo", "B", "0"}, // a true zero
	} {
		row := rowOf(t, f, c.sheet, c.comune)
		got, _ := f.GetCellValue(c.sheet, fmt.Sprintf("%s%d", c.col, row))
		if got != c.want {
			t.Errorf("%s, %s: %q, want %q", c.sheet, c.comune, got, c.want)
		}
	}
	page, err := os.ReadFile(files[1])
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range strings.Split(string(page), "<tr>") {
		if !strings.Contains(tr, ">Bergamo Alta<") {
			continue
		}
		for _, bad := range []string{">210<", "<td>4</td>", `class="num">4<`} {
			if strings.Contains(tr, bad) {
				t.Errorf("page row of Bergamo Alta shows %s: %.200s", bad, tr)
			}
		}
	}
}

// TestPoliticoFewSocialWorkers: with fewer than 3 social workers in
// service, their load, time, community work and WISN ratio are one or two
// people's figures: the council's Sintesi and lead withhold them, without
// a status that would say how they fare; the responsabile's shows them.
func TestPoliticoFewSocialWorkers(t *testing.T) {
	t.Parallel()
	m := fixtureMetrics()
	for i := range m.Teams {
		if m.Teams[i].Role == "assistente_sociale" {
			m.Teams[i].Operators = 2
		}
	}
	for _, c := range []struct {
		aud    Audience
		hidden bool
	}{{Politico, true}, {Responsabile, false}} {
		d, err := build(m, Options{Audience: c.aud, SmallCell: DefaultSmallCell})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, h := range d.Headline {
			if !strings.Contains(h.Label, "assistenti sociali") || strings.Contains(h.Label, "tempo indeterminato") || strings.Contains(h.Label, "FTE mancanti") {
				continue
			}
			n++
			if got := h.Value.Missing && h.Status == ""; got != c.hidden {
				t.Errorf("%s, %q: %q status %q, hidden %v want %v", c.aud, h.Label, h.Kind.format(h.Value), h.Status, got, c.hidden)
			}
		}
		if n < 4 {
			t.Errorf("%s: %d social-worker figures in the Sintesi, want 4", c.aud, n)
		}
		if c.aud == Politico {
			for _, p := range d.Letter {
				if strings.Contains(p, "Il carico:") || strings.Contains(p, "metodo WISN") {
					t.Errorf("the lead still says: %q", p)
				}
			}
		}
	}
}
