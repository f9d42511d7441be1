package reports

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/analytics"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

// builder turns Metrics into the document of one audience.
type builder struct {
	m   *model.Metrics
	opt Options
	k   int                    // small-cell threshold (politico only)
	op  *model.OperatorMetrics // the operatore audience's operator
	a   *analytics.Analysis    // as the audience may see it; nil without analysis
}

func build(m *model.Metrics, opt Options) (*document, error) {
	if opt.Audience == Politico {
		p := m.Period
		if err := CouncilDates(p.From.Time, p.To.Time, p.At.Time); err != nil {
			return nil, err
		}
	}
	b := &builder{m: m, opt: opt, k: opt.SmallCell}
	if opt.Analysis != nil {
		b.a = opt.Analysis
		if opt.Audience == Politico {
			b.a = opt.Analysis.For(analytics.Politico)
		}
	}
	if opt.Audience == Operatore {
		for i := range m.Operators {
			if m.Operators[i].ID == opt.OperatorID {
				b.op = &m.Operators[i]
			}
		}
		if opt.OperatorID == "" {
			return nil, fmt.Errorf("per il prospetto personale serve l'identificativo dell'operatore (--operator)")
		}
		if b.op == nil {
			return nil, fmt.Errorf("operatore %q non presente nei dati del periodo", opt.OperatorID)
		}
	}
	d := &document{
		Title:     opt.Title,
		Audience:  opt.Audience,
		Generated: opt.Generated,
	}
	period := b.periodText()
	switch opt.Audience {
	case Operatore:
		if d.Title == "" {
			d.Title = "Prospetto del carico di lavoro di " + b.op.Name
		}
		d.Subtitle = "Prospetto personale — " + period
		d.Letter, d.LeadTitle = b.letter(), "Prospetto"
		d.Headline = b.operatorHeadline()
		d.Sections = withSection([]section{b.caseloadSection()}, b.weightsSection())
		d.Sections = append(d.Sections, b.timeSection(), b.trendSection(), b.qualitySection(), b.methodSection())
	case Politico:
		if d.Title == "" {
			d.Title = "Servizio sociale: carico di lavoro e personale"
		}
		d.Subtitle = "Dati aggregati per la Giunta e il Consiglio — " + period
		d.LeadTitle = "In breve"
		d.Headline = b.teamHeadline()
		d.Sections = withSection([]section{b.timeSection(), b.staffingSection()}, b.weightsSection())
		d.Sections = append(d.Sections, b.lepsSection(), b.trendSection())
		d.Sections = append(d.Sections, b.analysisSections()...)
		d.Sections = append(d.Sections, b.qualitySection())
		d.Sections = append(d.Sections, b.auditSections()...)
		d.Sections = append(d.Sections, b.planSections()...)
		d.Sections = append(d.Sections, b.methodSection())
		d.Quarterly = b.byQuarter()
		rep, err := protectDoc(d, b.k)
		if err != nil {
			return nil, err
		}
		d.Letter = councilLead(d, m, opt.Plan, b.fewSocialWorkers()) // from the protected figures
		d.LeadChart = chartRef{Section: "andamento"}                 // open cartelle month by month
		d.Notes = append(d.Notes, suppressedNote(b.k), protectionNote(rep),
			"Il documento non contiene nomi di operatori né identificativi di cartelle: il diritto di accesso dell'amministratore «non può tradursi nel libero accesso alla cartella sociale elettronica» (raccomandazioni ANCI-CROAS Lombardia).")
	default:
		if d.Title == "" {
			d.Title = "Carico di lavoro del servizio sociale"
		}
		d.Subtitle = "Quadro per il responsabile del servizio — " + period
		d.Letter, d.LeadTitle = Headline(m, b.a, opt.Plan, false), "In breve"
		d.Headline = b.teamHeadline()
		d.Sections = withSection([]section{b.caseloadSection(), b.timeSection(), b.staffingSection()}, b.weightsSection())
		d.Sections = append(d.Sections, b.lepsSection(), b.trendSection())
		d.Sections = append(d.Sections, b.analysisSections()...)
		d.Sections = append(d.Sections, b.qualitySection())
		d.Sections = append(d.Sections, b.auditSections()...)
		d.Sections = append(d.Sections, b.planSections()...)
		d.Sections = withSection(d.Sections, b.panelSection())
		d.Sections = append(d.Sections, b.methodSection())
	}
	d.Notes = append(d.Notes, "Stato: «Adeguato», «Attenzione» e «Critico» sono scritti per esteso accanto a ogni colore; la regola applicata e la sua fonte sono nella colonna «Regola e fonte». «Non applicabile»: la misura non riguarda quel profilo (per esempio il carico sulle cartelle di chi non ne ha).",
		b.termsNote())
	if n := b.m.Quality.EstimatedSentence(); n != "" {
		d.Notes = append(d.Notes, n)
	}
	return d, nil
}

func (b *builder) periodText() string {
	p := b.m.Period
	return fmt.Sprintf("periodo dal %s al %s; cartelle aperte e rapporti LEPS al %s",
		p.From.Format("02/01/2006"), p.To.Format("02/01/2006"), p.At.Format("02/01/2006"))
}

// openAt names the open cartelle at t as the monthly series name them when
// t ends a month ("" otherwise).
func openAt(t time.Time) string {
	if m := monthEnd(t); m != "" {
		return "open@" + m
	}
	return ""
}

// loneContracts withholds, in column col of t (the permanent FTE of its
// first n rows, one per comune), every comune's figure and the columns
// computed from it when some comune is served by one social worker: its
// figure is that person's contract, and with the Ambito's total, which the
// law asks for, and the FTE of each comune, a reader would work it out
// from the others. It reports whether it did.
func (b *builder) loneContracts(t *table, n, col int) bool {
	lone := false
	for _, w := range comuneSocialWorkers(b.m) {
		lone = lone || w == 1
	}
	if !lone {
		return false
	}
	for _, r := range t.Rows[:n] {
		r[col] = hidden(suppressedMark, 0, withheld)
		t.withhold(r, col)
	}
	return true
}

// loneContractsNote says why a council's table has no permanent FTE by
// comune.
const loneContractsNote = "Assistenti sociali a tempo indeterminato per comune: «n.d.» perché almeno un comune è servito da un solo assistente sociale, di cui si leggerebbe il contratto; il livello essenziale, che la legge misura sull'Ambito, è nella riga dell'Ambito."

func (b *builder) politico() bool { return b.opt.Audience == Politico }

// fewSocialWorkers reports whether the council's version must withhold the
// figures of the social workers as a profile — their load, time, community
// work and WISN ratio — because fewer than k are in service: they would be
// one or two people's work (issue 22: no per-profile figure of fewer than
// 3 people). The Ambito's LEPS ratio stays: the law asks for it.
func (b *builder) fewSocialWorkers() bool {
	t := team(b.m, string(carico.RoleSocialWorker))
	return b.politico() && t != nil && t.Operators < b.k
}

const fewSocialWorkersRule = "Non diffuso: gli assistenti sociali in servizio sono meno di 3, e il dato descriverebbe il lavoro di una o due persone."

// countValue is a count as the audience may see it: in the politico
// version a count from 1 to k−1 is hidden («n.d.», like every hidden
// figure); a true 0 stays 0 unless the audit hides it too.
func (b *builder) countValue(n int) value {
	if b.politico() && small1(n, b.k) {
		return hidden(suppressedMark, float64(n), byRule)
	}
	return count(n)
}

func conv(s model.Status) status { return status(s) }

// cfg is the configuration the figures were computed with.
func (b *builder) cfg() *model.Config {
	if b.m.Config != nil {
		return b.m.Config
	}
	return model.DefaultConfig()
}

// lepsRefs are the LEPS levels drawn over a chart of residents per social
// worker.
func (b *builder) lepsRefs() []refLine {
	l := b.cfg().LEPS
	return []refLine{
		{l.EssentialResidents, "livello essenziale 1:" + italian.Number(l.EssentialResidents, 0)},
		{l.TargetResidents, "obiettivo 1:" + italian.Number(l.TargetResidents, 0)},
	}
}

// coverageRefs are the coverage thresholds drawn over a coverage chart.
func (b *builder) coverageRefs() []refLine {
	th := b.cfg().Thresholds
	return []refLine{{th.CoverageLow, "minimo " + pct(&th.CoverageLow)}, {th.CoverageHigh, "massimo " + pct(&th.CoverageHigh)}}
}

func hours(min int64) float64 { return float64(min) / 60 }

// weightedBy is what the weights of all the open cartelle told apart
// (model.Caseload.WeightedBy of the total).
func weightedBy(m *model.Metrics) string {
	if t := team(m, "totale"); t != nil {
		return t.Caseload.WeightedBy()
	}
	return model.Caseload{}.WeightedBy()
}

func team(m *model.Metrics, role string) *model.TeamMetrics {
	for i := range m.Teams {
		if m.Teams[i].Role == role {
			return &m.Teams[i]
		}
	}
	return nil
}

func check(checks []model.Check, measure string) *model.Check {
	for i := range checks {
		if checks[i].Measure == measure {
			return &checks[i]
		}
	}
	return nil
}

// checkHeadline turns a model check into a headline, or nothing when the
// model did not assess that measure.
func checkHeadline(label string, kind valueKind, c *model.Check) []headline {
	if c == nil {
		return nil
	}
	return []headline{{Label: label, Kind: kind, Value: optional(c.Value, "non calcolabile"), Status: conv(c.Status), Rule: c.Rule}}
}

func (b *builder) teamHeadline() []headline {
	m := b.m
	var h []headline
	if t := team(m, "totale"); t != nil {
		h = append(h,
			headline{Label: "Operatori in servizio", Kind: kindCount, Value: b.countValue(t.Operators)},
			headline{Label: "Tempo pieno equivalente (FTE) in servizio", Kind: kindFTE, Value: num(t.FTE)},
			headline{Label: "Cartelle aperte al " + m.Period.At.Format("02/01/2006"), Kind: kindCount, Value: b.countValue(t.OpenCases).as(openAt(m.Period.At.Time))},
		)
	}
	if t := team(m, string(carico.RoleSocialWorker)); t != nil {
		// The row's status and rule are those of the load check, the
		// measure of this figure, not the team's worst check.
		hl := headline{Label: "Carico ponderato per FTE, assistenti sociali (ore all'anno)", Kind: kindDecimal, Value: optional(t.WeightedCaseloadPerFTE, "non calcolabile")}
		if c := check(t.Checks, "load"); c != nil {
			hl.Status, hl.Rule = conv(c.Status), c.Rule
		}
		h = append(h, hl)
		h = append(h, checkHeadline("Lavoro di comunità sul tempo documentato, assistenti sociali", kindPercent, check(t.Checks, "community_share"))...)
		h = append(h, checkHeadline("Ore documentate su ore disponibili, assistenti sociali", kindPercent, check(t.Checks, "coverage"))...)
		if b.fewSocialWorkers() {
			for i := len(h) - 3; i < len(h); i++ {
				h[i].Value, h[i].Status, h[i].Rule = hidden(suppressedMark, 0, withheld), "", fewSocialWorkersRule
			}
		}
	}
	if !b.politico() {
		n := 0
		for _, o := range m.Operators {
			if o.Status == model.StatusCritical {
				n++
			}
		}
		st := statusOK
		if n > 0 {
			st = statusCritical
		}
		h = append(h, headline{Label: "Operatori in stato critico", Kind: kindCount, Value: count(n), Status: st, Rule: "Numero di operatori con almeno una misura oltre la soglia critica (foglio «Carico per operatore»)."})
	}
	a := m.Ambito
	h = append(h,
		headline{Label: "Residenti per assistente sociale a tempo indeterminato (Ambito)", Kind: kindCount, Value: optional(a.ResidentsPerPermanentSocialWorker, "nessun assistente sociale"), Status: conv(a.Status), Rule: a.Rule},
		headline{Label: "FTE mancanti al livello essenziale 1:5.000", Kind: kindFTE, Value: num(a.FTEMissingLEP), Rule: "L. 178/2020, art. 1 c. 797: un assistente sociale a tempo indeterminato ogni 5.000 residenti, a livello di Ambito."},
		headline{Label: "FTE mancanti all'obiettivo 1:4.000", Kind: kindFTE, Value: num(a.FTEMissingTarget), Rule: "L. 178/2020, art. 1 c. 797: obiettivo di servizio di un assistente sociale ogni 4.000 residenti."},
		headline{Label: "Contributo statale annuo sulla fotografia alla data di riferimento", Kind: kindEuro, Value: num(a.ContributionEUR), Rule: "L. 178/2020, art. 1 c. 797: € 40.000 per FTE oltre 1:6.500 fino a 1:5.000; € 20.000 per FTE oltre 1:5.000 fino a 1:4.000. Calcolato sugli FTE in servizio alla data di riferimento: il contributo dell'anno, da dichiarare in SIOSS, conta gli FTE medi dell'anno (prospetto SIOSS)."},
	)
	// The social workers' WISN answers "how many social workers are
	// missing"; the whole staff's follows, named as such.
	if w := m.Staffing.WISN.Category(carico.RoleSocialWorker); w != nil {
		hl := headline{Label: "Rapporto WISN degli assistenti sociali (in servizio su necessari)", Kind: kindRatio, Value: optional(w.Ratio, "non calcolabile"), Status: conv(w.Status), Rule: w.Rule}
		if b.fewSocialWorkers() {
			hl.Value, hl.Status, hl.Rule = hidden(suppressedMark, 0, withheld), "", fewSocialWorkersRule
		}
		h = append(h, hl)
	}
	w := m.Staffing.WISN
	h = append(h, headline{Label: "Rapporto WISN di tutto il personale (in servizio su necessario)", Kind: kindRatio, Value: optional(w.Ratio, "non calcolabile"), Status: conv(w.Status), Rule: w.Rule})
	wc := m.Staffing.WeightedCaseload
	h = append(h, headline{Label: "Rapporto carico ponderato (personale effettivo su necessario)", Kind: kindRatio, Value: optional(wc.Ratio, "non calcolabile"), Status: conv(wc.Status), Rule: wc.Rule})
	dormant := statusOK
	if m.Quality.DormantCases > 0 {
		dormant = statusAttention
	}
	h = append(h, headline{Label: "Cartelle aperte senza attività da un anno", Kind: kindCount, Value: b.countValue(m.Quality.DormantCases), Status: dormant, Rule: m.Quality.Rule})
	return h
}

// loadStatus is the status and rule of an operator's load check, which
// says «non applicabile» for a role that holds no cartelle or an operator
// out of service.
func (b *builder) loadStatus(o *model.OperatorMetrics) (status, string) {
	if c := o.Check("load"); c != nil {
		return conv(c.Status), c.Rule
	}
	return statusNA, "Il carico sul tempo disponibile non si calcola."
}

func (b *builder) operatorHeadline() []headline {
	o := b.op
	h := []headline{
		{Label: "Profilo", Kind: kindText, Value: text(o.Role.Label() + ", " + strings.ToLower(o.Contract.Label()))},
		{Label: "Tempo pieno equivalente (FTE)", Kind: kindFTE, Value: num(o.FTE)},
		{Label: "Cartelle aperte al " + b.m.Period.At.Format("02/01/2006"), Kind: kindCount, Value: count(o.OpenCases)},
		{Label: "Cartelle aperte per FTE", Kind: kindDecimal, Value: optional(o.OpenCasesPerFTE, "non calcolabile")},
		{Label: "Carico ponderato (ore di lavoro all'anno richieste dalle cartelle aperte)", Kind: kindHours, Value: num(o.WeightedCaseload)},
	}
	st, rule := b.loadStatus(o)
	h = append(h, headline{Label: "Carico ponderato sul tempo disponibile per il lavoro sui casi", Kind: kindPercent, Value: optional(o.Load, "non calcolabile"), Status: st, Rule: rule})
	h = append(h,
		headline{Label: "Ore documentate nel periodo", Kind: kindHours, Value: num(o.DocumentedHours)},
		headline{Label: "Ore disponibili nel periodo", Kind: kindHours, Value: num(o.AvailableHours)},
	)
	h = append(h, checkHeadline("Ore documentate su ore disponibili", kindPercent, check(o.Checks, "coverage"))...)
	h = append(h, checkHeadline("Lavoro di comunità sul tempo documentato", kindPercent, check(o.Checks, "community_share"))...)
	med := b.peerMedians()
	h = append(h,
		headline{Label: "Mediana del gruppo: cartelle aperte per FTE (" + o.Role.Label() + ")", Kind: kindDecimal, Value: optional(med.openPerFTE, "non calcolabile"), Rule: fmt.Sprintf("Mediana su %d operatori dello stesso profilo in servizio.", med.n)},
		headline{Label: "Mediana del gruppo: carico ponderato sul tempo per i casi", Kind: kindPercent, Value: optional(med.load, "non calcolabile"), Rule: fmt.Sprintf("Mediana su %d operatori dello stesso profilo in servizio.", med.n)},
	)
	h = append(h, headline{Label: "Valutazione complessiva", Kind: kindText, Value: text("la misura più grave"), Status: conv(o.Status), Rule: o.Rule})
	return h
}

// medians of the operatore's peers: same role, in service.
type medians struct {
	n                     int
	openPerFTE, load, cov *float64
	monthlyOpen           []float64
}

func (b *builder) peerMedians() medians {
	var open, load, cov []float64
	peers := map[string]bool{}
	for _, o := range b.m.Operators {
		if o.Role != b.op.Role || !o.InService {
			continue
		}
		peers[o.ID] = true
		if o.OpenCasesPerFTE != nil {
			open = append(open, *o.OpenCasesPerFTE)
		}
		if o.Load != nil {
			load = append(load, *o.Load)
		}
		if o.Coverage != nil {
			cov = append(cov, *o.Coverage)
		}
	}
	md := medians{n: len(peers), openPerFTE: median(open), load: median(load), cov: median(cov)}
	for i := range b.m.Monthly.Months {
		var xs []float64
		for _, s := range b.m.Monthly.Operators {
			if peers[s.ID] && i < len(s.Points) {
				xs = append(xs, float64(s.Points[i].OpenCases))
			}
		}
		v := median(xs)
		if v == nil {
			md.monthlyOpen = append(md.monthlyOpen, 0)
		} else {
			md.monthlyOpen = append(md.monthlyOpen, *v)
		}
	}
	return md
}

func median(xs []float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	v := s[len(s)/2]
	if len(s)%2 == 0 {
		v = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return &v
}

func pct(v *float64) string {
	if v == nil {
		return "non calcolabile"
	}
	return italian.Number(*v*100, 0) + " %"
}

func dec(v *float64, d int) string {
	if v == nil {
		return "non calcolabile"
	}
	return italian.Number(*v, d)
}

// letter is the personal statement: facts from the data, in the formal
// register of a document attached to a request to the responsabile.
func (b *builder) letter() []string {
	o, m := b.op, b.m
	p := m.Period
	cfg := m.Config
	if cfg == nil {
		cfg = model.DefaultConfig()
	}
	med := b.peerMedians()
	var ps []string
	ps = append(ps, fmt.Sprintf(
		"Il presente prospetto riporta i dati registrati nella cartella sociale informatizzata relativi all'attività di %s (%s, %s, %s FTE, %s ore settimanali) nel periodo dal %s al %s. Le cartelle aperte sono contate al %s.",
		o.Name, strings.ToLower(o.Role.Label()), strings.ToLower(o.Contract.Label()), model.FormatFTE(o.FTE), strings.TrimSuffix(italian.Number(o.WeeklyHours, 1), ",0"),
		italian.LongDate(p.From.Time), italian.LongDate(p.To.Time), italian.LongDate(p.At.Time)))
	load := ""
	if c := check(o.Checks, "load"); c != nil {
		th := cfg.Thresholds
		load = fmt.Sprintf(" Rapportato al tempo disponibile per il lavoro sui casi, il carico ponderato è pari al %s (soglia di attenzione %s, soglia critica %s): stato «%s».",
			pct(c.Value), pct(&th.CaseloadAmber), pct(&th.CaseloadRed), conv(c.Status).Label())
	}
	ps = append(ps, fmt.Sprintf(
		"Alla data di riferimento risultano assegnate %d cartelle aperte (%s per FTE), di cui %d senza alcuna attività registrata da oltre un anno. Il carico ponderato, calcolato con i pesi per area di utenza e complessità indicati nel foglio «Metodo e fonti», è di %s ore di lavoro all'anno.%s",
		o.OpenCases, dec(o.OpenCasesPerFTE, 1), o.Dormant, italian.Number(o.WeightedCaseload, 0), load))
	var kinds []string
	for _, k := range carico.Kinds {
		if o.Minutes[k] > 0 {
			kinds = append(kinds, fmt.Sprintf("%s %s ore (%s %%)", strings.ToLower(k.Label()), italian.Number(hours(o.Minutes[k]), 0), italian.Number(o.Shares[k]*100, 0)))
		}
	}
	split := ""
	if len(kinds) > 0 {
		split = " Il tempo documentato si ripartisce così: " + strings.Join(kinds, "; ") + "."
	}
	ps = append(ps, fmt.Sprintf(
		"Nel periodo sono state documentate %s ore di lavoro a fronte di %s ore disponibili secondo il calendario e il contratto (copertura %s).%s",
		italian.Number(o.DocumentedHours, 0), italian.Number(o.AvailableHours, 0), pct(o.Coverage), split))
	if pts := b.ownSeries(); len(pts) >= 2 {
		first, last := pts[0], pts[len(pts)-1]
		ps = append(ps, fmt.Sprintf(
			"Andamento: le cartelle aperte erano %d a fine %s e %d a fine %s; il carico ponderato è passato da %s a %s ore all'anno.",
			first.OpenCases, italian.MonthOf(first.Month), last.OpenCases, italian.MonthOf(last.Month),
			italian.Number(first.WeightedCaseload, 0), italian.Number(last.WeightedCaseload, 0)))
	}
	ps = append(ps, fmt.Sprintf(
		"Confronto con il gruppo: tra i %d operatori dello stesso profilo in servizio, la mediana delle cartelle aperte per FTE è %s (qui %s) e la mediana del carico ponderato sul tempo per i casi è %s (qui %s).",
		med.n, dec(med.openPerFTE, 1), dec(o.OpenCasesPerFTE, 1), pct(med.load), pct(o.Load)))
	ps = append(ps, fmt.Sprintf(
		"Metodo e provenienza: i dati derivano da %d file esportati dalla cartella sociale e importati con carico (elencati con impronta SHA-256 nel foglio «Metodo e fonti»). I valori dipendono dalla completezza del diario: le attività non registrate non sono conteggiate.",
		len(m.Sources)))
	return ps
}

// ownSeries is the operatore's monthly series.
func (b *builder) ownSeries() []model.MonthPoint {
	for _, s := range b.m.Monthly.Operators {
		if s.ID == b.op.ID {
			return s.Points
		}
	}
	return nil
}

func (b *builder) caseloadSection() section {
	s := section{
		ID: "carico", Sheet: "Carico per operatore", Title: "Carico per operatore",
		Intro: fmt.Sprintf("Cartelle aperte al %s per operatore, dall'assegnazione in vigore a quella data. Il carico ponderato somma i pesi (ore di lavoro all'anno) delle cartelle, %s; il rapporto con il tempo disponibile per i casi indica la pressione sul singolo operatore.", b.m.Period.At.Format("02/01/2006"), weightedBy(b.m)),
		Table: table{Columns: []column{
			{Name: "Operatore", Kind: kindText}, {Name: "Profilo", Kind: kindText}, {Name: "Contratto", Kind: kindText},
			{Name: "FTE", Kind: kindFTE}, {Name: "Cartelle aperte", Kind: kindCount}, {Name: "Cartelle per FTE", Kind: kindDecimal},
			{Name: "Carico ponderato (ore/anno)", Kind: kindHours}, {Name: "Carico ponderato sul tempo per i casi", Kind: kindPercent},
			{Name: "Ore annue per i casi", Kind: kindHours}, {Name: "Capacità (riduzioni)", Kind: kindText},
			{Name: "Cartelle senza attività da un anno", Kind: kindCount}, {Name: "Stato", Kind: kindStatus}, {Name: "Regola e fonte", Kind: kindText, Width: 60},
		}},
	}
	row := func(o *model.OperatorMetrics) []value {
		st, rule := b.loadStatus(o)
		noLoad := "—"
		if !o.InService {
			noLoad = "non in servizio" // named on the chart's bar, not drawn as the lightest load
		}
		caseHours, capacity := missing(noLoad), missing(noLoad)
		if o.Capacity != nil {
			caseHours, capacity = num(o.Capacity.CaseHours), text(capacityText(o.Capacity))
		}
		return []value{text(o.Name), text(o.Role.Label()), text(o.Contract.Label()), num(o.FTE), count(o.OpenCases),
			optional(o.OpenCasesPerFTE, noLoad), num(o.WeightedCaseload), optional(o.Load, noLoad), caseHours, capacity, count(o.Dormant),
			statusCell(st), text(rule)}
	}
	if b.op != nil {
		s.Intro = "Le proprie cartelle aperte a confronto con la mediana degli operatori dello stesso profilo in servizio (senza nomi)."
		s.Table.Rows = append(s.Table.Rows, row(b.op))
		med := b.peerMedians()
		s.Table.Rows = append(s.Table.Rows, []value{text("Mediana del gruppo"), text(b.op.Role.Label()), text(fmt.Sprintf("%d operatori", med.n)), missing("—"), missing("—"),
			optional(med.openPerFTE, "—"), missing("—"), optional(med.load, "—"), missing("—"), missing("—"), missing("—"), missing(""), text("Mediana, non somma: metà degli operatori ha valori superiori.")})
		s.Charts = []chart{{Kind: chartBar, Title: "Cartelle per FTE: proprie e mediana del gruppo", Category: 0, Series: []int{5}, Unit: "cartelle per FTE"}}
		return s
	}
	// Operators holding cases first, in the model's order; the charts
	// draw only them, the table keeps everyone.
	withCases := 0
	for _, holds := range []bool{true, false} {
		for i := range b.m.Operators {
			if o := &b.m.Operators[i]; (o.OpenCases > 0) == holds {
				s.Table.Rows = append(s.Table.Rows, row(o))
				if holds {
					withCases++
				}
			}
		}
	}
	sortRows(s.Table.Rows[:withCases], 7, false) // the heaviest load on top
	th := b.cfg().Thresholds
	s.Charts = []chart{
		{Kind: chartBar, Title: "Carico ponderato sul tempo disponibile per i casi", Category: 0, Series: []int{7}, Unit: "% del tempo per i casi", Percent: true, Rows: withCases,
			Refs: []refLine{{th.CaseloadAmber, "attenzione oltre " + pct(&th.CaseloadAmber)}, {th.CaseloadRed, "critico oltre " + pct(&th.CaseloadRed)}}},
		{Kind: chartBar, Title: "Cartelle aperte per FTE", Category: 0, Series: []int{5}, Unit: "cartelle per FTE", Rows: withCases, Sort: true},
	}
	if withCases < len(s.Table.Rows) {
		s.Notes = append(s.Notes, fmt.Sprintf("I grafici mostrano i %d operatori con cartelle aperte; gli altri sono nella tabella.", withCases))
	}
	s.Notes = append(s.Notes, "Soglie del carico ponderato: oltre il 100 % attenzione, oltre il 110 % critico (UK probation Workload Measurement Tool; scelta di progetto, configurabile). Nessuno standard italiano fissa i pesi delle cartelle: quelli usati sono nel foglio «Metodo e fonti».")
	return s
}

// capacityText is an operator's capacity for cartelle in words: «piena»,
// or her share after the register's reductions and the reductions.
func capacityText(cp *model.Capacity) string {
	if cp.Factor == 1 && len(cp.Reductions) == 0 {
		return "piena"
	}
	var rs []string
	for _, r := range cp.Reductions {
		rs = append(rs, r.Sentence())
	}
	return fmt.Sprintf("%s: %s", pct(&cp.Factor), strings.Join(rs, "; "))
}

func kindColumns() []column {
	var cs []column
	for _, k := range carico.Kinds {
		cs = append(cs, column{Name: k.Label() + " (ore)", Kind: kindHours})
	}
	return cs
}

func (b *builder) timeSection() section {
	s := section{
		ID: "tempo", Sheet: "Tempo di lavoro", Title: "Tempo di lavoro per tipo di attività",
		Intro: "Ore documentate nel diario per mese e tipo di attività, a confronto con le ore disponibili (calendario italiano, festività, ferie e assenze, orario contrattuale). Una copertura bassa indica un diario incompleto; oltre il 100 % straordinari o errori.",
	}
	s.Table.Columns = append([]column{{Name: "Mese", Kind: kindText}}, kindColumns()...)
	s.Table.Columns = append(s.Table.Columns, column{Name: "Ore documentate", Kind: kindHours}, column{Name: "Ore disponibili", Kind: kindHours}, column{Name: "Copertura", Kind: kindPercent})
	points := b.m.Monthly.Team.Points
	if b.op != nil {
		points = b.ownSeries()
		s.Intro = "Le proprie ore documentate per mese e tipo di attività, a confronto con le ore disponibili secondo il calendario e il contratto."
	}
	if b.byQuarter() {
		points = quarterPoints(points)
		s.Table.Columns[0].Name = "Trimestre"
		s.Intro = strings.Replace(s.Intro, "per mese", "per trimestre", 1)
		s.Notes = append(s.Notes, quarterNote(b.k))
	}
	for _, p := range points {
		r := []value{text(periodLabel(p.Month))}
		for _, k := range carico.Kinds {
			r = append(r, num(hours(p.Minutes[k])))
		}
		r = append(r, num(p.DocumentedHours), num(p.AvailableHours), optional(p.Coverage, "—"))
		s.Table.Rows = append(s.Table.Rows, r)
	}
	var series []int
	for i := range carico.Kinds {
		series = append(series, i+1)
	}
	s.Charts = []chart{{Kind: chartColumn, Title: "Ore documentate per tipo di attività", Category: 0, Series: series, Stacked: true, Unit: "ore"}}
	if b.op == nil && !b.politico() {
		blk := block{Title: "Ripartizione per operatore nel periodo", Table: table{Columns: append(append([]column{{Name: "Operatore", Kind: kindText}}, kindColumns()...),
			column{Name: "Quota lavoro di comunità", Kind: kindPercent}, column{Name: "Ore disponibili", Kind: kindHours}, column{Name: "Copertura", Kind: kindPercent})}}
		for _, o := range b.m.Operators {
			r := []value{text(o.Name)}
			for _, k := range carico.Kinds {
				r = append(r, num(hours(o.Minutes[k])))
			}
			r = append(r, num(o.Shares[carico.KindCommunity]), num(o.AvailableHours), optional(o.Coverage, "—"))
			blk.Table.Rows = append(blk.Table.Rows, r)
		}
		s.More = append(s.More, blk)
	}
	if blk, ok := b.protectedBlock(); ok {
		s.More = append(s.More, blk)
	}
	if b.op != nil {
		blk := block{Title: "Tempo disponibile: il calcolo", Table: table{Columns: []column{{Name: "Anno", Kind: kindText}, {Name: "Calcolo (giorni e ore)", Kind: kindText, Width: 90}}}}
		for _, a := range b.op.AWT {
			blk.Table.Rows = append(blk.Table.Rows, []value{text(fmt.Sprint(a.Year)), text(awtText(a))})
		}
		s.More = append(s.More, blk)
	}
	return s
}

func awtText(a model.AWT) string {
	src := "parametri del contratto"
	if a.AbsenceSource == "dati" {
		src = "assenze registrate"
	}
	return fmt.Sprintf("dal %s al %s: %d giorni − %d sabati e domeniche − %d festivi = %d giorni lavorativi; − ferie %s − malattia %s − altre assenze %s (%s) = %s giorni × %s ore = %s ore",
		a.From.Format("02/01"), a.To.Format("02/01"), a.CalendarDays, a.WeekendDays, a.Holidays, a.NetWorkdays,
		italian.Number(a.LeaveDays, 1), italian.Number(a.SickDays, 1), italian.Number(a.OtherDays, 1), src,
		italian.Number(a.WorkingDays, 1), italian.Number(a.HoursPerDay, 2), italian.Number(a.Hours, 1))
}

func (b *builder) staffingSection() section {
	st := b.m.Staffing
	s := section{
		ID: "fabbisogno", Sheet: "Fabbisogno di personale", Title: "Fabbisogno di personale: due metodi a confronto",
		Intro: fmt.Sprintf("Personale necessario calcolato con il metodo WISN (Workload Indicators of Staffing Need) dell'Organizzazione Mondiale della Sanità (cartelle-anno del periodo per il tempo che ciascuna richiede secondo i pesi delle cartelle, più segretariato e attività di supporto registrati nel diario) e con il metodo del carico ponderato (ore richieste dalle cartelle diviso per le ore di un FTE per il lavoro sul caso, %s %% del suo tempo disponibile, la stessa quota del carico sul tempo per i casi). Rapporto sotto 1: personale inferiore al fabbisogno. Il foglio «Pesi a confronto» mostra entrambi con ciascun insieme di pesi.", italian.Before("il", italian.Number(b.cfg().Thresholds.CaseTimeShare*100, 0))),
		Table: table{Columns: []column{
			{Name: "Metodo", Kind: kindText}, {Name: "FTE necessari", Kind: kindFTE}, {Name: "FTE effettivi", Kind: kindFTE},
			{Name: "Rapporto effettivi/necessari", Kind: kindRatio}, {Name: "Differenza (FTE)", Kind: kindFTE},
			{Name: "Stato", Kind: kindStatus}, {Name: "Regola e fonte", Kind: kindText, Width: 60},
		}},
	}
	small := map[string]bool{}
	if b.politico() {
		for _, t := range b.m.Teams {
			if t.Operators < b.k {
				small[t.Label] = true
				small[t.Role] = true
			}
		}
	}
	hidden := 0
	for _, c := range st.WISN.Categories {
		if small[c.Category] {
			hidden++
			continue
		}
		s.Table.Rows = append(s.Table.Rows, []value{text("WISN — " + categoryLabel(c.Category)), num(c.RequiredFTE), num(c.ActualFTE), optional(c.Ratio, "—"), num(c.Difference), statusCell(conv(c.Status)), text(c.Rule)})
	}
	s.Table.Rows = append(s.Table.Rows,
		[]value{text("WISN — totale"), num(st.WISN.RequiredFTE), num(st.WISN.ActualFTE), optional(st.WISN.Ratio, "—"), num(st.WISN.Difference), statusCell(conv(st.WISN.Status)), text(st.WISN.Rule)},
		[]value{text("Carico ponderato — " + italian.LowerFirst(st.WeightedCaseload.WeightsLabel)), num(st.WeightedCaseload.RequiredFTE), num(st.WeightedCaseload.ActualFTE), optional(st.WeightedCaseload.Ratio, "—"), num(st.WeightedCaseload.ActualFTE - st.WeightedCaseload.RequiredFTE), statusCell(conv(st.WeightedCaseload.Status)), text(st.WeightedCaseload.Rule)},
	)
	// The one observed need: the calibrated observed weights, as in «Pesi
	// a confronto».
	for _, set := range b.m.Weights.Sets {
		if set.Name == model.SetObserved {
			s.Table.Rows = append(s.Table.Rows, []value{text("Carico ponderato — " + italian.LowerFirst(set.Label)), num(set.RequiredFTE), num(set.ActualFTE), optional(set.Ratio, "—"), num(set.ActualFTE - set.RequiredFTE), statusCell(conv(set.Status)), text(set.Rule)})
		}
	}
	if hidden > 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("%d profili con meno di %d operatori non sono mostrati separatamente; sono compresi nel totale.", hidden, b.k))
	}
	s.Charts = []chart{{Kind: chartBar, Title: "FTE necessari ed effettivi", Category: 0, Series: []int{1, 2}, Unit: "FTE"}}
	wisn := block{Title: "WISN: il calcolo per profilo", Table: table{Columns: []column{
		{Name: "Profilo", Kind: kindText}, {Name: "Tempo disponibile di un FTE (ore/anno)", Kind: kindHours}, {Name: "Personale per le attività principali", Kind: kindDecimal},
		{Name: "Attività di supporto (CAS %)", Kind: kindDecimal}, {Name: "Fattore CAF", Kind: kindRatio}, {Name: "Fattore IAF", Kind: kindRatio}, {Name: "FTE necessari", Kind: kindFTE},
	}}}
	for _, c := range st.WISN.Categories {
		if small[c.Category] {
			continue
		}
		wisn.Table.Rows = append(wisn.Table.Rows, []value{text(categoryLabel(c.Category)), num(c.AWTHours), num(c.MainStaff), num(c.CASPercent), num(c.CAF), num(c.IAF), num(c.RequiredFTE)})
	}
	s.More = append(s.More, wisn)
	w := block{Title: fmt.Sprintf("Carico ponderato: pesi per area e complessità (un FTE = %s ore disponibili all'anno, di cui %s per il lavoro sul caso)", italian.Number(st.WeightedCaseload.HoursPerFTE, 0), italian.Number(st.WeightedCaseload.CaseHoursPerFTE, 0)),
		Table: table{Columns: []column{
			{Name: "Area di utenza", Kind: kindText}, {Name: "Complessità", Kind: kindText}, {Name: "Cartelle-anno", Kind: kindDecimal},
			{Name: "Peso standard (ore/anno)", Kind: kindHours}, {Name: "Ore registrate nel diario per cartella-anno (tutti i mesi)", Kind: kindHours},
		}}}
	areaWork := areaCaseload(b.m)
	var areas []carico.Area
	for _, r := range st.WeightedCaseload.Weights {
		cy, observed := num(r.CaseYears), optional(r.ObservedHours, "—")
		if b.politico() && r.CaseYears > 0 && r.CaseYears < float64(b.k) {
			cy = missing(suppressedMark)
		}
		if b.politico() && r.ObservedHours != nil && (r.CaseYears < float64(b.k) || sensitive(areaWork[r.Area])) {
			// Hours on one or two cartelle, or on an area that one or
			// two operators hold, are those operators' work.
			observed = missing(suppressedMark)
		}
		w.Table.Rows = append(w.Table.Rows, []value{text(areaLabel(r.Area)), text(complexityLabel(r.Complexity)), cy, num(r.StandardHours), observed})
		areas = append(areas, r.Area)
	}
	keyed(&w.Table, 0, dimArea, areaKeys(areas))
	s.More = append(s.More, w)
	return s
}

func categoryLabel(c string) string {
	if r := carico.Role(c); r.Valid() {
		return r.Label()
	}
	return c
}

func areaLabel(a carico.Area) string {
	if a == "" {
		return "Non indicata"
	}
	return a.Label()
}

func complexityLabel(c int) string { return carico.ComplexityLabel(c) }

func (b *builder) lepsSection() section {
	s := section{
		ID: "leps", Sheet: "LEPS per comune", Title: "Livello essenziale: assistenti sociali per residenti",
		Intro: fmt.Sprintf("Residenti per assistente sociale (FTE, ripartiti tra i comuni secondo le quote di assegnazione) al %s. La legge misura il livello essenziale (1 ogni 5.000 residenti) e l'obiettivo (1 ogni 4.000) a livello di Ambito e sui soli contratti a tempo indeterminato; il dato per comune mostra dove il personale manca.", b.m.Period.At.Format("02/01/2006")),
		Table: table{Columns: []column{
			{Name: "Comune", Kind: kindText}, {Name: "Codice ISTAT", Kind: kindText}, {Name: "Residenti", Kind: kindCount},
			{Name: "FTE assistenti sociali", Kind: kindFTE}, {Name: "di cui a tempo indeterminato", Kind: kindFTE},
			{Name: "Residenti per AS a tempo indeterminato", Kind: kindCount}, {Name: "FTE mancanti a 1:5.000", Kind: kindFTE},
			{Name: "FTE mancanti a 1:4.000", Kind: kindFTE}, {Name: "Cartelle aperte", Kind: kindCount},
			{Name: "Stato", Kind: kindStatus}, {Name: "Regola e fonte", Kind: kindText, Width: 60},
		}},
	}
	row := func(name, istat string, f model.LEPSFigures, open int) []value {
		return []value{text(name), text(istat), count(f.Residents), num(f.SocialWorkerFTE), num(f.PermanentSocialWorkerFTE),
			optional(f.ResidentsPerPermanentSocialWorker, "nessun AS"), num(f.FTEMissingLEP), num(f.FTEMissingTarget), count(open),
			statusCell(conv(f.Status)), text(f.Rule)}
	}
	var open []int
	var istat []string
	total := 0
	// The worst-served comune first; one without social workers is the worst.
	comuni := slices.Clone(b.m.Comuni)
	slices.SortStableFunc(comuni, func(x, y model.ComuneMetrics) int {
		xr, yr := x.ResidentsPerPermanentSocialWorker, y.ResidentsPerPermanentSocialWorker
		switch {
		case xr == nil || yr == nil:
			return cmpBool(xr != nil, yr != nil)
		}
		return cmp.Compare(*yr, *xr)
	})
	for _, c := range comuni {
		s.Table.Rows = append(s.Table.Rows, row(c.Name, c.ISTAT, c.LEPSFigures, c.OpenCases))
		open = append(open, c.OpenCases)
		istat = append(istat, c.ISTAT)
		total += c.OpenCases
	}
	a := b.m.Ambito
	s.Table.Rows = append(s.Table.Rows, row(ambitoLabel(a.Name), "", a.LEPSFigures, total))
	keyed(&s.Table, 0, dimComune, istat)
	s.Charts = []chart{{Kind: chartBar, Title: "Residenti per assistente sociale a tempo indeterminato (livello essenziale 5.000, obiettivo 4.000)", Category: 0, Series: []int{5}, Unit: "residenti per FTE", Refs: b.lepsRefs()}}
	if b.politico() {
		// A comune's open cartelle are its social workers' caseload.
		protectColumnCells(&s.Table, 8, open, sensitiveOf(comuneCaseload(b.m), istat), b.k)
		// The permanent FTE of a comune served by one social worker is
		// that person's contract; the ratio, the shortfalls and the status
		// are computed from it (issue 22).
		s.Table.Follows = map[int][]int{4: {5, 6, 7, 9, 10}}
		if b.loneContracts(&s.Table, len(istat), 4) {
			s.Notes = append(s.Notes, loneContractsNote)
			s.Charts = nil // it would draw the withheld ratios
		}
		s.Notes = append(s.Notes, "Cartelle aperte per comune: «n.d.» dove i dati descriverebbero il carico di "+fewRule+".")
	}
	s.Notes = append([]string{fmt.Sprintf("Contributo statale annuo per l'Ambito: € %s (L. 178/2020, art. 1 c. 797). Un comune senza assistenti sociali è indicato come tale, non con un rapporto infinito.", italian.Number(a.ContributionEUR, 0))}, s.Notes...)
	return s
}

// ambitoLabel names the Ambito's total row; exports often name it
// "Ambito di …" already.
func ambitoLabel(name string) string {
	if strings.HasPrefix(strings.ToLower(name), "ambito") {
		return name
	}
	return strings.TrimSpace("Ambito " + name)
}

// protectColumn applies small-cell suppression to a count column whose last
// row is the total of the rows above.
// partition is a table of counts that add up to a whole — one row a
// label, then the total — with the small cells protected for the council.
func (b *builder) partition(title, label, unit string, labels []string, counts []int, sens []bool) block {
	blk := block{Title: title, Table: table{Columns: []column{{Name: label, Kind: kindText}, {Name: unit, Kind: kindCount}}}}
	total := 0
	for i, n := range counts {
		blk.Table.Rows = append(blk.Table.Rows, []value{text(labels[i]), count(n)})
		total += n
	}
	blk.Table.Rows = append(blk.Table.Rows, []value{text("Totale"), count(total)})
	if b.politico() {
		protectColumnCells(&blk.Table, 1, counts, sens, b.k)
	}
	return blk
}

func protectColumn(t *table, col int, counts []int, k int) {
	protectColumnCells(t, col, counts, nil, k)
}

// protectColumnCells is protectColumn with cells also sensitive by the
// operators' rules (sens, nil for none).
func protectColumnCells(t *table, col int, counts []int, sens []bool, k int) {
	p := protectCells(counts, sens, k)
	for i := range counts {
		if p.Marks[i] != shown {
			t.Rows[i][col] = hidden(p.cell(i), float64(counts[i]), p.secrecyOf(p.Marks[i])).as(t.Rows[i][col].Cell)
		}
	}
	if p.TotalM != shown {
		t.Rows[len(counts)][col] = hidden(p.total(), float64(p.Total), p.totalSecrecy()).as(t.Rows[len(counts)][col].Cell)
	}
}

func (b *builder) trendSection() section {
	s := section{
		ID: "andamento", Sheet: "Andamento", Title: "Andamento mese per mese",
		Intro: "Cartelle aperte a fine mese, carico ponderato e ore documentate e disponibili nel mese.",
		Table: table{Columns: []column{
			{Name: "Mese", Kind: kindText}, {Name: "Cartelle aperte a fine mese", Kind: kindCount}, {Name: "Carico ponderato (ore/anno)", Kind: kindHours},
			{Name: "Ore documentate", Kind: kindHours}, {Name: "Ore disponibili", Kind: kindHours},
		}},
	}
	points := b.m.Monthly.Team.Points
	if b.byQuarter() {
		points = quarterPoints(points)
		s.Title, s.Table.Columns[0].Name = "Andamento trimestre per trimestre", "Trimestre"
		s.Table.Columns[1].Name, s.Table.Columns[3].Name, s.Table.Columns[4].Name = "Cartelle aperte a fine trimestre", "Ore documentate nel trimestre", "Ore disponibili nel trimestre"
		s.Intro = "Cartelle aperte e carico ponderato alla fine del trimestre, ore documentate e disponibili nel trimestre."
		s.Notes = append(s.Notes, quarterNote(b.k))
	}
	var med medians
	if b.op != nil {
		points = b.ownSeries()
		med = b.peerMedians()
		s.Intro = "Le proprie cartelle aperte a fine mese a confronto con la mediana degli operatori dello stesso profilo, con carico ponderato e ore."
		s.Table.Columns = append(s.Table.Columns, column{Name: "Mediana del gruppo: cartelle aperte", Kind: kindDecimal})
	}
	for i, p := range points {
		r := []value{text(periodLabel(p.Month)), b.countValue(p.OpenCases), num(p.WeightedCaseload), num(p.DocumentedHours), num(p.AvailableHours)}
		if b.op == nil {
			r[1] = r[1].as("open@" + p.Month)
		}
		if b.politico() && small1(p.OpenCases, b.k) {
			r[2] = hidden(suppressedMark, p.WeightedCaseload, byRule) // the weights of few cases would reveal them
		}
		if b.op != nil {
			if i < len(med.monthlyOpen) {
				r = append(r, num(med.monthlyOpen[i]))
			} else {
				r = append(r, missing("—"))
			}
		}
		s.Table.Rows = append(s.Table.Rows, r)
	}
	open := chart{Kind: chartLine, Title: "Cartelle aperte a fine mese", Category: 0, Series: []int{1}, Unit: "cartelle"}
	if b.byQuarter() {
		open.Title = "Cartelle aperte a fine trimestre"
	}
	if b.op != nil {
		open.Series = []int{1, 5}
	}
	s.Charts = []chart{open, {Kind: chartLine, Title: "Ore documentate e ore disponibili", Category: 0, Series: []int{3, 4}, Unit: "ore"}}
	// Open cases by area: a partition of the open cases, with its total.
	var areas map[carico.Area]int
	if b.op != nil {
		areas = b.op.ByArea
	} else if t := team(b.m, "totale"); t != nil {
		areas = t.ByArea
	}
	if len(areas) > 0 {
		var labels []string
		var counts []int
		var keys []carico.Area
		for _, a := range append(slices.Clone(carico.Areas), "") {
			if n, ok := areas[a]; ok {
				labels, counts, keys = append(labels, areaLabel(a)), append(counts, n), append(keys, a)
			}
		}
		// An area's open cartelle are the caseload of those who hold them.
		blk := b.partition("Cartelle aperte per area di utenza al "+b.m.Period.At.Format("02/01/2006"), "Area di utenza", "Cartelle aperte", labels, counts, sensitiveOf(areaCaseload(b.m), keys))
		keyed(&blk.Table, 0, dimArea, areaKeys(keys))
		s.More = append(s.More, blk)
	}
	return s
}

func (b *builder) qualitySection() section {
	q := b.m.Quality
	s := section{
		ID: "qualita", Sheet: "Qualità dei dati", Title: "Qualità dei dati",
		Intro: "Il responsabile «verifica il corretto utilizzo della cartella sociale informatizzata» (raccomandazioni, §5). Ore documentate sotto quelle disponibili indicano un diario incompleto: ogni dato costruito sul diario sottostima il carico. Le cartelle aperte senza attività da un anno andrebbero chiuse (laboratorio sulla cartella sociale, Bergamo 2018).",
		Table: table{Columns: []column{
			{Name: "Operatore", Kind: kindText}, {Name: "Ore documentate", Kind: kindHours}, {Name: "Ore disponibili", Kind: kindHours},
			{Name: "Copertura", Kind: kindPercent}, {Name: "Mesi con copertura fuori soglia", Kind: kindCount}, {Name: "Cartelle senza attività da un anno", Kind: kindCount},
			{Name: "Stato", Kind: kindStatus}, {Name: "Regola e fonte", Kind: kindText, Width: 60},
		}},
	}
	offMonths := map[string]int{}
	for _, c := range q.Coverage {
		if c.Status != model.StatusOK {
			offMonths[c.OperatorID]++
		}
	}
	opRow := func(o *model.OperatorMetrics) []value {
		c := check(o.Checks, "coverage")
		st, rule := statusOK, "Copertura entro le soglie."
		if c != nil {
			st, rule = conv(c.Status), c.Rule
		}
		return []value{text(o.Name), num(o.DocumentedHours), num(o.AvailableHours), optional(o.Coverage, "—"), count(offMonths[o.ID]), count(o.Dormant), statusCell(st), text(rule)}
	}
	switch {
	case b.op != nil:
		s.Table.Rows = append(s.Table.Rows, opRow(b.op))
		blk := block{Title: "Copertura mese per mese", Table: table{Columns: []column{{Name: "Mese", Kind: kindText}, {Name: "Ore documentate", Kind: kindHours}, {Name: "Ore disponibili", Kind: kindHours}, {Name: "Copertura", Kind: kindPercent}, {Name: "Stato", Kind: kindStatus}}}}
		for _, c := range q.Coverage {
			if c.OperatorID == b.op.ID {
				blk.Table.Rows = append(blk.Table.Rows, []value{text(italian.ShortMonthOf(c.Month)), num(c.DocumentedHours), num(c.AvailableHours), optional(c.Coverage, "—"), statusCell(conv(c.Status))})
			}
		}
		s.More = append(s.More, blk)
		s.Charts = []chart{{Kind: chartBar, Title: "Ore documentate su ore disponibili", Category: 0, Series: []int{3}, Unit: "copertura", Percent: true, Refs: b.coverageRefs()}}
		return s
	case b.politico():
		// Aggregates only: coverage of the whole team, dormant cases by comune.
		s.Table.Columns = []column{{Name: "Profilo", Kind: kindText}, {Name: "Ore documentate", Kind: kindHours}, {Name: "Ore disponibili", Kind: kindHours}, {Name: "Copertura", Kind: kindPercent}, {Name: "Stato", Kind: kindStatus}, {Name: "Regola e fonte", Kind: kindText, Width: 60}}
		worked := roleHours(b.m)
		// The profiles of fewer than k people go together in one row: left
		// out, the total less the rows shown would give their hours back.
		var few model.TeamMetrics
		var fewWork []float64
		for _, t := range b.m.Teams {
			if t.Role != "totale" && t.Operators < b.k {
				few.Operators += t.Operators
				few.DocumentedHours += t.DocumentedHours
				few.AvailableHours += t.AvailableHours
				fewWork = append(fewWork, worked[t.Role]...)
				continue
			}
			if t.Role == "totale" && few.Operators > 0 {
				r := []value{text("Altri profili"), num(few.DocumentedHours), num(few.AvailableHours), missing("—"), missing(""), text("Profili con meno di 3 operatori, insieme.")}
				if few.Operators < b.k || sensitive(fewWork) {
					r[1] = hidden(suppressedMark, few.DocumentedHours, byRule)
					r[2] = hidden(suppressedMark, few.AvailableHours, byRule)
					r[5] = text("Non diffuso: meno di 3 operatori.")
				}
				s.Table.Rows = append(s.Table.Rows, r)
			}
			c := check(t.Checks, "coverage")
			st, rule := statusOK, "Copertura entro le soglie."
			if c != nil {
				st, rule = conv(c.Status), c.Rule
			}
			r := []value{text(t.Label), num(t.DocumentedHours), num(t.AvailableHours), optional(t.Coverage, "—"), statusCell(st), text(rule)}
			if sensitive(worked[t.Role]) {
				// One operator's diario would stand for the profile's.
				r = []value{text(t.Label), hidden(suppressedMark, t.DocumentedHours, byRule), num(t.AvailableHours), hidden(suppressedMark, 0, withheld), missing(""), text("Non diffuso: un operatore documenta la maggior parte delle ore del profilo.")}
			}
			s.Table.Rows = append(s.Table.Rows, r)
		}
		s.Charts = []chart{{Kind: chartBar, Title: "Ore documentate su ore disponibili per profilo", Category: 0, Series: []int{3}, Unit: "copertura", Percent: true, Refs: b.coverageRefs()}}
		byComune := map[string]int{}
		for _, d := range q.Dormant {
			byComune[d.ISTAT]++
		}
		blk := block{Title: "Cartelle aperte senza attività da un anno, per comune", Table: table{Columns: []column{{Name: "Comune", Kind: kindText}, {Name: "Cartelle", Kind: kindCount}}}}
		var counts []int
		var sens []bool
		var istat []string
		byOperator := comuneDormant(b.m)
		for _, c := range b.m.Comuni {
			istat = append(istat, c.ISTAT)
			blk.Table.Rows = append(blk.Table.Rows, []value{text(c.Name), count(byComune[c.ISTAT])})
			counts = append(counts, byComune[c.ISTAT])
			sens = append(sens, sensitive(byOperator[c.ISTAT]))
			delete(byComune, c.ISTAT)
			delete(byOperator, c.ISTAT)
		}
		rest := 0
		var restOps []float64
		for istat, n := range byComune {
			rest += n
			restOps = append(restOps, byOperator[istat]...)
		}
		if rest > 0 {
			blk.Table.Rows = append(blk.Table.Rows, []value{text("Comune non indicato"), count(rest)})
			counts = append(counts, rest)
			sens = append(sens, sensitive(restOps))
		}
		blk.Table.Rows = append(blk.Table.Rows, []value{text("Totale"), count(q.DormantCases)})
		// Dormant cartelle are their holders' work: a comune with one or
		// two holders, or one dominant, would name them.
		protectColumnCells(&blk.Table, 1, counts, sens, b.k)
		keyed(&blk.Table, 0, dimComune, istat)
		s.More = append(s.More, blk)
	default:
		for i := range b.m.Operators {
			s.Table.Rows = append(s.Table.Rows, opRow(&b.m.Operators[i]))
		}
		sortRows(s.Table.Rows, 3, false)
		s.Charts = []chart{{Kind: chartBar, Title: "Ore documentate su ore disponibili per operatore", Category: 0, Series: []int{3}, Unit: "copertura", Percent: true, Refs: b.coverageRefs()}}
		if b.a != nil {
			break // the audit lists the dormant cartelle on the sheet «Da verificare»
		}
		names := map[string]string{}
		for _, o := range b.m.Operators {
			names[o.ID] = o.Name
		}
		comuni := map[string]string{}
		for _, c := range b.m.Comuni {
			comuni[c.ISTAT] = c.Name
		}
		blk := block{Title: "Cartelle aperte senza attività da un anno", Table: table{Columns: []column{
			{Name: "Cartella", Kind: kindText}, {Name: "Operatore", Kind: kindText}, {Name: "Comune", Kind: kindText}, {Name: "Area di utenza", Kind: kindText},
			{Name: "Aperta il", Kind: kindDate}, {Name: "Ultima attività", Kind: kindDate}, {Name: "Giorni senza attività", Kind: kindCount},
		}}}
		for _, d := range q.Dormant {
			last := missing("nessuna")
			if d.LastActivity != nil {
				last = date(d.LastActivity.Time)
			}
			r := []value{text(carico.DisplayID(d.CaseID)), text(names[d.OperatorID]), text(comuni[d.ISTAT]), text(areaLabel(d.Area)), date(d.Opened.Time), last, count(d.DaysSilent)}
			r[2].Key, r[3].Key = d.ISTAT, string(d.Area)
			blk.Table.Rows = append(blk.Table.Rows, r)
		}
		blk.Table.Columns[2].Dim, blk.Table.Columns[3].Dim = dimComune, dimArea
		s.More = append(s.More, blk)
	}
	if n := b.patronNote(); n != "" {
		s.Notes = append(s.Notes, n)
	}
	rej := block{Title: "Righe scartate all'importazione", Table: table{Columns: []column{{Name: "File", Kind: kindText}, {Name: "Righe scartate", Kind: kindCount}, {Name: "Motivi", Kind: kindText, Width: 70}}}}
	for _, r := range q.Rejected {
		var reasons []string
		keys := make([]string, 0, len(r.Reasons))
		for k := range r.Reasons {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			reasons = append(reasons, fmt.Sprintf("%s (%d)", k, r.Reasons[k]))
		}
		rej.Table.Rows = append(rej.Table.Rows, []value{text(r.File), b.countValue(r.Rejected).as("rejected@" + r.File), text(strings.Join(reasons, "; "))})
	}
	if b.politico() {
		// Reasons may quote a rejected value; the council needs only counts.
		for i := range rej.Table.Rows {
			rej.Table.Rows[i][2] = text("dettaglio nella versione per il responsabile")
		}
	}
	s.More = append(s.More, rej)
	return s
}

// patronNote says which comuni have no patron day: for the operators who
// mostly work there, the available hours keep it as a working day.
func (b *builder) patronNote() string {
	var missing []string
	for _, c := range b.m.Comuni {
		if c.PatronDay == "" {
			missing = append(missing, c.Name)
		}
	}
	if len(missing) == 0 {
		return ""
	}
	which := fmt.Sprintf("%d comuni su %d", len(missing), len(b.m.Comuni))
	if len(missing) == 1 {
		which = fmt.Sprintf("1 comune su %d", len(b.m.Comuni))
	}
	return fmt.Sprintf("Festa patronale non indicata per %s (%s): per gli operatori che vi lavorano prevalentemente il santo patrono non è tolto dalle ore disponibili, che possono risultare sovrastimate di un giorno. Indicarla nella colonna «Festa patronale» dell'elenco dei comuni o in [awt.patron] nella configurazione.",
		which, strings.Join(missing, ", "))
}

func (b *builder) methodSection() section {
	m := b.m
	s := section{
		ID: "metodo", Sheet: "Metodo e fonti", Title: "Metodo e fonti",
		Intro: "Ogni dato del rapporto deriva dai file elencati qui, importati in carico con l'impronta SHA-256 che permette di verificare che siano gli stessi. Seguono il periodo, le formule e le soglie con le loro fonti.",
		Table: table{Columns: []column{
			{Name: "File", Kind: kindText}, {Name: "Tipo", Kind: kindText}, {Name: "Profilo", Kind: kindText}, {Name: "SHA-256", Kind: kindText},
			{Name: "Importato il", Kind: kindDate}, {Name: "Righe lette", Kind: kindCount}, {Name: "Inserite", Kind: kindCount},
			{Name: "Aggiornate", Kind: kindCount}, {Name: "Invariate", Kind: kindCount}, {Name: "Scartate", Kind: kindCount},
		}},
	}
	for _, src := range m.Sources {
		c := b.countValue
		s.Table.Rows = append(s.Table.Rows, []value{text(src.File), text(importKindLabel(src.Kind)), text(src.Profile), text(src.SHA256),
			date(src.ImportedAt), c(src.RowsRead), c(src.Inserted), c(src.Updated), c(src.Unchanged), c(src.Rejected).as("rejected@" + src.File)})
	}
	s.Table.RowSums = []rowSum{{Total: 5, Parts: []int{6, 7, 8, 9}}} // read = inserted + updated + unchanged + rejected
	p := m.Period
	s.More = append(s.More, block{Title: "Periodo", Table: table{
		Columns: []column{{Name: "Voce", Kind: kindText}, {Name: "Data", Kind: kindDate}},
		Rows: [][]value{
			{text("Inizio del periodo"), date(p.From.Time)},
			{text("Fine del periodo"), date(p.To.Time)},
			{text("Data di riferimento delle cartelle aperte e dei rapporti LEPS"), date(p.At.Time)},
			{text("Data di produzione del rapporto"), date(b.opt.Generated)},
		}}})
	s.More = append(s.More, b.termsBlock())
	s.More = append(s.More, block{Title: "Formule e soglie", Table: table{
		Columns: []column{{Name: "Misura", Kind: kindText}, {Name: "Formula e soglie", Kind: kindText, Width: 70}, {Name: "Fonte", Kind: kindText, Width: 50}},
		Rows:    formulaRows(m.Config),
	}})
	return s
}

func importKindLabel(k string) string {
	switch k {
	case "activities":
		return "attività (diario)"
	case "cases":
		return "cartelle"
	case "assignments":
		return "assegnazioni"
	case "staff":
		return "personale"
	case "absences":
		return "assenze"
	case "population":
		return "popolazione"
	case "capacity":
		return "riduzioni di capacità"
	case "istanze":
		return "istanze"
	}
	return k
}

func formulaRows(c *model.Config) [][]value {
	if c == nil {
		c = model.DefaultConfig()
	}
	t, l, a := c.Thresholds, c.LEPS, c.AWT
	var weights []string
	for _, area := range carico.Areas {
		if w, ok := c.Caseload.Weights[area]; ok {
			weights = append(weights, fmt.Sprintf("%s %s/%s/%s", area.Label(), italian.Number(w[0], 0), italian.Number(w[1], 0), italian.Number(w[2], 0)))
		}
	}
	rows := [][]string{
		{"Cartella aperta a una data", "aperta quel giorno o prima e non chiusa entro quel giorno: il conto è quello di fine giornata (una cartella chiusa quel giorno non è più aperta, una aperta quel giorno lo è già); assegnata all'operatore titolare in quella data (in un periodo di sostituzione, il sostituto).", "Regola di progetto (docs/method.md)"},
		{"Carico ponderato", "somma dei pesi delle cartelle aperte, in ore di lavoro all'anno per area e complessità (bassa/media/alta): " + strings.Join(weights, "; ") + ".", "National Center for State Courts e RAND, National Public Defense Workload Study (2023); pesi: scelta di progetto (non esiste uno standard italiano)"},
		{"Carico sul tempo per i casi", fmt.Sprintf("carico ponderato ÷ (ore disponibili all'anno × %s); attenzione oltre %s, critico oltre %s.", italian.Number(t.CaseTimeShare*100, 0)+" %", italian.Number(t.CaseloadAmber*100, 0)+" %", italian.Number(t.CaseloadRed*100, 0)+" %"), "HM Prison and Probation Service, Workload Measurement Tool (soglia del 110 %); quota per i casi: scelta di progetto"},
		{"Cartelle senza attività", fmt.Sprintf("cartelle aperte senza voci nel diario da %d giorni.", c.Caseload.DormantDays), "Laboratorio sulla cartella sociale informatizzata, Bergamo 2018"},
		{"Tempo di lavoro disponibile", fmt.Sprintf("(giorni lavorativi − festività nazionali e patronali − ferie − malattia − altre assenze) × ore settimanali ÷ 5. Le assenze sono quelle registrate per l'operatore nell'anno; dove mancano, i valori predefiniti di %s giorni di ferie, %s di malattia e %s di altre assenze, in proporzione al periodo di contratto. Le ferie sono distribuite sui mesi secondo un profilo (soprattutto agosto e fine dicembre). FTE = ore settimanali ÷ %s.", italian.Number(a.LeaveDays, 0), italian.Number(a.SickDays, 0), italian.Number(a.OtherDays, 0), italian.Number(a.FullTimeHours, 0)), "OMS, Workload Indicators of Staffing Need: manuale d'uso (2010); CCNL Funzioni Locali 2016-2018, art. 28 (ferie); malattia e altre assenze: scelta di progetto"},
		{"Copertura del diario", fmt.Sprintf("ore documentate ÷ ore disponibili; attenzione sotto %s o oltre %s.", italian.Number(t.CoverageLow*100, 0)+" %", italian.Number(t.CoverageHigh*100, 0)+" %"), "Regola di progetto; soglie: scelta di progetto"},
		{"Lavoro di comunità", fmt.Sprintf("quota del tempo documentato; attenzione sotto %s.", italian.Number(t.CommunityShareTarget*100, 0)+" %"), "ANCI Lombardia e CROAS Lombardia, raccomandazioni sul servizio sociale professionale (2024-2025), §5; obiettivo: scelta del servizio"},
		{"WISN", fmt.Sprintf("carico standard = tempo disponibile ÷ tempo per unità; personale = Σ carico annuo ÷ carico standard; CAF = 1 ÷ (1 − ΣCAS%%/100); IAF = ore individuali ÷ tempo disponibile; necessario = personale × CAF + IAF; rapporto = effettivo ÷ necessario: attenzione sotto %s, critico sotto %s.", italian.Number(t.WISNAmber, 2), italian.Number(t.WISNRed, 2)), "OMS, Workload Indicators of Staffing Need: manuale d'uso (2010); Burmen e altri, Human Resources for Health 15:9 (2017); soglia critica: scelta di progetto"},
		{"Carico ponderato: fabbisogno", fmt.Sprintf("FTE necessari = Σ (peso × cartelle-anno) ÷ (ore disponibili di un FTE all'anno × %s), la quota per il lavoro sul caso del carico sul tempo per i casi; il resto del tempo è per comunità, segretariato, amministrazione e formazione.", italian.Number(t.CaseTimeShare*100, 0)+" %"), "National Center for State Courts e RAND, National Public Defense Workload Study (2023)"},
		{"Livello essenziale (LEPS)", fmt.Sprintf("residenti ÷ FTE di assistenti sociali a tempo indeterminato; livello essenziale 1:%s, obiettivo 1:%s; contributo € %s per FTE oltre 1:%s fino a 1:%s, € %s oltre 1:%s fino a 1:%s.",
			italian.Number(l.EssentialResidents, 0), italian.Number(l.TargetResidents, 0), italian.Number(l.ContributionToEssential, 0), italian.Number(l.FloorResidents, 0), italian.Number(l.EssentialResidents, 0), italian.Number(l.ContributionToTarget, 0), italian.Number(l.EssentialResidents, 0), italian.Number(l.TargetResidents, 0)), "L. 178/2020, art. 1 c. 797-798"},
	}
	rows = append(rows,
		[]string{"Termine del procedimento", "giorni di calendario dall'istanza (o dalla richiesta di altro ente) alla decisione; termine generale 30 giorni, fino a 90 o 180 se una norma o il regolamento dell'ente lo prevede. Un procedimento avviato su istanza si conclude con un provvedimento espresso: una cartella chiusa senza decisione è segnalata.", "L. 241/1990, art. 2 (c. 1 per il provvedimento espresso; c. 2-4 per i termini)"},
		[]string{"Previsioni", "metodo scelto per ciascuna serie confrontando le previsioni fatte in passato con i dati poi osservati (origini mobili); Holt-Winters con stagionalità di 12 mesi quando la storia è di almeno 24 mesi; errore misurato con il MASE.", "Hyndman e Athanasopoulos, Forecasting: Principles and Practice, 3ª ed. (2021), cap. 8; Hyndman e Koehler, International Journal of Forecasting 22(4) (2006)"},
		[]string{"Zone territoriali", "unità confinanti raggruppate in zone con carico ponderato bilanciato; FTE necessari = carico ÷ ore per i casi di un FTE.", "Comune di Crema, riorganizzazione in micro-équipe territoriali (2013)"},
		[]string{"Riservatezza (versione per Giunta e Consiglio)", "conteggi da 1 a 2 e dati sul lavoro di " + fewRule + " non diffusi (regole della soglia e della dominanza); mediane e percentili solo su almeno 10 eventi, misure di dispersione solo su almeno 10 operatori; altre celle nascoste, anche zeri, finché un controllo con la programmazione lineare su tutte le tabelle insieme non trova alcun dato riservato ricavabile (intervallo ricavabile che comprenda 0 e 3 per un conteggio, almeno ±25 % per un dato in ore); ogni dato nascosto è scritto «n.d.», qualunque sia il motivo, perché il segno non dica se è piccolo; se il controllo non riesce il rapporto non viene scritto.", "τ-ARGUS (Statistics Netherlands, progetto europeo CASC); Hundepool e altri, Statistical Disclosure Control, Wiley (2012), cap. 4-5 (manuale Eurostat); prassi Istat sulle frequenze piccole (regola della soglia); raccomandazioni ANCI-CROAS Lombardia (accesso dell'amministratore)"},
	)
	out := make([][]value, len(rows))
	for i, r := range rows {
		out[i] = []value{text(r[0]), text(r[1]), text(r[2])}
	}
	return out
}

// protectedBlock is whether protected time was used: each social worker's
// supervision and community time against the targets for the responsabile,
// her own for the operatore, the team's hours only for the council.
func (b *builder) protectedBlock() (block, bool) {
	pt := b.m.ProtectedTime
	if pt.SocialWorkers == 0 {
		return block{}, false
	}
	if b.politico() {
		blk := block{Title: "Supervisione professionale degli assistenti sociali nel periodo", Table: table{Columns: []column{
			{Name: "Ore registrate", Kind: kindHours}, {Name: "Ore dell'obiettivo", Kind: kindHours}}}}
		blk.Table.Rows = append(blk.Table.Rows, []value{num(pt.SupervisionHours), num(pt.SupervisionTarget)})
		return blk, true
	}
	blk := block{Title: "Tempo protetto: supervisione e lavoro di comunità", Table: table{Columns: []column{
		{Name: "Operatore", Kind: kindText}, {Name: "Supervisione (ore)", Kind: kindHours}, {Name: "Obiettivo di supervisione (ore)", Kind: kindHours},
		{Name: "Quota lavoro di comunità", Kind: kindPercent}, {Name: "Obiettivo di comunità", Kind: kindPercent},
		{Name: "Da verificare", Kind: kindText, Width: 70}}}}
	for i := range b.m.Operators {
		o := &b.m.Operators[i]
		p := o.ProtectedTime
		if p == nil || (b.op != nil && o.ID != b.op.ID) {
			continue
		}
		note := "—"
		if len(p.Notes) > 0 {
			note = strings.Join(p.Notes, " ")
		}
		blk.Table.Rows = append(blk.Table.Rows, []value{text(o.Name), num(p.SupervisionHours), num(p.SupervisionTarget),
			num(p.CommunityShare), num(p.CommunityTarget), text(note)})
	}
	if b.op == nil {
		blk.Table.Rows = append(blk.Table.Rows, []value{text(fmt.Sprintf("Assistenti sociali (%d)", pt.SocialWorkers)), num(pt.SupervisionHours), num(pt.SupervisionTarget),
			missing("—"), missing("—"), text(fmt.Sprintf("Sotto l'obiettivo di supervisione: %d; sotto quello di comunità: %d; riduzione non rispecchiata nel diario: %d.",
				pt.BelowSupervision, pt.BelowCommunity, pt.ReductionNotReflected))})
	}
	return blk, len(blk.Table.Rows) > 0
}
