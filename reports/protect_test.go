package reports

import (
	"strings"
	"testing"

	"github.com/carico/carico/model"
)

// TestPoliticoAudit reads the finished council document again as an
// attacker would — every figure, every relation, the marks — and finds no
// hidden figure that the rest gives back; it also checks that the audit
// had work to do and that the Sintesi says so.
func TestPoliticoAudit(t *testing.T) {
	t.Parallel()
	d, err := build(fixtureMetrics(), Options{Audience: Politico, SmallCell: DefaultSmallCell, Analysis: fixtureAnalysis(), Plan: fixturePlan()})
	if err != nil {
		t.Fatal(err)
	}
	l := ledgerOf(d, DefaultSmallCell)
	findings, err := l.set.Audit()
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) == 0 {
		t.Fatal("no protected cell audited, yet the fixture has small cells")
	}
	for _, f := range findings {
		if !f.Safe {
			t.Errorf("%s: a reader narrows it to [%g, %g], the rules need [%g, %g]", f.ID, f.Lo, f.Hi, f.Need[0], f.Need[1])
		}
	}
	hidden, _ := l.set.Hidden()
	if hidden <= len(findings) {
		t.Errorf("%d hidden cells for %d sensitive ones: no complementary suppression, yet August's «<3» sits in a stock-flow chain", hidden, len(findings))
	}
	if len(l.set.Relations) < 20 {
		t.Errorf("only %d relations read from the document", len(l.set.Relations))
	}
	said := false
	for _, n := range d.Notes {
		said = said || strings.Contains(n, "nessuna ricavabile dagli altri dati pubblicati")
	}
	if !said {
		t.Error("the Sintesi does not state the audit's result")
	}
}

// TestPoliticoAuditCatchesStockFlow: the same document with the third
// quarter's complementary cells put back in clear leaks its openings (2)
// through open at the end of June + opened − closed = open at the end of
// September. (A small month alone puts the series by quarter.)
func TestPoliticoAuditCatchesStockFlow(t *testing.T) {
	t.Parallel()
	d, err := build(fixtureMetrics(), Options{Audience: Politico, SmallCell: DefaultSmallCell, Analysis: fixtureAnalysisSmallQuarter()})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range d.Sections {
		if s.Sheet != "Flussi" {
			continue
		}
		for _, r := range s.Table.Rows {
			for i, v := range r {
				if v.Secret == complement {
					r[i] = count(int(v.Held)).as(v.Cell) // undo the secondary suppression
				}
			}
		}
	}
	findings, err := ledgerOf(d, DefaultSmallCell).set.Audit()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.ID == "new@2025-T3" {
			if f.Safe || f.Lo != 2 || f.Hi != 2 {
				t.Errorf("the third quarter's openings: [%g, %g] safe=%v, want pinned at 2", f.Lo, f.Hi, f.Safe)
			}
			return
		}
	}
	t.Error("the third quarter's openings not audited")
}

// TestPoliticoZeroIsZero: a count of 0 reads 0 and its share 0 %, never
// «n.d.», which would suggest something hidden (issue 22).
func TestPoliticoZeroIsZero(t *testing.T) {
	t.Parallel()
	a := fixtureAnalysis()
	a.Audit[0].Count, a.Audit[0].Share = 0, fp(0)
	a.Reopenings.Reopened, a.Reopenings.Share = 0, fp(0)
	d, err := build(fixtureMetrics(), Options{Audience: Politico, SmallCell: DefaultSmallCell, Analysis: a})
	if err != nil {
		t.Fatal(err)
	}
	// The first audit rule and the reopenings, both 0.
	if got := cellText(d, "Controlli sulla cartella", 0, 3); got != "0,0 %" {
		t.Errorf("share of a rule with no case: %q, want 0,0 %%", got)
	}
	for _, s := range d.Sections {
		for _, b := range s.More {
			if strings.HasPrefix(b.Title, "Riaperture") {
				if got := kindPercent.format(b.Table.Rows[0][2]); got != "0,0 %" {
					t.Errorf("share of no reopening: %q, want 0,0 %%", got)
				}
				return
			}
		}
	}
	t.Error("no table of reopenings")
}

// cellText is the text of row r, column c of the first table of sheet.
func cellText(d *document, sheet string, r, c int) string {
	for _, s := range d.Sections {
		if s.Sheet == sheet {
			return s.Table.Columns[c].Kind.format(s.Table.Rows[r][c])
		}
	}
	return ""
}

// TestPoliticoStatusCounts: the social workers by status under a weight
// set, 5 / «<3» / «<3», beside the 7 social workers of Equità del carico,
// would make each «<3» exactly 1; the audit hides more.
func TestPoliticoStatusCounts(t *testing.T) {
	t.Parallel()
	m := fixtureMetrics()
	m.Weights.Sets = []model.WeightSetResult{{InUse: true, RequiredFTE: 6, ActualFTE: 5.8,
		Statuses: map[model.Status]int{model.StatusOK: 5, model.StatusWarning: 1, model.StatusCritical: 1}}}
	a := fixtureAnalysis()
	a.Balance.Roles[0].WeightedCaseloadPerFTE.N, a.Balance.Roles[0].CommunityShare.N = 7, 7
	d, err := build(m, Options{Audience: Politico, SmallCell: DefaultSmallCell, Analysis: a})
	if err != nil {
		t.Fatal(err)
	}
	row := d.Sections[0].Table.Rows[0]
	for _, s := range d.Sections {
		if s.Sheet == "Pesi a confronto" {
			row = s.Table.Rows[0]
		}
	}
	if !row[8].Missing { // «Operatori con carico adeguato», after the WISN columns
		t.Errorf("5 social workers adequate shown beside «<3», «<3» and 7 in all: %q", kindCount.format(row[8]))
	}
	findings, err := ledgerOf(d, DefaultSmallCell).set.Audit()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if !f.Safe {
			t.Errorf("%s recoverable: [%g, %g]", f.ID, f.Lo, f.Hi)
		}
	}
}
