package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/model"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/xuri/excelize/v2"
)

func cellNum(t *testing.T, f *excelize.File, sheet, cell string) float64 {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q: %v", sheet, cell, v, err)
	}
	return n
}

// same compares a workbook number with the JSON one: a cell keeps 15
// significant digits, as Excel does.
func same(cell, want float64) bool {
	return math.Abs(cell-want) <= 1e-9*math.Max(1, math.Abs(want))
}

// findRow returns the 1-based row whose first cell is label.
func findRow(t *testing.T, f *excelize.File, sheet, label string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == label {
			return i + 1
		}
	}
	t.Fatalf("%s: no row %q", sheet, label)
	return 0
}

// TestReportMatchesMetrics writes the reports of the three audiences and
// checks their key figures against what `carico metrics --format json`
// prints for the same database and period.
func TestReportMatchesMetrics(t *testing.T) {
	db := fixtureDB(t)
	period := []string{"--from", "01/01/2025", "--to", "31/12/2025"}
	code, stdout, stderr := runCLI(t, append([]string{"metrics", "--db", db, "--format", "json"}, period...)...)
	if code != exitOK {
		t.Fatalf("metrics: exit %d: %s", code, stderr)
	}
	var m model.Metrics
	if err := json.Unmarshal([]byte(stdout), &m); err != nil {
		t.Fatal(err)
	}

	out := t.TempDir()
	code, stdout, stderr = runCLI(t, append([]string{"report", "--db", db, "--out", out}, period...)...)
	if code != exitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	xlsx := filepath.Join(out, "carico.xlsx")
	if !strings.Contains(stdout, xlsx) || !strings.Contains(stdout, "carico.html") {
		t.Errorf("stdout does not list the files: %q", stdout)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, o := range m.Operators {
		r := findRow(t, f, "Carico per operatore", o.Name)
		if got := cellNum(t, f, "Carico per operatore", fmt.Sprintf("E%d", r)); got != float64(o.OpenCases) {
			t.Errorf("%s: open cases %v in the workbook, %d in metrics", o.Name, got, o.OpenCases)
		}
		if got := cellNum(t, f, "Carico per operatore", fmt.Sprintf("G%d", r)); !same(got, o.WeightedCaseload) {
			t.Errorf("%s: weighted caseload %v in the workbook, %v in metrics", o.Name, got, o.WeightedCaseload)
		}
	}
	for _, c := range m.Comuni {
		r := findRow(t, f, "LEPS per comune", c.Name)
		if got := cellNum(t, f, "LEPS per comune", fmt.Sprintf("C%d", r)); got != float64(c.Residents) {
			t.Errorf("%s: residents %v in the workbook, %d in metrics", c.Name, got, c.Residents)
		}
		if got := cellNum(t, f, "LEPS per comune", fmt.Sprintf("E%d", r)); !same(got, c.PermanentSocialWorkerFTE) {
			t.Errorf("%s: permanent FTE %v in the workbook, %v in metrics", c.Name, got, c.PermanentSocialWorkerFTE)
		}
	}
	r := findRow(t, f, "Sintesi", "Contributo statale annuo sulla fotografia alla data di riferimento")
	if got := cellNum(t, f, "Sintesi", fmt.Sprintf("B%d", r)); !same(got, m.Ambito.ContributionEUR) {
		t.Errorf("contribution %v in the workbook, %v in metrics", got, m.Ambito.ContributionEUR)
	}

	// The personal statement and the council version from the same data.
	op := m.Operators[0]
	code, _, stderr = runCLI(t, append([]string{"report", "--db", db, "--out", out, "--audience", "operatore", "--operator", op.ID}, period...)...)
	if code != exitOK {
		t.Fatalf("report operatore: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "carico-operatore-"+op.ID+".html")); err != nil {
		t.Error(err)
	}
	code, _, stderr = runCLI(t, append([]string{"report", "--db", db, "--out", out, "--audience", "politico"}, period...)...)
	if code != exitOK {
		t.Fatalf("report politico: exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(out, "carico-politico.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range m.Operators {
		if strings.Contains(string(page), o.Name) {
			t.Errorf("politico page names %s", o.Name)
		}
	}
}

func TestReportUsage(t *testing.T) {
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"report"}, "manca --out"},
		{[]string{"report", "--db", "x.duckdb"}, "manca --out"},
		{[]string{"report", "--db", "x.duckdb", "--out", "o", "--audience", "sindaco"}, "destinatario sconosciuto"},
		{[]string{"report", "--db", "x.duckdb", "--out", "o", "--audience", "operatore"}, "serve --operator"},
		{[]string{"report", "--db", "x.duckdb", "--out", "o", "--operator", "as1"}, "solo con --audience operatore"},
		{[]string{"report", "--db", "x.duckdb", "--out", "o", "--from", "01/01/2025"}, "vanno indicati insieme"},
		{[]string{"report", "--db", "x.duckdb", "--out", "o", "--from", "2025-13-01", "--to", "31/12/2025"}, "--from"},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(t, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want usage error with %q", tt.args, code, stderr, tt.stderr)
		}
	}
	code, _, stderr := runCLI(t, "report", "--db", filepath.Join(t.TempDir(), "nessuno.duckdb"), "--out", t.TempDir())
	if code != exitRuntime || !strings.Contains(stderr, "non trovato") {
		t.Errorf("missing database: exit %d, stderr %q", code, stderr)
	}
}

// TestReportSampleAmbito imports the synthetic Ambito through the real
// import path and writes the three audiences' reports from it: the
// responsabile's figures equal `carico metrics`, and the council version
// holds no operator name, no case identifier and no count under 3.
func TestReportSampleAmbito(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole sample Ambito")
	}
	a := sampledata.Generate(sampledata.DefaultSeed)
	dbPath := sampledb.Write(t, a)
	dir := t.TempDir()

	code, stdout, stderr := runCLI(t, "metrics", "--db", dbPath, "--format", "json")
	if code != exitOK {
		t.Fatalf("metrics: exit %d: %s", code, stderr)
	}
	var m model.Metrics
	if err := json.Unmarshal([]byte(stdout), &m); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "rapporti")
	// The quartieri's adjacency, as the sample writes it beside the exports.
	adjacency := filepath.Join(filepath.Dir(dbPath), "quartieri_seriate_SINTETICI_adiacenze.csv")
	for _, args := range [][]string{{"--audience", "responsabile", "--adjacency", adjacency}, {"--audience", "politico"}, {"--audience", "operatore", "--operator", m.Operators[0].ID}} {
		if code, _, stderr := runCLI(t, append([]string{"report", "--db", dbPath, "--out", out}, args...)...); code != exitOK {
			t.Fatalf("report %v: exit %d: %s", args, code, stderr)
		}
	}

	f, err := excelize.OpenFile(filepath.Join(out, "carico.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// The user's own database gets every section the demo writes.
	sheets := strings.Join(f.GetSheetList(), "|")
	for _, want := range []string{"Sintesi", "Carico per operatore", "Fabbisogno di personale", "LEPS per comune", "Flussi", "Tempi dei procedimenti",
		"Equità del carico", "Controlli sulla cartella", "Da verificare", "Previsioni", "Scenari", "Zone", "Metodo e fonti"} {
		if !strings.Contains(sheets, want) {
			t.Errorf("report from the user's database lacks the sheet %q (has %s)", want, sheets)
		}
	}
	for _, o := range m.Operators {
		r := findRow(t, f, "Carico per operatore", o.Name)
		if got := cellNum(t, f, "Carico per operatore", fmt.Sprintf("E%d", r)); got != float64(o.OpenCases) {
			t.Errorf("%s: open cases %v in the workbook, %d in metrics", o.Name, got, o.OpenCases)
		}
	}

	p, err := excelize.OpenFile(filepath.Join(out, "carico-politico.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var all strings.Builder
	for _, sheet := range p.GetSheetList() {
		rows, _ := p.GetRows(sheet)
		for r, row := range rows {
			for c, text := range row {
				all.WriteString(text + "\n")
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				id, _ := p.GetCellStyle(sheet, cell)
				st, _ := p.GetStyle(id)
				if st == nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "#,##0" {
					continue
				}
				if v, err := strconv.ParseFloat(text, 64); err == nil && v > 0 && v < 3 { // a true 0 is published
					t.Errorf("politico %s!%s: count %v under 3", sheet, cell, v)
				}
			}
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "carico-politico.html"))
	if err != nil {
		t.Fatal(err)
	}
	loneOperatorHidden(t, &m, p, string(page))
	// Outside the inlined chart library, look for names and for case
	// identifiers as whole tokens (they are numbers, so a substring
	// would match inside any figure).
	text := regexp.MustCompile(`(?s)<script>.*?</script>`).ReplaceAllString(string(page), "")
	for _, where := range []string{all.String(), text} {
		for _, o := range m.Operators {
			if strings.Contains(where, o.Name) {
				t.Errorf("politico report names operator %s", o.Name)
			}
		}
		tokens := map[string]bool{}
		for _, tok := range regexp.MustCompile(`[\p{L}\p{N}_/-]+`).FindAllString(where, -1) {
			tokens[tok] = true
		}
		for _, c := range a.Cases {
			if tokens[c.ID] {
				t.Errorf("politico report holds case identifier %s", c.ID)
				break
			}
		}
	}
}

// loneOperatorHidden checks the threshold rule on the written politico
// files: a comune served by one social worker (Pedrengo in the sample)
// shows neither its open cartelle, which are her caseload, nor its dormant
// cartelle, in the workbook or in the page.
func loneOperatorHidden(t *testing.T, m *model.Metrics, f *excelize.File, page string) {
	t.Helper()
	lone := 0
	for _, c := range m.Comuni {
		holders := 0
		for _, o := range m.Operators {
			for _, a := range o.Comuni {
				if a.ISTAT == c.ISTAT && a.Share > 0 && o.OpenCases > 0 {
					holders++
				}
			}
		}
		if holders != 1 || c.OpenCases == 0 {
			continue
		}
		lone++
		dormant := 0
		for _, d := range m.Quality.Dormant {
			if d.ISTAT == c.ISTAT {
				dormant++
			}
		}
		r := findRow(t, f, "LEPS per comune", c.Name)
		if got, _ := f.GetCellValue("LEPS per comune", fmt.Sprintf("I%d", r)); got != "n.d." {
			t.Errorf("politico LEPS per comune: %s, served by one operator, shows open cartelle %q", c.Name, got)
		}
		r = findRow(t, f, "Qualità dei dati", c.Name)
		if got, _ := f.GetCellValue("Qualità dei dati", fmt.Sprintf("B%d", r)); dormant > 0 && got != "n.d." {
			t.Errorf("politico Qualità dei dati: %s, served by one operator, shows dormant cartelle %q", c.Name, got)
		}
		for _, tr := range strings.Split(page, "<tr>") {
			if !strings.Contains(tr, ">"+c.Name+"<") {
				continue
			}
			for _, n := range []int{c.OpenCases, dormant} {
				if n > 0 && strings.Contains(tr, ">"+strconv.Itoa(n)+"<") {
					t.Errorf("politico page, row of %s: shows %d", c.Name, n)
				}
			}
		}
	}
	if lone == 0 {
		t.Error("the sample has no comune served by one social worker: the check proves nothing")
	}
}
