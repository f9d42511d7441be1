package reports

import (
	"strings"
	"testing"
)

// TestChartsTellTheTruth checks, on the responsabile's document, that the
// charts of load and LEPS carry their thresholds, are sorted worst first,
// and name a comune without social workers instead of drawing it as the
// shortest bar.
func TestChartsTellTheTruth(t *testing.T) {
	doc, err := build(fixtureMetrics(), withSections(Options{Audience: Responsabile, SmallCell: 3, Generated: generated}))
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]*section{}
	for i := range doc.Sections {
		sections[doc.Sections[i].ID] = &doc.Sections[i]
	}

	leps := sections["leps"]
	c := leps.Charts[0]
	if len(c.Refs) != 2 || c.Refs[0].Value != 5000 || c.Refs[1].Value != 4000 {
		t.Errorf("LEPS chart thresholds %+v, want 5.000 and 4.000", c.Refs)
	}
	if got := c.category(leps.Table.Columns, leps.Table.Rows[0]); got != "Pedrengo (nessun AS)" {
		t.Errorf("first LEPS bar %q, want Pedrengo named as without social workers", got)
	}
	opt, err := echartsOption(leps, c)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"markLine"`, "livello essenziale 1:5.000", "obiettivo 1:4.000", "Pedrengo (nessun AS)"} {
		if !strings.Contains(opt, want) {
			t.Errorf("LEPS chart option lacks %s", want)
		}
	}
	for i := 2; i < len(leps.Table.Rows)-1; i++ { // comuni with a ratio, largest first; the Ambito last
		if prev, cur := leps.Table.Rows[i-1][5], leps.Table.Rows[i][5]; !prev.Missing && prev.Num < cur.Num {
			t.Errorf("LEPS rows not sorted: %v before %v", prev.Num, cur.Num)
		}
	}

	load := sections["carico"]
	c = load.Charts[0]
	if len(c.Refs) != 2 || c.Refs[0].Value != 1 || c.Refs[1].Value != 1.1 {
		t.Errorf("load chart thresholds %+v, want 100 %% and 110 %%", c.Refs)
	}
	rows := c.rows(load.Table)
	for i := 1; i < len(rows); i++ {
		if rows[i-1][7].Num < rows[i][7].Num {
			t.Errorf("load rows not sorted: %v before %v", rows[i-1][7].Num, rows[i][7].Num)
		}
	}
	// The second chart of the table is sorted by its own figure.
	c = load.Charts[1]
	order := c.order(load.Table)
	for i := 1; i < len(order); i++ {
		if prev, cur := rows[order[i-1]][5], rows[order[i]][5]; !cur.Missing && prev.Num < cur.Num {
			t.Errorf("cases-per-FTE chart not sorted: %v before %v", prev.Num, cur.Num)
		}
	}
}
