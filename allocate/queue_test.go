package allocate

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico/facts"
	"github.com/carico/carico/facts/app"
	"github.com/xuri/excelize/v2"
)

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestQueue builds the queue at 31/12/2025 from hand-built facts: the
// istanze come first by days left (the overdue one at the top; the other
// has its type of procedure's term), then the cartelle by days waiting, longest first; an
// unassigned cartella opened 10 days ago is «nuova», one opened 60 days
// ago «mai assegnata».
func TestQueue(t *testing.T) {
	t.Parallel()
	at := d("2025-12-31")
	unheld := []facts.Unheld{
		{CaseID: "n", Kind: KindNever, Since: d("2025-12-21"), Opened: d("2025-12-21"), Area: "anziani", Complexity: 1, ISTAT: "016203"},
		{CaseID: "m", Kind: KindNever, Since: d("2025-11-01"), Opened: d("2025-11-01"), Area: "anziani", ISTAT: "016203"},
		{CaseID: "x", Kind: KindAbsent, Since: d("2025-10-02"), Opened: d("2024-01-01"), Holder: "c"},
	}
	istanze := []facts.PendingIstanza{
		{CaseID: "late", Initiative: "istanza", Received: d("2025-10-01"), ISTAT: "016203"},
		{CaseID: "soon", Initiative: "istanza", Procedure: "adi", Received: d("2025-12-01")},
	}
	term := func(p, i string) int {
		if p == "adi" {
			return 60
		}
		return map[string]int{"istanza": 30}[i]
	}
	items := Queue(at, unheld, istanze, term, map[string]string{"016203": "Seriate"}, DefaultQueueConfig())
	var got []string
	for _, it := range items {
		left := "null"
		if it.DaysLeft != nil {
			left = itoa(*it.DaysLeft)
		}
		got = append(got, it.Cartella+" "+it.Kind+" "+itoa(it.DaysWaiting)+" "+left)
	}
	want := []string{"late istanza 91 -61", "soon istanza 30 30", "x titolare_assente 90 null", "m mai_assegnata 60 null", "n nuova 10 null"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("queue\n got %q\nwant %q", got, want)
	}
	if !items[0].Overdue() || items[1].Overdue() || items[0].Comune != "Seriate" || *items[0].TermDays != 30 {
		t.Errorf("first items: %+v %+v", items[0], items[1])
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestDecisions checks the reasons a decision needs, the mark it leaves on
// the queue (the latest decision of the cartella's item), and the CSV and
// workbook for the cartella software: only decided items, formulas
// neutralised in the CSV and kept as text in the workbook.
func TestDecisions(t *testing.T) {
	t.Parallel()
	team := []Worker{{ID: "a", Name: "Anna"}}
	for _, c := range []struct{ op, reason, note, want string }{
		{"", "capacita", "", "indicare a chi"},
		{"z", "capacita", "", "non è tra gli assistenti sociali"},
		{"a", "simpatia", "", "non previsto"},
		{"a", "altro", "", "spiegazione scritta"},
		{"a", "altro", "rientro dalla maternità", ""},
		{"a", "continuita", "", ""},
	} {
		err := CheckDecision(c.op, c.reason, c.note, team)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%+v: %v", c, err)
		}
	}
	items := []Item{{Kind: KindIstanza, Cartella: "c1"}, {Kind: KindNever, Cartella: "c2"}}
	at := time.Date(2026, 1, 7, 9, 30, 0, 0, time.UTC)
	Mark(items, []app.Decision{
		{ID: 1, CaseID: "c1", Kind: KindIstanza, Operator: "b", OperatorName: "Bruno", Reason: "capacita", By: "resp", At: at.Add(-time.Hour)},
		{ID: 2, CaseID: "c1", Kind: KindIstanza, Operator: "a", OperatorName: "Anna", Reason: "altro", Note: "=HYPERLINK(\"x\")", By: "resp", At: at},
		{ID: 3, CaseID: "c2", Kind: KindIstanza, Operator: "a", Reason: "capacita", By: "resp", At: at},
	})
	if items[0].Decision == nil || items[0].Decision.ID != 2 || items[1].Decision != nil {
		t.Fatalf("marks: %+v, %+v", items[0].Decision, items[1].Decision)
	}
	var b bytes.Buffer
	if err := WriteDecisionsCSV(&b, items); err != nil {
		t.Fatal(err)
	}
	var x bytes.Buffer
	if err := WriteDecisionsXLSX(&x, items); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Assegnazioni")
	if err != nil || len(rows) != 2 || rows[1][0] != "c1" || rows[1][5] != "=HYPERLINK(\"x\")" {
		t.Errorf("workbook rows %q, %v", rows, err)
	}
	if formula, _ := f.GetCellFormula("Assegnazioni", "F2"); formula != "" {
		t.Errorf("the note became a formula: %q", formula)
	}
	// Every cell reads whole: the columns are as wide as their longest cell.
	for col, text := range map[string]string{"A": "numero_cartella", "D": "data_assegnazione", "H": "07/01/2026 10:30"} {
		if w, err := f.GetColWidth("Assegnazioni", col); err != nil || w < float64(len(text)) {
			t.Errorf("column %s is %.0f wide, its cell %q is longer (%v)", col, w, text, err)
		}
	}
	// A written explanation longer than a column should be wraps onto
	// more lines of a column of bounded width.
	long := strings.Repeat("Sostituzione per il congedo della titolare. ", 4)
	items[0].Decision.Note = long
	x.Reset()
	if err := WriteDecisionsXLSX(&x, items); err != nil {
		t.Fatal(err)
	}
	if f, err = excelize.OpenReader(&x); err != nil {
		t.Fatal(err)
	}
	w, _ := f.GetColWidth("Assegnazioni", "F")
	id, _ := f.GetCellStyle("Assegnazioni", "F2")
	st, _ := f.GetStyle(id)
	h, _ := f.GetRowHeight("Assegnazioni", 2)
	if got, _ := f.GetCellValue("Assegnazioni", "F2"); got != long || w > 70 || st == nil || st.Alignment == nil || !st.Alignment.WrapText || h < 45 {
		t.Errorf("a long note: %q in a column %.0f wide, a row %.0f high, style %+v", got, w, h, st)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "c1;a;Anna;07/01/2026;Altro (specificare);\"'=HYPERLINK") || !strings.HasSuffix(lines[1], ";resp;07/01/2026 10:30") {
		t.Errorf("csv:\n%s", b.String())
	}
}
