package reports

import (
	"strings"
	"testing"
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

// TestPoliticoAuditCatchesStockFlow: the same document with August's
// complementary cells put back in clear leaks August's openings through
// open at the end of July + opened − closed = open at the end of August.
func TestPoliticoAuditCatchesStockFlow(t *testing.T) {
	t.Parallel()
	d, err := build(fixtureMetrics(), Options{Audience: Politico, SmallCell: DefaultSmallCell, Analysis: fixtureAnalysis()})
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
		if f.ID == "new@2025-08" {
			if f.Safe || f.Lo != 2 || f.Hi != 2 {
				t.Errorf("August's openings: [%g, %g] safe=%v, want pinned at 2", f.Lo, f.Hi, f.Safe)
			}
			return
		}
	}
	t.Error("August's openings not audited")
}
