package reports

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico/internal/storetest"
	"github.com/carico/carico/model"
	"github.com/carico/carico/weights"
)

// statementFixture computes the calibration fixture of package weights:
// as1 holds twelve famiglia e minori, alta complessità cartelle (12 × 40 h =
// 480 h a year with the standard weights).
func statementFixture(t *testing.T) *model.Metrics {
	t.Helper()
	script, err := os.ReadFile("../weights/testdata/calibration.sql")
	if err != nil {
		t.Fatal(err)
	}
	db := storetest.Open(t, string(script))
	p := model.Params{From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}
	m, _, err := weights.Compute(context.Background(), db, p, nil, weights.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestStatement(t *testing.T) {
	t.Parallel()
	m := statementFixture(t)
	html, err := Statement(m, StatementOptions{
		OperatorID: "as1", Addressee: "Dott.ssa Anna Bianchi, Responsabile", Place: "Seriate", Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
		Remarks: "Gentile Responsabile,\n\nsegnalo che:\n- le cartelle sono **troppe**;\n- <script>alert(1)</script>\n\nCordiali saluti",
		History: []*model.Metrics{m},
	})
	if err != nil {
		t.Fatal(err)
	}
	page := string(html)
	for _, want := range []string{
		"Dott.ssa Anna Bianchi, Responsabile", "Seriate, 1 dicembre 2026", // addressee, place and date
		"<li>le cartelle sono <strong>troppe</strong>;</li>", "&lt;script&gt;", // remarks rendered, HTML escaped
		"<td>Famiglia e minori</td><td>alta</td><td class=\"n\">12</td><td class=\"n\">40,0</td><td class=\"n\">480,0</td>", // breakdown
		"<th class=\"n\">480</th>",                   // its total, the weighted caseload
		"non dipende da quanto è completo il diario", // coverage does not undercut her
		"<svg", "soglia critica 110 %", // the chart with its thresholds
		"Pesi osservati nel diario", "Firma di Rossi Maria", "Metodo e fonti", "Workload Measurement Tool",
		"− ferie 32,0 giorni", // how leave enters the available hours
		"senza il santo patrono: il giorno della festa patronale del comune non è indicato", // the fixture's comune has none
	} {
		if !strings.Contains(page, want) {
			t.Errorf("statement lacks %q", want)
		}
	}
	if strings.Contains(page, "compreso il santo patrono") {
		t.Error("statement counts a patron day no one gave")
	}
	if strings.Contains(page, "<script>") {
		t.Error("statement holds a script")
	}
	if _, err := Statement(m, StatementOptions{OperatorID: "nessuno"}); err == nil {
		t.Error("unknown operator accepted")
	}
}

// The patron day is counted when given, and said not to be a working day
// when it falls on one that is not.
func TestPatronClause(t *testing.T) {
	t.Parallel()
	year := func(month time.Month, day int) model.AWT {
		return model.AvailableTime(model.AWTInput{Year: 2025, WeeklyHours: 36, PatronMonth: month, PatronDay: day}, model.DefaultConfig().AWT)
	}
	unknown, weekday, sunday := year(0, 0), year(8, 26), year(8, 24) // 26/08/2025 a Tuesday, 24/08 a Sunday
	if weekday.Holidays != unknown.Holidays+1 || sunday.Holidays != unknown.Holidays {
		t.Fatalf("holidays: %d unknown, %d on a Tuesday, %d on a Sunday", unknown.Holidays, weekday.Holidays, sunday.Holidays)
	}
	for _, c := range []struct {
		a    model.AWT
		want string
	}{
		{unknown, "non è indicato né nell'elenco dei comuni né nella configurazione; se cade in un giorno lavorativo, le ore disponibili qui sotto sono sovrastimate di 7,2 ore"},
		{weekday, ", compreso il santo patrono (26/08)"},
		{sunday, "(il santo patrono, 24/08, non cade in un giorno lavorativo del periodo)"},
	} {
		if got := patronClause(c.a); !strings.Contains(got, c.want) {
			t.Errorf("patron %q: %q, want %q", c.a.PatronDay, got, c.want)
		}
	}
}

// The quality section names the comuni whose patron day no one gave.
func TestPatronNote(t *testing.T) {
	t.Parallel()
	m := &model.Metrics{Comuni: []model.ComuneMetrics{{Name: "Seriate", PatronDay: "31/08"}, {Name: "Pedrengo"}}}
	got := (&builder{m: m}).patronNote()
	if !strings.Contains(got, "Festa patronale non indicata per 1 comune su 2 (Pedrengo)") {
		t.Errorf("note %q", got)
	}
	m.Comuni[1].PatronDay = "07/10"
	if got := (&builder{m: m}).patronNote(); got != "" {
		t.Errorf("every patron day given, yet %q", got)
	}
}

// TestPrintPDF prints the statement with the installed Chromium.
func TestPrintPDF(t *testing.T) {
	chromium(t)
	m := statementFixture(t)
	html, err := Statement(m, StatementOptions{OperatorID: "as1"})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir() + "/prospetto.pdf"
	if err := PrintPDF(context.Background(), html, out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 10000 {
		t.Errorf("not a PDF: %d bytes, %v", len(b), err)
	}
}

// TestNoBrowser checks the message when no browser is installed.
func TestNoBrowser(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("CARICO_BROWSER", "")
	err := PrintPDF(context.Background(), []byte("<p>x</p>"), t.TempDir()+"/x.pdf")
	if err != ErrNoBrowser || !strings.Contains(err.Error(), "Chrome, Chromium o Edge") {
		t.Errorf("err = %v, want ErrNoBrowser", err)
	}
}

// When the observed weights reverse the conclusion of the standard ones
// (5 ok, 1 attenzione, 1 critico against 1, 1, 5), the headline says so in
// the paragraph that gives the conclusion; when they agree, it does not.
func TestWeightsReversal(t *testing.T) {
	t.Parallel()
	sets := func(observed map[model.Status]int) *model.Metrics {
		return &model.Metrics{Config: model.DefaultConfig(), Weights: model.WeightSensitivity{InUse: model.SetStandard, Sets: []model.WeightSetResult{
			{WeightSet: model.WeightSet{Name: model.SetStandard, Label: "Pesi standard (valori di progetto)"}, InUse: true,
				Statuses: map[model.Status]int{model.StatusOK: 5, model.StatusWarning: 1, model.StatusCritical: 1}},
			{WeightSet: model.WeightSet{Name: model.SetObserved, Label: "Pesi osservati nel diario"}, Statuses: observed},
		}}}
	}
	reversed := sets(map[model.Status]int{model.StatusOK: 1, model.StatusWarning: 1, model.StatusCritical: 5})
	var para string
	for _, p := range Headline(reversed, nil, nil, false) {
		if strings.Contains(p, "pesi standard") {
			para = p
		}
	}
	for _, want := range []string{
		"Con i pesi standard (valori di progetto), usati nel rapporto, 5 su 7 operatori con cartelle sono entro le soglie",
		"con i pesi osservati nel diario 5 su 7 sarebbero oltre la soglia critica",
	} {
		if !strings.Contains(para, want) {
			t.Errorf("headline paragraph %q lacks %q", para, want)
		}
	}
	if got := WeightsReversal(reversed, true); !strings.Contains(got, "5 su 7") || strings.Contains(got, " 1 su") {
		t.Errorf("council's version: %q", got)
	}
	same := sets(map[model.Status]int{model.StatusOK: 4, model.StatusWarning: 1, model.StatusCritical: 2})
	if got := WeightsReversal(same, false); got != "" {
		t.Errorf("no reversal, yet %q", got)
	}
}

func TestWeightsHeadline(t *testing.T) {
	t.Parallel()
	m := statementFixture(t)
	got := WeightsHeadline(m)
	for _, want := range []string{"Pesi delle cartelle: con i pesi standard (valori di progetto), usati nel rapporto, servono ", "; con i pesi osservati nel diario servono "} {
		if !strings.Contains(got, want) {
			t.Errorf("headline %q lacks %q", got, want)
		}
	}
	if WeightsHeadline(&model.Metrics{}) != "" {
		t.Error("headline without sets")
	}
}

// TestStatementSustainedOverload: the statement says a sustained overload
// when the model found one, and says nothing of it otherwise.
func TestStatementSustainedOverload(t *testing.T) {
	t.Parallel()
	m := statementFixture(t)
	page := func() string {
		html, err := Statement(m, StatementOptions{OperatorID: "as1", History: []*model.Metrics{m}})
		if err != nil {
			t.Fatal(err)
		}
		return string(html)
	}
	if strings.Contains(page(), "Sovraccarico prolungato") {
		t.Error("a sustained overload said without one")
	}
	for i := range m.Operators {
		if m.Operators[i].ID == "as1" {
			since := model.DateOf(time.Date(2025, 11, 5, 0, 0, 0, 0, time.UTC))
			m.Operators[i].SustainedOverload = model.SustainedOverload{Weeks: 9, Since: &since}
		}
	}
	if p := page(); !strings.Contains(p, "da 9 settimane consecutive, dal 5 novembre 2025") {
		t.Error("the statement does not say the sustained overload")
	}
}
