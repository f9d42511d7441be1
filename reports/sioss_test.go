package reports

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/carico/carico"
	"github.com/carico/carico/model"
	"github.com/carico/carico/sioss"
)

// siossReturn: 65.000 residents, 9 social workers all year and 5 hired
// on 1 July 2025: 11,5205 FTE of the year, 60.822 € (see sioss's tests).
func siossReturn() sioss.Return {
	yes := true
	f := sioss.Facts{Comuni: []sioss.Comune{{ISTAT: "016198", Name: "Seriate", Residents: 65000, ResidentsYear: 2025}}, ResidentsSource: "prova"}
	for i := 0; i < 14; i++ {
		id := string(rune('A' + i))
		f.Operators = append(f.Operators, carico.Operator{ID: id, Name: "Persona " + id, Role: carico.RoleSocialWorker})
		start := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
		if i >= 9 {
			start = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
		}
		f.Periods = append(f.Periods, carico.ContractPeriod{OperatorID: id, ISTAT: "016198", Share: 1, Start: start, WeeklyHours: 36,
			Contract: carico.ContractPermanent, Employer: carico.EmployerComune, SocialServices: &yes})
	}
	return sioss.Build(f, sioss.Params{Year: 2025, AWT: model.DefaultConfig().AWT, LEPS: model.DefaultConfig().LEPS})
}

// TestSiossWorkbook: the workbook's figures are the return's, as numbers,
// with frozen headers; the page says the same.
func TestSiossWorkbook(t *testing.T) {
	t.Parallel()
	r := siossReturn()
	path := filepath.Join(t.TempDir(), "sioss.xlsx")
	if err := WriteSiossWorkbook(path, r, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ", "); got != "Prospetto, Comuni, Persone, Riconciliazione, Controlli e scadenze" {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows("Prospetto", excelize.Options{RawCellValue: true})
	found := false
	for _, row := range rows {
		if len(row) > 1 && row[0] == "Contributo dell'anno" {
			found = row[1] == "60822"
			if !found {
				t.Errorf("contribution cell %q, want 60822", row[1])
			}
		}
	}
	if !found {
		t.Error("no contribution line")
	}
	people, _ := f.GetRows("Persone")
	if len(people) < 15 {
		t.Errorf("%d rows on Persone, want a header and 14 periods", len(people))
	}
	panes, err := f.GetPanes("Persone")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("Persone header not frozen: %+v %v", panes, err)
	}
	html, err := SiossHTML(r, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"€ 60.822", "11,5205", "Pronto", "Persona N", "28/02/2026"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("page without %q", want)
		}
	}
}
