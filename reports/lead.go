package reports

import (
	"fmt"
	"strconv"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

// councilLead is the page a Giunta reads first (issue 22), short enough to
// read aloud in two minutes: where the Ambito stands on the LEPS and what
// reaching it costs, the load of the service in one sentence, what changed
// since last year, what the figures ask for. It is written after the
// disclosure audit and takes the yearly figures from the protected
// document, so it can print nothing the tables hide.
func councilLead(d *document, m *model.Metrics, p *Plan, few bool) []string {
	out := []string{staffingSentence(m)}
	if s := leadCost(p); s != "" {
		out = append(out, s)
	}
	if s := leadLoad(m, d.Quarterly); s != "" && !few {
		out = append(out, s)
	}
	out = append(out, leadChange(d, m))
	if s := leadAsk(m, few); s != "" {
		out = append(out, s)
	}
	return out
}

// LeadChartClause points the council's lead to the chart drawn under it;
// a digest, which draws no chart, leaves it out.
const LeadChartClause = "; il grafico qui sotto mostra le cartelle aperte a fine mese"

// LeadChartClauseQuarters is LeadChartClause when the council's series go
// by quarter.
const LeadChartClauseQuarters = "; il grafico qui sotto mostra le cartelle aperte a fine trimestre"

// LeadTablesSentence points the council's lead to the tables that follow
// it in the report; a digest, which has none after the lead, leaves it out.
const LeadTablesSentence = " Le tabelle che seguono sono l'allegato con il dettaglio."

// leadCost prices the LEPS from the plan's threshold scenarios, as the
// Scenari sheet does.
func leadCost(p *Plan) string {
	if p == nil {
		return ""
	}
	for _, r := range p.Hires {
		a := r.Ambito
		if a.AddedCostEUR <= 0 {
			continue
		}
		net := fmt.Sprintf("€ %s al netto del maggior contributo statale", italian.Number(a.NetCostEUR, 0))
		if a.NetCostEUR <= 0 {
			net = "interamente coperti dal maggior contributo statale"
		}
		return fmt.Sprintf("Arrivare a %s costa € %s l'anno, %s.", thresholdOf(r.Name), italian.Number(a.AddedCostEUR, 0), net)
	}
	return ""
}

// leadLoad is the load of the social workers in one sentence, with how
// far the diario can be trusted.
func leadLoad(m *model.Metrics, quarterly bool) string {
	sw := team(m, string(carico.RoleSocialWorker))
	c := checkOf(sw, "load")
	if c == nil || c.Value == nil {
		return ""
	}
	clause := LeadChartClause
	if quarterly {
		clause = LeadChartClauseQuarters
	}
	s := fmt.Sprintf("Il carico: le cartelle aperte degli assistenti sociali, %s, chiedono %s delle ore che hanno per il lavoro sui casi (attenzione oltre il 100 %%, critico oltre il 110 %%)"+clause+".", sw.Caseload.WeightedBy(), percent(*c.Value))
	if cov := checkOf(sw, "coverage"); cov != nil && cov.Value != nil {
		s += fmt.Sprintf(" I pesi sono da tarare sul servizio; il diario documenta %s delle ore disponibili.", percent(*cov.Value))
	}
	return s
}

// leadChange compares the year with the one before on the figures the
// document publishes: new cartelle in the year and open cartelle at its
// end. It says so when the comparison is not available.
func leadChange(d *document, m *model.Metrics) string {
	year := m.Period.To.Year()
	var parts []string
	this, ok1 := publishedFigure(d, "new@period")
	before, ok2 := yearSum(d, "new@", year-1)
	if ok1 && ok2 && before > 0 {
		parts = append(parts, fmt.Sprintf("%s nuove cartelle nel %d contro %s nel %d (%s)", italian.Number(this, 0), year, italian.Number(before, 0), year-1, change(this, before)))
	}
	last := "-12"
	if d.Quarterly {
		last = "-T4"
	}
	end, ok1 := publishedFigure(d, "open@"+strconv.Itoa(year)+last)
	prev, ok2 := publishedFigure(d, "open@"+strconv.Itoa(year-1)+last)
	if ok1 && ok2 && prev > 0 {
		parts = append(parts, fmt.Sprintf("%s cartelle aperte a fine anno contro %s un anno prima (%s)", italian.Number(end, 0), italian.Number(prev, 0), change(end, prev)))
	}
	if len(parts) == 0 {
		return "Rispetto all'anno prima: il confronto non è disponibile (serve la storia dei due anni, nel foglio Previsioni, senza dati riservati)."
	}
	s := "Rispetto all'anno prima: " + parts[0]
	if len(parts) > 1 {
		s += "; " + parts[1]
	}
	return s + "."
}

// change is the relative change of v from before, in words.
func change(v, before float64) string {
	d := (v - before) / before
	switch {
	case d > 0.005:
		return "+" + italian.Number(d*100, 0) + " %"
	case d < -0.005:
		return "−" + italian.Number(-d*100, 0) + " %"
	}
	return "invariate"
}

// leadAsk is what the figures ask for: the social workers missing to the
// essential level, and the staff the recorded work needs (WISN).
func leadAsk(m *model.Metrics, few bool) string {
	s := ""
	if a := m.Ambito; a.FTEMissingLEP > 0 {
		s = fmt.Sprintf("Che cosa chiedono i dati: %s FTE di assistenti sociali a tempo indeterminato per il livello essenziale", fteText(a.FTEMissingLEP))
	}
	if w := m.Staffing.WISN.Category(carico.RoleSocialWorker); w != nil && w.Ratio != nil && *w.Ratio < 1 && !few {
		wisn := fmt.Sprintf("per il lavoro registrato nel diario servono %s FTE di assistenti sociali, ne sono in servizio %s (metodo WISN dell'OMS)",
			italian.Number(w.RequiredFTE, 1), italian.Number(w.ActualFTE, 1))
		if s == "" {
			s = "Che cosa chiedono i dati: " + wisn
		} else {
			s += "; " + wisn
		}
	}
	if s == "" {
		return ""
	}
	return s + "." + LeadTablesSentence
}

// publishedFigure is the value of the figure named id (value.Cell) when the
// document shows it somewhere in clear, and never hides it.
func publishedFigure(d *document, id string) (float64, bool) {
	v, found, hidden := 0.0, false, false
	visit := func(x value) {
		if x.Cell != id {
			return
		}
		if x.Missing {
			hidden = true
			return
		}
		v, found = x.Num, true
	}
	for _, h := range d.Headline {
		visit(h.Value)
	}
	for _, s := range d.Sections {
		for _, t := range append([]table{s.Table}, blockTables(s.More)...) {
			for _, r := range t.Rows {
				for _, x := range r {
					visit(x)
				}
			}
		}
	}
	return v, found && !hidden
}

func blockTables(bs []block) []table {
	out := make([]table, len(bs))
	for i, b := range bs {
		out[i] = b.Table
	}
	return out
}

// yearSum adds the twelve published monthly figures prefix+"YYYY-MM" of
// year, or its four quarters prefix+"YYYY-Tn" when the series go by
// quarter; false when a month or quarter is missing or hidden.
func yearSum(d *document, prefix string, year int) (float64, bool) {
	sum := func(keys []string) (float64, bool) {
		s := 0.0
		for _, k := range keys {
			v, ok := publishedFigure(d, prefix+k)
			if !ok {
				return 0, false
			}
			s += v
		}
		return s, true
	}
	var months, quarters []string
	for mo := 1; mo <= 12; mo++ {
		months = append(months, fmt.Sprintf("%d-%02d", year, mo))
	}
	for q := 1; q <= 4; q++ {
		quarters = append(quarters, fmt.Sprintf("%d-T%d", year, q))
	}
	if v, ok := sum(months); ok {
		return v, true
	}
	return sum(quarters)
}
