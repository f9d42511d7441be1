package reports

import (
	"fmt"
	"sort"
	"strings"

	"github.com/carico/carico"
	"github.com/carico/carico/analytics"
	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

// Headline is what a Giunta reads in thirty seconds, in three to five
// sentences: the social workers missing to the legal levels, what hiring
// them costs, what the workload measures say and how sure they are, and the
// main caveat on the data. Every figure is one the report shows elsewhere,
// from the same computation. The politico version holds aggregates only.
func Headline(m *model.Metrics, a *analytics.Analysis, p *Plan, politico bool) []string {
	h := []string{staffingSentence(m)}
	if s := costSentence(m, p); s != "" {
		h = append(h, s)
	}
	h = append(h, workloadSentence(m, politico))
	if s := caveatSentence(m, a); s != "" {
		h = append(h, s)
	}
	return h
}

func staffingSentence(m *model.Metrics) string {
	a := m.Ambito
	who := "L'Ambito"
	if a.Name != "" {
		who = "L'" + ambitoLabel(a.Name)
	}
	ratio := "nessun assistente sociale a tempo indeterminato"
	if a.ResidentsPerPermanentSocialWorker != nil {
		ratio = "un assistente sociale a tempo indeterminato ogni " + italian.Number(*a.ResidentsPerPermanentSocialWorker, 0) + " residenti"
	}
	s := fmt.Sprintf("%s ha %s (%s FTE, cioè posti a tempo pieno equivalente, per %s residenti al %s).", who, ratio,
		model.FormatFTE(a.PermanentSocialWorkerFTE), italian.Count(a.Residents), italian.Date(m.Period.At.Time))
	switch {
	case a.FTEMissingLEP > 0:
		s += fmt.Sprintf(" Per il livello essenziale di 1 ogni 5.000 residenti (L. 178/2020) mancano %s FTE; per l'obiettivo di 1 ogni 4.000 ne mancano %s.",
			fteText(a.FTEMissingLEP), fteText(a.FTEMissingTarget))
	case a.FTEMissingTarget > 0:
		s += fmt.Sprintf(" Il livello essenziale di 1 ogni 5.000 residenti (L. 178/2020) è raggiunto; per l'obiettivo di 1 ogni 4.000 mancano %s FTE.", fteText(a.FTEMissingTarget))
	default:
		s += " Sia il livello essenziale di 1 ogni 5.000 residenti sia l'obiettivo di 1 ogni 4.000 (L. 178/2020) sono raggiunti."
	}
	return s
}

// fteText shows FTE with two decimals, as the LEPS tables do, so that a
// small shortfall never reads as 0.
func fteText(v float64) string { return italian.Number(v, 2) }

// costSentence prices the hires to 1:5.000 and 1:4.000 from the plan's
// threshold scenarios.
func costSentence(m *model.Metrics, p *Plan) string {
	if p == nil {
		return ""
	}
	cost := planning.DefaultCosts()[carico.RoleSocialWorker][carico.ContractPermanent]
	var parts []string
	for _, r := range p.Hires {
		a := r.Ambito
		if a.AddedCostEUR <= 0 {
			continue
		}
		hired := a.PermanentSocialWorkerFTE - m.Ambito.PermanentSocialWorkerFTE
		part := fmt.Sprintf("portare l'Ambito a %s (%s FTE in più, arrotondati per eccesso al centesimo) costa € %s l'anno", thresholdOf(r.Name), fteText(hired), italian.Number(a.AddedCostEUR, 0))
		if a.NetCostEUR <= 0 {
			part += fmt.Sprintf(", interamente coperti dal maggior contributo statale (ne resta un saldo a favore di € %s)", italian.Number(-a.NetCostEUR, 0))
		} else {
			part += fmt.Sprintf(", € %s al netto del maggior contributo statale", italian.Number(a.NetCostEUR, 0))
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("%s. Il costo di un FTE di assistente sociale a tempo indeterminato è di € %s l'anno (tabellare del CCNL Funzioni Locali con tredicesima, indennità di comparto e oneri a carico dell'ente); il contributo statale calcolato sugli FTE alla data di riferimento è di € %s l'anno (quello da dichiarare in SIOSS conta gli FTE medi dell'anno).",
		capitalise(strings.Join(parts, "; ")), italian.Number(cost, 0), italian.Number(m.Ambito.ContributionEUR, 0))
}

// thresholdOf reads the threshold out of a threshold scenario's name.
func thresholdOf(name string) string {
	if i := strings.Index(name, "1:"); i >= 0 {
		return name[i:]
	}
	return name
}

// percent writes a percentage with its Italian article: «il 137 %»,
// «l'83 %», «l'11 %».
func percent(v float64) string {
	n := italian.Number(v*100, 0)
	digits := strings.ReplaceAll(n, ".", "")
	if strings.HasPrefix(digits, "8") || digits == "1" || digits == "11" || (len(digits) == 5 && strings.HasPrefix(digits, "11")) {
		return "l'" + n + " %"
	}
	return "il " + n + " %"
}

func workloadSentence(m *model.Metrics, politico bool) string {
	var s string
	sw := team(m, string(carico.RoleSocialWorker))
	if c := checkOf(sw, "load"); c != nil && c.Value != nil {
		crit, n := 0, 0
		for _, o := range m.Operators {
			if o.Role == carico.RoleSocialWorker && o.InService && o.Load != nil {
				n++
				if o.Status == model.StatusCritical {
					crit++
				}
			}
		}
		who := fmt.Sprintf("%d su %d", crit, n)
		if politico && crit > 0 && crit < DefaultSmallCell {
			who = fmt.Sprintf("meno di %d su %d", DefaultSmallCell, n)
		}
		s = fmt.Sprintf("Le cartelle aperte degli assistenti sociali, %s, chiedono %s delle ore che hanno per il lavoro sui casi (soglia di attenzione 100 %%, critica 110 %%); %s sono oltre la soglia critica.",
			sw.Caseload.WeightedBy(), percent(*c.Value), who)
	}
	if w := m.Staffing.WISN.Category(carico.RoleSocialWorker); w != nil && w.Ratio != nil {
		s += fmt.Sprintf(" Secondo il metodo WISN dell'Organizzazione mondiale della sanità, che confronta il personale in servizio con quello necessario per le cartelle-anno del periodo secondo i pesi in uso e per il segretariato e le attività di supporto registrati nel diario, gli assistenti sociali in servizio, anche a tempo determinato, sono %s FTE su %s necessari (rapporto %s).",
			model.FormatFTE(w.ActualFTE), model.FormatFTE(w.RequiredFTE), italian.Number(*w.Ratio, 2))
	}
	if w := WeightsHeadline(m); w != "" && (!politico || !smallWeightCounts(m)) {
		s += " " + w
	}
	if r := WeightsReversal(m, politico); r != "" {
		s += " " + r
	}
	s += " Quanto sono affidabili: i pesi dei casi sono valori da tarare sul servizio (si misurano dal diario e li rivede un gruppo di operatori del servizio)"
	if c := checkOf(sw, "coverage"); c != nil && c.Value != nil {
		s += fmt.Sprintf(", e il diario documenta %s delle ore disponibili degli assistenti sociali, quindi le misure basate sul diario (come il WISN) %s.",
			percent(*c.Value), coverageMeaning(*c.Value, m.Config.Thresholds))
	} else {
		s += "."
	}
	return strings.TrimSpace(s)
}

// smallWeightCounts says whether a weight set puts one or two operators in
// a status: a count the council's version does not show.
func smallWeightCounts(m *model.Metrics) bool {
	for _, set := range m.Weights.Sets {
		for _, n := range set.Statuses {
			if n > 0 && n < DefaultSmallCell {
				return true
			}
		}
	}
	return false
}

func coverageMeaning(v float64, th model.ThresholdsConfig) string {
	switch {
	case v < th.CoverageLow:
		return "sottostimano il carico"
	case v > th.CoverageHigh:
		return "vanno lette con cautela (più ore del tempo disponibile)"
	default:
		return "sono attendibili per quanto documentato"
	}
}

// caveatSentence names the audit's heaviest finding.
func caveatSentence(m *model.Metrics, a *analytics.Analysis) string {
	if a == nil {
		if m.Quality.DormantCases == 0 {
			return ""
		}
		return fmt.Sprintf("Da verificare sui dati: %s cartelle aperte non hanno attività da un anno e gonfiano i carichi.", italian.Count(m.Quality.DormantCases))
	}
	rules := make([]analytics.Rule, 0, len(a.Audit))
	for _, r := range a.Audit {
		if r.Count > 0 && r.Severity != analytics.Low {
			rules = append(rules, r)
		}
	}
	if len(rules) == 0 {
		return "Il controllo della cartella non ha trovato problemi gravi nei dati."
	}
	rank := map[analytics.Severity]int{analytics.High: 0, analytics.Medium: 1}
	sort.SliceStable(rules, func(i, j int) bool {
		if rank[rules[i].Severity] != rank[rules[j].Severity] {
			return rank[rules[i].Severity] < rank[rules[j].Severity]
		}
		return rules[i].Count > rules[j].Count
	})
	r := rules[0]
	return fmt.Sprintf("Principale avvertenza sui dati (controllo della cartella, gravità %s): «%s» — %s su %s (%s).",
		r.Severity, strings.TrimSuffix(r.Description, "."), italian.Count(r.Count), italian.Count(r.Denominator), r.Base)
}

func checkOf(t *model.TeamMetrics, measure string) *model.Check {
	if t == nil {
		return nil
	}
	return check(t.Checks, measure)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
