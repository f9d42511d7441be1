package reports

import (
	"html/template"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/model"
)

// TestSummarize: a digest is the report as printed. The council's figures
// are the protected document's — every figure and lead sentence of the
// digest is in the politico's HTML, and none names an operator; an
// operatore's priorities are her own findings only.
func TestSummarize(t *testing.T) {
	t.Parallel()
	m := fixtureMetrics()
	gen := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	opt := Options{Audience: Politico, Analysis: fixtureAnalysis(), Plan: fixturePlan(), Generated: gen}
	d, err := Summarize(m, opt, "leps", "previsioni", "nessuna")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Write(t.TempDir(), m, opt)
	if err != nil {
		t.Fatal(err)
	}
	page := strings.NewReplacer(htmlText(LeadChartClause), "", htmlText(LeadChartClauseQuarters), "", htmlText(LeadTablesSentence), "").Replace(readText(t, files[1]))
	if len(d.Letter) == 0 || len(d.Figures) == 0 {
		t.Fatalf("politico digest: %d lead sentences, %d figures", len(d.Letter), len(d.Figures))
	}
	for _, l := range d.Letter {
		if !strings.Contains(page, htmlText(l)) {
			t.Errorf("lead sentence not in the report: %q", l)
		}
	}
	for _, f := range d.Figures {
		if !strings.Contains(page, htmlText(f.Text)) {
			t.Errorf("figure %s = %q not in the report", f.Label, f.Text)
		}
	}
	if len(d.Sections) != 2 || d.Sections[0].ID != "leps" || d.Sections[1].ID != "previsioni" {
		t.Errorf("sections %v, want leps and previsioni (an unknown ID is left out)", d.Sections)
	}
	for _, s := range d.Sections {
		for _, row := range s.Rows {
			for _, c := range row {
				for _, o := range m.Operators {
					if strings.Contains(c.Text, o.Name) {
						t.Errorf("politico digest, %s: %q names %s", s.ID, c.Text, o.Name)
					}
				}
			}
		}
	}

	op := m.Operators[0]
	op.Capacity = &model.Capacity{Factor: 0.8, Reductions: []model.ReductionView{{From: day(2025, 1, 1), Percent: 20, Reason: carico.ReasonCoordination}}}
	m.Operators[0] = op
	d, err = Summarize(m, Options{Audience: Operatore, OperatorID: op.ID, Analysis: fixtureAnalysis(), Generated: gen}, Priorities)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sections) != 1 {
		t.Fatalf("operatore digest: %d sections, want the priorities", len(d.Sections))
	}
	opCol := -1
	for j, c := range d.Sections[0].Columns {
		if c.Name == "Operatore" {
			opCol = j
		}
	}
	for _, row := range d.Sections[0].Rows {
		if row[1].Text != "…" && row[opCol].Text != op.Name {
			t.Errorf("operatore %s: priority of %q", op.Name, row[opCol].Text)
		}
	}
	if !strings.HasPrefix(d.Capacity, "80 %: riduzione del 20 % per") || len(d.Reductions) != 1 {
		t.Errorf("operatore digest: capacity %q, reductions %q", d.Capacity, d.Reductions)
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// htmlText is s as the dashboard's template escapes it.
func htmlText(s string) string { return template.HTMLEscapeString(s) }
