package segnalazioni

import (
	"strings"
	"testing"
	"time"

	"github.com/carico/carico/allocate"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/model"
)

func day(s string) model.Date {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return model.DateOf(t)
}

// TestCheckStep walks the statuses: the allowed moves, and a plan that
// lacks an action, a date or the follow-up.
func TestCheckStep(t *testing.T) {
	t.Parallel()
	follow := day("2026-02-01")
	plan := []Action{{Kind: "pausa", Text: "Nessuna nuova cartella", Date: day("2026-01-15")}}
	for _, c := range []struct {
		cur  Status
		st   Step
		want string
	}{
		{Aperta, Step{Status: PresaInCarico}, ""},
		{Aperta, Step{Status: PianoConcordato, Plan: plan, FollowUp: &follow}, "non può passare"},
		{PresaInCarico, Step{Status: PianoConcordato}, "almeno un'azione"},
		{PresaInCarico, Step{Status: PianoConcordato, Plan: []Action{{Kind: "pausa", Text: "x"}}, FollowUp: &follow}, "azione 1"},
		{PresaInCarico, Step{Status: PianoConcordato, Plan: []Action{{Kind: "vacanza", Text: "x", Date: follow}}, FollowUp: &follow}, "azione 1"},
		{PresaInCarico, Step{Status: PianoConcordato, Plan: plan}, "data della verifica"},
		{PresaInCarico, Step{Status: PianoConcordato, Plan: plan, FollowUp: &follow}, ""},
		{PianoConcordato, Step{Status: PianoConcordato, Plan: plan, FollowUp: &follow}, ""}, // a corrected plan
		{PianoConcordato, Step{Status: Verificata}, ""},
		{Verificata, Step{Status: Chiusa}, ""},
		{Chiusa, Step{Status: Aperta}, "non può passare"},
	} {
		err := CheckStep(c.cur, c.st)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s → %s: %v, want %q", c.cur, c.st.Status, err, c.want)
		}
	}
}

// TestAssembleAndProtect builds three segnalazioni from register rows: the
// current status, plan, protocol and follow-up come from the latest step
// that states them; days to plan count from the filing to the first plan;
// the council sees the count (3) and the median days to plan only with at
// least 3 plans; the due and planned lists follow the statuses.
func TestAssembleAndProtect(t *testing.T) {
	t.Parallel()
	at := func(s string) time.Time { return day(s).Time.Add(9 * time.Hour) }
	list := []app.Segnalazione{
		{ID: 1, Operator: "a", Name: "Anna", FiledAt: at("2026-01-02"), Figures: `{"open_cases":90}`},
		{ID: 2, Operator: "b", Name: "Bruno", FiledAt: at("2026-01-05"), Figures: `{"open_cases":80}`},
		{ID: 3, Operator: "c", Name: "Carla", FiledAt: at("2026-01-05"), Figures: `{"open_cases":70}`},
	}
	plan := `[{"kind":"pausa","text":"stop","date":"2026-01-20"}]`
	steps := []app.Step{
		{Segnalazione: 1, Status: "aperta", At: at("2026-01-02")},
		{Segnalazione: 1, Status: "presa_in_carico", At: at("2026-01-03"), Protocol: "P/1"},
		{Segnalazione: 1, Status: "piano_concordato", At: at("2026-01-12"), Plan: plan, FollowUp: at("2026-02-01")},
		{Segnalazione: 1, Status: "piano_concordato", At: at("2026-01-14"), Plan: plan, FollowUp: at("2026-02-10")},
		{Segnalazione: 2, Status: "aperta", At: at("2026-01-05")},
		{Segnalazione: 3, Status: "aperta", At: at("2026-01-05")},
		{Segnalazione: 3, Status: "presa_in_carico", At: at("2026-01-06")},
		{Segnalazione: 3, Status: "piano_concordato", At: at("2026-01-09"), Plan: plan, FollowUp: at("2026-01-30")},
		{Segnalazione: 3, Status: "chiusa", At: at("2026-02-01")},
	}
	es, err := Assemble(list, steps)
	if err != nil {
		t.Fatal(err)
	}
	a := es[0]
	if a.Status != PianoConcordato || a.Protocol != "P/1" || a.FollowUp.Format(time.DateOnly) != "2026-02-10" || *a.DaysToPlan != 10 || len(a.Steps) != 4 || a.Figures.OpenCases != 90 {
		t.Errorf("first: %+v", a)
	}
	if es[1].Status != Aperta || es[1].DaysToPlan != nil || es[2].Status != Chiusa || *es[2].DaysToPlan != 4 {
		t.Errorf("others: %+v %+v", es[1], es[2])
	}
	if p := Planned(es); !p["a"] || p["b"] || p["c"] {
		t.Errorf("planned %v", p)
	}
	if f := FollowUps(es); len(f) != 1 || f[0].ID != 1 {
		t.Errorf("follow-ups %+v", f)
	}
	g := Protect(es, 3)
	if g.Count != "3" || g.Plans != "<3" || g.MedianDaysToPlan != "non pubblicata" {
		t.Errorf("aggregate %+v", g)
	}
	if g := Protect(es[:1], 3); g.Count != "<3" {
		t.Errorf("one segnalazione: %+v", g)
	}
	es[1].DaysToPlan = new(int)
	*es[1].DaysToPlan = 2
	if g := Protect(es, 3); g.MedianDaysToPlan != "4,0 giorni" {
		t.Errorf("median of 10, 2, 4: %+v", g)
	}
	due := allocate.DueItems(nil, []model.OperatorMetrics{
		{ID: "a", Name: "Anna", SustainedOverload: model.SustainedOverload{Weeks: 5, Since: &a.From}},
		{ID: "b", Name: "Bruno", SustainedOverload: model.SustainedOverload{Weeks: 6, Since: &a.From}},
	}, Planned(es), FollowUps(es), day("2026-02-10"))
	if len(due) != 2 || due[0].Kind != "sovraccarico" || due[0].Operator != "b" || due[1].Kind != "verifica" {
		t.Errorf("due: %+v", due)
	}
}
