package reports

import (
	"archive/zip"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/carico/carico"
	"github.com/xuri/excelize/v2"
)

func openWorkbook(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rowOf finds the row whose first cell is label, 1-based.
func rowOf(t *testing.T, f *excelize.File, sheet, label string) int {
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

// raw is the stored value of a cell, unformatted.
func raw(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func rawNum(t *testing.T, f *excelize.File, sheet, cell string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(raw(t, f, sheet, cell), 64)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	return v
}

func numFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return fmt.Sprintf("builtin %d", st.NumFmt)
	}
	return *st.CustomNumFmt
}

// chartParts lists the chart parts of the .xlsx package and the sheets
// their series refer to.
func chartParts(t *testing.T, path string) map[string]string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	ref := regexp.MustCompile(`<(?:c:)?f>(?:'|&#39;|&apos;)([^'&]+)(?:'|&#39;|&apos;)!`)
	parts := map[string]string{}
	for _, f := range z.File {
		if !regexp.MustCompile(`^xl/charts/chart\d+\.xml$`).MatchString(f.Name) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		buf := make([]byte, 1<<16)
		for {
			n, err := rc.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		rc.Close()
		sheet := ""
		if m := ref.FindStringSubmatch(b.String()); m != nil {
			sheet = m[1]
		}
		parts[f.Name] = sheet
	}
	return parts
}

func TestWorkbookResponsabile(t *testing.T) {
	m := fixtureMetrics()
	path := writeFixture(t, Options{Audience: Responsabile})[0]
	f := openWorkbook(t, path)

	want := []string{"Sintesi", "Carico per operatore", "Tempo di lavoro", "Fabbisogno di personale", "LEPS per comune", "Andamento",
		"Flussi", "Tempi dei procedimenti", "Equità del carico", "Qualità dei dati", "Controlli sulla cartella", "Da verificare", "Previsioni", "Scenari", "Zone", "Metodo e fonti"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets %q, want %q", got, want)
	}

	// Key values equal the Metrics they were built from.
	tot := team(m, "totale")
	r := rowOf(t, f, "Sintesi", "Cartelle aperte al 31/12/2025")
	if got := rawNum(t, f, "Sintesi", fmt.Sprintf("B%d", r)); got != float64(tot.OpenCases) {
		t.Errorf("Sintesi open cases %v, want %d", got, tot.OpenCases)
	}
	if got := numFmt(t, f, "Sintesi", fmt.Sprintf("B%d", r)); got != "#,##0" {
		t.Errorf("open cases format %q", got)
	}
	if got, _ := f.GetCellValue("Sintesi", fmt.Sprintf("C%d", rowOf(t, f, "Sintesi", "Rapporto WISN di tutto il personale (in servizio su necessario)"))); got != "Attenzione" {
		t.Errorf("WISN status cell %q, want the word Attenzione", got)
	}
	r = rowOf(t, f, "Sintesi", "Contributo statale annuo sulla fotografia alla data di riferimento")
	if got := rawNum(t, f, "Sintesi", fmt.Sprintf("B%d", r)); got != m.Ambito.ContributionEUR {
		t.Errorf("contribution %v, want %v", got, m.Ambito.ContributionEUR)
	}

	// A status and its rule belong to the figure in their row: the
	// weighted caseload carries the load check, not the team's worst.
	r = rowOf(t, f, "Sintesi", "Carico ponderato per FTE, assistenti sociali (ore all'anno)")
	st, _ := f.GetCellValue("Sintesi", fmt.Sprintf("C%d", r))
	rule, _ := f.GetCellValue("Sintesi", fmt.Sprintf("D%d", r))
	if st != "Adeguato" || !strings.Contains(rule, "Carico ponderato medio al 98 %") {
		t.Errorf("Sintesi weighted caseload: status %q, rule %q; want the load check's", st, rule)
	}

	const op = "Carico per operatore"
	for _, o := range m.Operators {
		r := rowOf(t, f, op, o.Name)
		if got := rawNum(t, f, op, fmt.Sprintf("E%d", r)); got != float64(o.OpenCases) {
			t.Errorf("%s open cases %v, want %d", o.Name, got, o.OpenCases)
		}
		if got := rawNum(t, f, op, fmt.Sprintf("G%d", r)); got != o.WeightedCaseload {
			t.Errorf("%s weighted caseload %v, want %v", o.Name, got, o.WeightedCaseload)
		}
		if o.Capacity != nil {
			if got := rawNum(t, f, op, fmt.Sprintf("I%d", r)); got != o.Capacity.CaseHours {
				t.Errorf("%s case hours %v, want %v", o.Name, got, o.Capacity.CaseHours)
			}
		}
		want := status(o.Status).Label()
		if o.Role == carico.RoleClerk { // clerks hold no cartelle
			want = "Non applicabile"
		}
		if got, _ := f.GetCellValue(op, fmt.Sprintf("L%d", r)); got != want {
			t.Errorf("%s status %q, want %q", o.Name, got, want)
		}
	}
	r = rowOf(t, f, op, "Maria Rossi")
	for col, want := range map[string]string{"D": "#,##0.00", // FTE: two decimals, as everywhere
		"E": "#,##0", "H": "0.0%"} {
		if got := numFmt(t, f, op, fmt.Sprintf("%s%d", col, r)); got != want {
			t.Errorf("%s column %s format %q, want %q", op, col, got, want)
		}
	}

	const leps = "LEPS per comune"
	for _, c := range m.Comuni {
		r := rowOf(t, f, leps, c.Name)
		if got := rawNum(t, f, leps, fmt.Sprintf("C%d", r)); got != float64(c.Residents) {
			t.Errorf("%s residents %v, want %d", c.Name, got, c.Residents)
		}
		if c.ResidentsPerPermanentSocialWorker == nil {
			if got, _ := f.GetCellValue(leps, fmt.Sprintf("F%d", r)); got != "nessun AS" {
				t.Errorf("%s without social workers shows %q", c.Name, got)
			}
		}
	}

	// Dates are real date cells in dd/mm/yyyy.
	const src = "Metodo e fonti"
	r = rowOf(t, f, src, "diario_2025.csv")
	if got := numFmt(t, f, src, fmt.Sprintf("E%d", r)); got != "dd/mm/yyyy" {
		t.Errorf("import date format %q", got)
	}
	if got := rawNum(t, f, src, fmt.Sprintf("E%d", r)); int(got) != 46037 { // 15/01/2026
		t.Errorf("import date serial %v, want 46037", got)
	}
	if got, _ := f.GetCellValue(src, fmt.Sprintf("D%d", r)); got != m.Sources[0].SHA256 {
		t.Errorf("SHA-256 %q", got)
	}

	// Native charts, each drawing from its own sheet.
	parts := chartParts(t, path)
	perSheet := map[string]int{}
	for _, s := range parts {
		perSheet[s]++
	}
	for sheet, n := range map[string]int{op: 2, "Tempo di lavoro": 1, "Fabbisogno di personale": 1, leps: 1, "Andamento": 2, "Qualità dei dati": 1} {
		if perSheet[sheet] != n {
			t.Errorf("%s: %d charts, want %d (all: %v)", sheet, perSheet[sheet], n, parts)
		}
	}

	for _, sheet := range want {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit == 0 {
			t.Errorf("%s: header not frozen (%+v, %v)", sheet, p, err)
		}
		l, err := f.GetPageLayout(sheet)
		if err != nil || l.Orientation == nil || *l.Orientation != "landscape" || l.FitToWidth == nil || *l.FitToWidth != 1 {
			t.Errorf("%s: print layout %+v, %v", sheet, l, err)
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil || !strings.Contains(hf.OddHeader, "Carico di lavoro del servizio sociale") || !strings.Contains(hf.OddHeader, "20/01/2026") {
			t.Errorf("%s: print header %+v, %v", sheet, hf, err)
		}
	}
	for _, sheet := range []string{"Sintesi", op, "Fabbisogno di personale", leps, "Qualità dei dati"} {
		cf, err := f.GetConditionalFormats(sheet)
		if err != nil || len(cf) == 0 {
			t.Errorf("%s: no conditional format for the status (%v)", sheet, err)
		}
	}
	props, err := f.GetDocProps()
	if err != nil || props.Creator != "carico" || props.Language != "it-IT" || !strings.HasPrefix(props.Created, "2026-01-20") {
		t.Errorf("document properties %+v, %v", props, err)
	}
}

func TestWorkbookOperatore(t *testing.T) {
	m := fixtureMetrics()
	path := writeFixture(t, Options{Audience: Operatore, OperatorID: "AS02"})[0]
	if !strings.HasSuffix(path, "carico-operatore-AS02.xlsx") {
		t.Errorf("file %s", path)
	}
	f := openWorkbook(t, path)
	want := []string{"Sintesi", "Carico per operatore", "Tempo di lavoro", "Andamento", "Qualità dei dati", "Metodo e fonti"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets %q, want %q", got, want)
	}
	r := rowOf(t, f, "Sintesi", "Cartelle aperte al 31/12/2025")
	if got := rawNum(t, f, "Sintesi", fmt.Sprintf("B%d", r)); got != 84 {
		t.Errorf("own open cases %v, want 84", got)
	}
	// The statement names its own operator and no other.
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for _, row := range rows {
			for _, c := range row {
				for _, o := range m.Operators {
					if o.ID != "AS02" && strings.Contains(c, o.Name) {
						t.Errorf("%s: another operator's name %q in %q", sheet, o.Name, c)
					}
				}
			}
		}
	}
	// The team median of open cases per FTE, of the five social workers in
	// service: 112, 84, 62, 84, 66 → 84.
	r = rowOf(t, f, "Carico per operatore", "Mediana del gruppo")
	if got := rawNum(t, f, "Carico per operatore", fmt.Sprintf("F%d", r)); got != 84 {
		t.Errorf("team median %v, want 84", got)
	}
	if _, err := Write(t.TempDir(), m, Options{Audience: Operatore, OperatorID: "XX99"}); err == nil || !strings.Contains(err.Error(), "XX99") {
		t.Errorf("unknown operator: %v", err)
	}
}
