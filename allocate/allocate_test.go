package allocate

import (
	"strings"
	"testing"

	"github.com/carico/carico"
	"github.com/carico/carico/model"
)

// team is a hand-built team of four with 1,000 hours a year for case work
// each (so 10 hours = 1 %). The new cartella is famiglia e minori, alta
// complessità: 40 hours = 4 points of load with the standard weights.
//
//	anna   900 h (90 %), Seriate 100 %            → 94 %, ok, territory
//	bruno  500 h (50 %), Grassobbio 100 %         → 54 %, ok, no territory
//	carla 1080 h (108 %), Seriate 50 %, follows p1 → 112 %, critico, but continuity
//	dario  980 h (98 %), Seriate 100 %            → 102 %, attenzione
//	elena  700 h (70 %), Grassobbio, zone "Nord"  → 74 %, ok, zone
func team() []Worker {
	mk := func(id string, weighted float64, comuni map[string]float64, zones map[string]int, people map[string][]string) Worker {
		return Worker{ID: id, Name: strings.ToUpper(id[:1]) + id[1:], Weighted: weighted, CaseHours: 1000, Comuni: comuni, Zones: zones, People: people}
	}
	return []Worker{
		mk("anna", 900, map[string]float64{"016203": 1}, nil, nil),
		mk("bruno", 500, map[string]float64{"016113": 1}, nil, nil),
		mk("carla", 1080, map[string]float64{"016203": 0.5, "016113": 0.5}, nil, map[string][]string{"p1": {"C7"}}),
		mk("dario", 980, map[string]float64{"016203": 1}, nil, nil),
		mk("elena", 700, map[string]float64{"016113": 1}, map[string]int{"Nord": 3}, nil),
	}
}

func TestRank(t *testing.T) {
	t.Parallel()
	cfg := model.DefaultConfig()
	req := Request{Area: carico.AreaFamily, Complexity: 3, ISTAT: "016203", ComuneName: "Seriate", Zone: "Nord", Person: "p1"}
	got := Rank(team(), req, cfg.Caseload, cfg.Thresholds)
	var order []string
	for _, c := range got {
		order = append(order, c.ID)
	}
	// carla first (continuity, even over the red threshold); then the ok
	// band with territory (anna: comune; elena: zone — anna's load after is
	// higher but both have territory, so the lower load wins), then bruno
	// (ok, no territory), then dario (attenzione).
	if want := "carla elena anna bruno dario"; strings.Join(order, " ") != want {
		t.Fatalf("order %v, want %s", order, want)
	}
	if c := got[0]; c.Status != model.StatusCritical || len(c.Continuity) != 1 || !strings.Contains(c.Reason, "segue già la stessa persona") || !strings.Contains(c.Reason, "dal 108 % al 112 %") || !strings.Contains(c.Reason, "soglia critica") {
		t.Errorf("carla: %+v", c)
	}
	if r := got[1].Reason; !strings.Contains(r, "zona Nord") || !strings.HasPrefix(r, "2. Elena:") {
		t.Errorf("elena: %s", r)
	}
	if r := got[2].Reason; !strings.Contains(r, "opera a Seriate (100 % del suo tempo)") || !strings.Contains(r, "dal 90 % al 94 %") {
		t.Errorf("anna: %s", r)
	}
	if r := got[4].Reason; !strings.Contains(r, "soglia di attenzione") {
		t.Errorf("dario: %s", r)
	}

	// Without a person, continuity plays no part; a low-complexity anziani
	// cartella (5 h) keeps dario at 98,5 %: within the threshold, and in
	// Seriate, so he now comes before bruno.
	req = Request{Area: carico.AreaElderly, Complexity: 1, ISTAT: "016203", ComuneName: "Seriate"}
	got = Rank(team(), req, cfg.Caseload, cfg.Thresholds)
	order = order[:0]
	for _, c := range got {
		order = append(order, c.ID)
	}
	if want := "anna dario bruno elena carla"; strings.Join(order, " ") != want {
		t.Errorf("order without person %v, want %s", order, want)
	}
}

// A worker the queue finds absent comes last, with the reason said first,
// even with the lowest load and the person's other cartella.
func TestRankAbsentLast(t *testing.T) {
	t.Parallel()
	cfg := model.DefaultConfig()
	tm := team()
	markAbsent(tm, []Item{
		{Kind: KindAbsent, Holder: "bruno"}, {Kind: KindAbsent, Holder: "carla"},
		{Kind: KindHolderOut, Holder: "anna"}, // left: her holder is out, she is not absent
	})
	req := Request{Area: carico.AreaFamily, Complexity: 3, ISTAT: "016203", ComuneName: "Seriate", Zone: "Nord", Person: "p1"}
	got := Rank(tm, req, cfg.Caseload, cfg.Thresholds)
	var order []string
	for _, c := range got {
		order = append(order, c.ID)
	}
	if want := "elena anna dario carla bruno"; strings.Join(order, " ") != want {
		t.Fatalf("order %v, want %s", order, want)
	}
	for _, c := range got[3:] {
		if !c.Absent || !strings.Contains(c.Reason, ": risulta assente: le sue cartelle sono nella coda come «titolare assente»; ") {
			t.Errorf("%s: %+v", c.ID, c)
		}
	}
	if got[0].Absent || strings.Contains(got[0].Reason, "assente") {
		t.Errorf("elena: %+v", got[0])
	}
}
