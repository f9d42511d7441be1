package reports

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// cellAt is the text of column col in the row labelled label of sheet.
func cellAt(t *testing.T, f *excelize.File, sheet, label, col string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, col+strconv.Itoa(rowOf(t, f, sheet, label)))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// numAt is the stored number in column col of the row labelled label.
func numAt(t *testing.T, f *excelize.File, sheet, label, col string) float64 {
	t.Helper()
	return rawNum(t, f, sheet, col+strconv.Itoa(rowOf(t, f, sheet, label)))
}

func TestWorkbookSections(t *testing.T) {
	a, p := fixtureAnalysis(), fixturePlan()
	path := writeFixture(t, Options{Audience: Responsabile})[0]
	f := openWorkbook(t, path)

	perSheet := map[string]int{}
	for _, s := range chartParts(t, path) {
		perSheet[s]++
	}
	// The zones' graph has no native chart: Zone keeps its bar chart only.
	for sheet, n := range map[string]int{"Flussi": 1, "Tempi dei procedimenti": 1, "Equità del carico": 1, "Previsioni": len(p.Forecasts), "Scenari": 3, "Zone": 1} {
		if perSheet[sheet] != n {
			t.Errorf("%s: %d charts, want %d", sheet, perSheet[sheet], n)
		}
	}

	checks := []struct {
		sheet, label, col string
		want              float64
	}{
		{"Flussi", "feb 2025", "B", float64(a.Flows[1].Opened)},
		{"Flussi", "feb 2025", "D", float64(a.Flows[1].OpenEnd)},
		{"Flussi", "Periodo", "C", float64(a.FlowTotals.Closed)},
		{"Flussi", "Decesso", "B", 1},
		{"Tempi dei procedimenti", "Totale", "E", float64(a.Timeliness.OverTerm)},
		{"Tempi dei procedimenti", "Richiesta di altro ente", "I", float64(a.Timeliness.ByInitiative[1].PendingOverTerm)},
		{"Equità del carico", "Maria Rossi", "E", *a.Balance.Operators[0].CaseloadFromMedian},
		{"Controlli sulla cartella", "Operatore non più in servizio", "B", 1},
		{"Previsioni", "gen 2026", "C", p.Forecasts[0].Points[0].Value},
		{"Previsioni", "gen 2026", "F", p.Forecasts[0].Points[0].Lo95},
		{"Previsioni", "dic 2025", "B", p.Forecasts[0].Observed.Values[23]},
		{"Scenari", "Quattro assunzioni", "B", 10},
		{"Scenari", "Quattro assunzioni", "C", 6120},
		{"Scenari", "Quattro assunzioni", "F", 23385},
		{"Scenari", "Quattro assunzioni", "H", p.Scenarios[1].Ambito.NetCostEUR},
		{"Zone", "Centro", "C", 900},
	}
	for _, c := range checks {
		if got := numAt(t, f, c.sheet, c.label, c.col); got != c.want {
			t.Errorf("%s, %q, column %s: %v, want %v", c.sheet, c.label, c.col, got, c.want)
		}
	}
	// Dispersion of the zones: the row after the header of its block.
	hdr := rowOf(t, f, "Zone", "Organizzazione")
	r := rowAfter(t, f, "Zone", "Proposta", rowAfter(t, f, "Zone", "Organizzazione", hdr))
	if got := rawNum(t, f, "Zone", "C"+strconv.Itoa(r)); got != p.Zones.Proposed.CV {
		t.Errorf("Zone: proposed CV %v, want %v", got, p.Zones.Proposed.CV)
	}
	// The responsabile sees the records each audit rule found.
	if got := cellAt(t, f, "Controlli sulla cartella", "Operatore non più in servizio", "A"); got == "" {
		t.Error("audit rule row missing")
	}
	// ... on a sheet of their own, filterable, with the header on every
	// printed page; a sheet of several tables repeats no header on paper.
	rows, _ := f.GetRows("Da verificare")
	found := false
	for _, row := range rows {
		if len(row) > 1 && row[1] == "C-2022-0107" {
			found = true
		}
	}
	if !found {
		t.Error("Da verificare: the finding C-2022-0107 is not listed for the responsabile")
	}
	titles, filters := map[string]string{}, map[string]string{}
	for _, d := range f.GetDefinedName() {
		switch d.Name {
		case "_xlnm.Print_Titles":
			titles[d.Scope] = d.RefersTo
		case "_xlnm._FilterDatabase":
			filters[d.Scope] = d.RefersTo
		}
	}
	if got := titles["Da verificare"]; got != "'Da verificare'!$3:$3" {
		t.Errorf("Da verificare: print titles %q, want the header row 3", got)
	}
	if got, ok := titles["Qualità dei dati"]; ok {
		t.Errorf("Qualità dei dati has several tables, yet repeats %q on every page", got)
	}
	if got := filters["Da verificare"]; !strings.HasPrefix(got, "'Da verificare'!$A$3:$F$") {
		t.Errorf("Da verificare: filter %q, want one over the table from its header", got)
	}
}

func TestPoliticoSections(t *testing.T) {
	files := writeFixture(t, Options{Audience: Politico})
	f := openWorkbook(t, files[0])
	small := suppressedMark // every hidden figure reads the same
	for _, c := range []struct{ sheet, label, col string }{
		{"Flussi", "Decesso", "B"},                                         // one death
		{"Flussi", "Dipendenze", "B"},                                      // two closures
		{"Tempi dei procedimenti", "Richiesta di altro ente", "I"},         // two pending over term
		{"Controlli sulla cartella", "Operatore non più in servizio", "B"}, // one finding
	} {
		if got := cellAt(t, f, c.sheet, c.label, c.col); got != small {
			t.Errorf("%s, %q: %q, want %q", c.sheet, c.label, got, small)
		}
	}
	// A small month (August's 2 openings) puts the council's series by
	// quarter, in Flussi, Andamento and Previsioni alike: the third quarter
	// opened 24 + 2 + 29 = 55 cartelle, published; no month is printed.
	if got := cellAt(t, f, "Flussi", "lug-set 2025", "B"); got != "55" {
		t.Errorf("Flussi, third quarter's openings: %q, want 55", got)
	}
	for _, sheet := range []string{"Flussi", "Andamento", "Previsioni"} {
		rows, _ := f.GetRows(sheet)
		quarters := 0
		for _, r := range rows {
			if len(r) > 0 && r[0] == "ago 2025" {
				t.Errorf("%s: a month printed, though the series go by quarter", sheet)
			}
			for _, c := range r {
				if c == "Mese" || strings.HasSuffix(c, "nel mese") || strings.Contains(c, "nel mese:") {
					t.Errorf("%s: header %q, though the series go by quarter", sheet, c)
				}
			}
			if len(r) > 0 && strings.HasSuffix(r[0], " 2025") && strings.Contains(r[0], "-") {
				quarters++
			}
		}
		if quarters < 4 {
			t.Errorf("%s: %d rows of 2025's quarters, want 4", sheet, quarters)
		}
	}
	// A median of two closures would tell both: hidden with the count.
	if got := cellAt(t, f, "Flussi", "Dipendenze", "C"); got != suppressedMark {
		t.Errorf("Flussi, Dipendenze median: %q, want %q", got, suppressedMark)
	}
	// The share of a suppressed audit count would give it back.
	if got := cellAt(t, f, "Controlli sulla cartella", "Operatore non più in servizio", "D"); got != suppressedMark {
		t.Errorf("audit share of a small count: %q, want %q", got, suppressedMark)
	}
	// Roles of fewer than three people are left out of the dispersion.
	rows, _ := f.GetRows("Equità del carico")
	for _, row := range rows {
		if len(row) > 0 && strings.HasPrefix(row[0], "Educatore") {
			t.Errorf("Equità del carico: role of two educators published: %q", row)
		}
	}
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for _, row := range rows {
			if len(row) > 0 && row[0] == "Record segnalati dai controlli" {
				t.Errorf("%s: audit findings listed in the politico workbook", sheet)
			}
		}
	}
}

func TestDashboardSections(t *testing.T) {
	page, err := os.ReadFile(writeFixture(t, Options{Audience: Responsabile})[1])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`id="flussi"`, `id="procedimenti"`, `id="equita"`, `id="previsioni"`, `id="scenari"`, `id="zone"`,
		`"type":"graph"`,    // the zones
		`"stack":"banda1"`,  // the 95 % band of the fan
		`"yAxisIndex":1`,    // open at month end over the flows
		`"source":"Centro"`, // an adjacency edge
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("page lacks %s", want)
		}
	}
}
