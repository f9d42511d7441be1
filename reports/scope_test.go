package reports

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico"
)

// TestScopeIsAView checks that a scoped report shows, of every table, either
// the whole table marked «intero Ambito» or exactly the rows of the whole
// report's table for its comune or area, cell for cell — suppression marks
// of the politico version included.
func TestScopeIsAView(t *testing.T) {
	t.Parallel()
	m := fixtureMetrics()
	for _, aud := range []Audience{Responsabile, Politico} {
		for _, sc := range []Scope{{Comune: "016203"}, {Comune: "016001"}, {Area: carico.AreaElderly}, {Comune: "016203", Area: carico.AreaFamily}} {
			opt := withSections(Options{Audience: aud, SmallCell: DefaultSmallCell, Generated: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)})
			whole, err := build(m, opt)
			if err != nil {
				t.Fatal(err)
			}
			part, err := build(m, opt)
			if err != nil {
				t.Fatal(err)
			}
			if err := part.scope(m, sc); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(part.Notes[0], "Filtro: ") || !strings.Contains(part.Subtitle, "filtro: ") {
				t.Errorf("%s %+v: the scope is not said: %q / %q", aud, sc, part.Subtitle, part.Notes[0])
			}
			filtered := 0
			for i, s := range part.Sections {
				w := whole.Sections[i]
				if s.ID == "metodo" {
					if !reflect.DeepEqual(s, w) {
						t.Errorf("%s %+v: the method section changed", aud, sc)
					}
					continue
				}
				filtered += checkScoped(t, string(aud)+" "+w.Title, w.Title, s.Title, w.Table, s.Table, sc)
				for j, blk := range s.More {
					filtered += checkScoped(t, string(aud)+" "+w.More[j].Title, w.More[j].Title, blk.Title, w.More[j].Table, blk.Table, sc)
				}
			}
			if filtered == 0 {
				t.Errorf("%s %+v: no table is filtered", aud, sc)
			}
		}
	}
}

// checkScoped compares one table of the scoped report with the whole
// report's, and returns 1 when the scope filtered it.
func checkScoped(t *testing.T, what, wholeTitle, title string, whole, part table, sc Scope) int {
	t.Helper()
	if len(whole.Columns) == 0 {
		return 0
	}
	suffix, ok := strings.CutPrefix(title, wholeTitle)
	if !ok {
		t.Errorf("%s: title %q", what, title)
		return 0
	}
	if suffix == " — intero Ambito" {
		if !reflect.DeepEqual(whole.Rows, part.Rows) {
			t.Errorf("%s: marked «intero Ambito» but its rows differ", what)
		}
		return 0
	}
	if !strings.HasPrefix(suffix, " — solo ") {
		t.Errorf("%s: title does not say what it covers: %q", what, suffix)
	}
	var want [][]value
	for _, r := range whole.Rows {
		keep := true
		for c, col := range whole.Columns {
			switch col.Dim {
			case dimComune:
				keep = keep && (sc.Comune == "" || r[c].Key == sc.Comune)
			case dimArea:
				keep = keep && (sc.Area == "" || r[c].Key == string(sc.Area))
			}
		}
		if keep {
			want = append(want, r)
		}
	}
	if !reflect.DeepEqual(want, part.Rows) {
		t.Errorf("%s: scoped rows\n%v\nwant the whole report's\n%v", what, part.Rows, want)
	}
	return 1
}

// TestScopeLEPSRow pins the comune's own figures: its LEPS row under a
// comune filter is the row of the whole report, numbers included.
func TestScopeLEPSRow(t *testing.T) {
	t.Parallel()
	m := fixtureMetrics()
	d, err := build(m, Options{Audience: Politico, SmallCell: DefaultSmallCell})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.scope(m, Scope{Comune: "016203"}); err != nil {
		t.Fatal(err)
	}
	for _, s := range d.Sections {
		if s.ID != "leps" {
			continue
		}
		if len(s.Table.Rows) != 1 {
			t.Fatalf("LEPS under a comune filter: %d rows, want 1", len(s.Table.Rows))
		}
		for _, c := range m.Comuni {
			if c.ISTAT == "016203" {
				r := s.Table.Rows[0]
				if r[1].Text != c.ISTAT || int(r[2].Num) != c.Residents || r[3].Num != c.SocialWorkerFTE {
					t.Errorf("LEPS row %v, want %s with %d residents and %.2f FTE", r[:4], c.ISTAT, c.Residents, c.SocialWorkerFTE)
				}
			}
		}
		return
	}
	t.Fatal("no LEPS section")
}

func TestScopeRefused(t *testing.T) {
	t.Parallel()
	m := fixtureMetrics()
	for _, c := range []struct {
		aud  Audience
		sc   Scope
		want string
	}{
		{Operatore, Scope{Comune: "016203"}, "prospetto personale"},
		{Responsabile, Scope{Comune: "999999"}, "non è tra i comuni"},
		{Politico, Scope{Area: "giovani"}, "area di utenza sconosciuta"},
	} {
		_, err := Write(t.TempDir(), m, Options{Audience: c.aud, OperatorID: "AS01", Scope: c.sc})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %+v: error %v, want %q", c.aud, c.sc, err, c.want)
		}
	}
}

// TestGroupFlowsForTheCouncil: the flows by comune and area are protected
// like the comune's open cartelle, and left out when a quarter of the
// period is too small to publish (a small month only puts the series by
// quarter), since their sums would give the hidden period totals back.
func TestGroupFlowsForTheCouncil(t *testing.T) {
	t.Parallel()
	m := fixtureMetrics()
	find := func(d *document, title string) *block {
		for _, s := range d.Sections {
			for i := range s.More {
				if strings.HasPrefix(s.More[i].Title, title) {
					return &s.More[i]
				}
			}
		}
		return nil
	}
	a := fixtureAnalysisSmallQuarter() // the third quarter has two openings: the period's totals are hidden
	d, err := build(m, Options{Audience: Politico, SmallCell: DefaultSmallCell, Analysis: a})
	if err != nil {
		t.Fatal(err)
	}
	if find(d, "Cartelle aperte e chiuse nel periodo, per comune") != nil || find(d, "Cartelle aperte nel periodo, per area") != nil {
		t.Error("flows by comune or area published beside a hidden period total")
	}
	a = fixtureAnalysis() // August has two openings, the third quarter 55
	d, err = build(m, Options{Audience: Politico, SmallCell: DefaultSmallCell, Analysis: a})
	if err != nil {
		t.Fatal(err)
	}
	blk := find(d, "Cartelle aperte e chiuse nel periodo, per comune")
	if blk == nil || find(d, "Cartelle aperte nel periodo, per area") == nil {
		t.Fatal("flows by comune or area missing")
	}
	got := map[string][]string{}
	for _, r := range blk.Table.Rows {
		got[r[0].Text] = []string{kindCount.format(r[1]), kindCount.format(r[2])}
	}
	// Grassobbio's 2 openings and Adrara San Martino's are the work of
	// two operators: withheld;
	// Seriate's, of more, hidden all the same by the audit, or the total
	// would pin Adrara's.
	if got["Grassobbio"][0] != "n.d." || got["Adrara San Martino"][0] != "n.d." || got["Seriate"][0] != "n.d." || got["Totale"][0] != "42" {
		t.Errorf("flows by comune for the council: %v", got)
	}
}
