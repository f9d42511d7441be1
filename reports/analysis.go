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
)

// The sections drawn from an analytics.Analysis: flows, timeliness, the
// balance of work, the audit rules and the records they found. The
// politico builder receives the analysis already cut by Analysis.For, and
// every count that could be small goes through countValue or protectColumn.

func (b *builder) analysisSections() []section {
	if b.a == nil {
		return nil
	}
	return []section{b.flowsSection(), b.timelinessSection(), b.equitySection()}
}

// minEvents is the fewest events whose quantiles the council's version
// shows: the median, quartiles and 90th percentile of three closures solve
// to the three durations (docs/reports.md).
const minEvents = 10

// small1 reports whether a count is hidden by the threshold rule: from 1 to k−1. A true
// 0 is published as 0, and a share of it as 0 %, not «n.d.», which would
// suggest something hidden.
func small1(n, k int) bool { return n > 0 && n < k }

// minWorkers is the fewest workers whose distribution (median, variation,
// maximum ÷ median, Gini) the council's version shows.
const minWorkers = 10

// quantile is a number of days, hidden in the politico version when it is
// computed on fewer than minEvents cases.
func (b *builder) quantile(v *float64, n int) value {
	if b.politico() && n < minEvents {
		return hidden(suppressedMark, 0, withheld)
	}
	return optional(v, "—")
}

// groupFlows sums the period's openings (and closures, withClosed) of each
// comune or area (key d), with their total. For the council each column is
// protected as the open cartelle of a comune or an area are: its openings
// and closures are the work of those who hold its cartelle (contrib, by
// key).
func (b *builder) groupFlows(title, label string, d dim, groups []analytics.GroupFlow, contrib map[string][]float64, withClosed bool) block {
	blk := block{Title: title, Table: table{Columns: []column{{Name: label, Kind: kindText}, {Name: "Aperte nel periodo", Kind: kindCount}, {Name: "Chiuse nel periodo", Kind: kindCount}}}}
	type sums struct {
		label          string
		opened, closed int
	}
	by := map[string]*sums{}
	var keys []string
	for _, g := range groups {
		if by[g.Key] == nil {
			by[g.Key] = &sums{label: g.Label}
			keys = append(keys, g.Key)
		}
		by[g.Key].opened += g.Opened
		by[g.Key].closed += g.Closed
	}
	// By name; the cartelle that do not say go last.
	slices.SortStableFunc(keys, func(x, y string) int {
		return cmp.Or(cmpBool(x == "" || x == "non_indicata", y == "" || y == "non_indicata"), strings.Compare(by[x].label, by[y].label))
	})
	var opened, closed []int
	for _, k := range keys {
		blk.Table.Rows = append(blk.Table.Rows, []value{text(by[k].label), count(by[k].opened), count(by[k].closed)})
		opened, closed = append(opened, by[k].opened), append(closed, by[k].closed)
	}
	blk.Table.Rows = append(blk.Table.Rows, []value{text("Totale"), count(sum(opened)).as("new@period"), count(sum(closed)).as("closed@period")})
	if b.politico() {
		sens := sensitiveOf(contrib, keys)
		protectColumnCells(&blk.Table, 1, opened, sens, b.k)
		protectColumnCells(&blk.Table, 2, closed, sens, b.k)
	}
	keyed(&blk.Table, 0, d, keys)
	if !withClosed {
		blk.Table.Columns = blk.Table.Columns[:2]
		for i, r := range blk.Table.Rows {
			blk.Table.Rows[i] = r[:2]
		}
	}
	return blk
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

func (b *builder) flowsSection() section {
	a := b.a
	s := section{
		ID: "flussi", Sheet: "Flussi", Title: "Flussi delle cartelle",
		Intro: fmt.Sprintf("Cartelle aperte e chiuse in ogni mese e cartelle aperte alla fine del mese, dal %s al %s. Una cartella chiusa in un giorno non è più aperta alla fine di quel giorno. Il rapporto entrate/uscite è aperte ÷ chiuse: sopra 1 il numero di cartelle cresce.", italianDay(a.Period.From), italianDay(a.Period.To)),
		Table: table{Columns: []column{
			{Name: "Mese", Kind: kindText}, {Name: "Aperte nel mese", Kind: kindCount}, {Name: "Chiuse nel mese", Kind: kindCount},
			{Name: "Aperte a fine mese", Kind: kindCount}, {Name: "Rapporto entrate/uscite", Kind: kindRatio},
		}},
	}
	small := false
	prev := ""
	flows, unit := a.Flows, "mese"
	if b.byQuarter() {
		unit = "trimestre"
		flows = quarterFlows(flows)
		s.Title, s.Table.Columns[0].Name = "Flussi delle cartelle per trimestre", "Trimestre"
		s.Table.Columns[1].Name, s.Table.Columns[2].Name, s.Table.Columns[3].Name = "Aperte nel trimestre", "Chiuse nel trimestre", "Aperte a fine trimestre"
		s.Intro = strings.Replace(strings.Replace(s.Intro, "in ogni mese", "in ogni trimestre", 1), "alla fine del mese", "alla fine del trimestre", 1)
		s.Notes = append(s.Notes, quarterNote(b.k))
	}
	for _, f := range flows {
		r := []value{text(periodLabel(f.Month)), b.countValue(f.Opened).as("new@" + f.Month), b.countValue(f.Closed).as("closed@" + f.Month),
			b.countValue(f.OpenEnd).as("open@" + f.Month), optional(f.InflowOutflow, "—")}
		if b.politico() && (small1(f.Opened, b.k) || small1(f.Closed, b.k)) {
			r[4] = hidden(suppressedMark, 0, withheld) // aperte ÷ chiuse gives a small one back
			small = true
		}
		if prev == "" {
			// Open at month end moves by opened − closed: the audit
			// knows it and hides what would give a small flow back.
			s.Table.Chain = &chain{In: 1, Out: 2, End: 3, Start: "open@" + periodBefore(f.Month)}
		}
		prev = f.Month
		s.Table.Rows = append(s.Table.Rows, r)
	}
	t := a.FlowTotals
	period := []value{text("Periodo"), b.countValue(t.Opened).as("new@period"), b.countValue(t.Closed).as("closed@period"), b.countValue(t.OpenEnd), optional(t.InflowOutflow, "—")}
	if prev != "" {
		period[3] = period[3].as("open@" + prev)
	}
	s.Table.Rows = append(s.Table.Rows, period)
	s.Charts = []chart{{Kind: chartColumn, Title: "Cartelle aperte e chiuse nel mese, aperte a fine mese", Category: 0, Series: []int{1, 2}, Lines: []int{3}, Unit: "cartelle", Rows: len(flows)}}
	switch {
	case b.byQuarter():
		s.Charts[0].Title = "Cartelle aperte e chiuse nel trimestre, aperte a fine trimestre"
		s.Notes = append(s.Notes, "Aperte a fine trimestre = aperte alla fine del trimestre prima + aperte nel trimestre − chiuse nel trimestre.")
	case b.politico():
		s.Notes = append(s.Notes, "Aperte a fine mese = aperte alla fine del mese prima + aperte nel mese − chiuse nel mese.")
	default:
		s.Notes = append(s.Notes, fmt.Sprintf("Aperte all'inizio del periodo: %s; aperte alla fine: %s (= inizio + aperte − chiuse).", b.countValue(t.OpenStart).textOr(kindCount), b.countValue(t.OpenEnd).textOr(kindCount)))
	}
	if small {
		// The groups would add up to the period's totals.
		s.Notes = append(s.Notes, "Le cartelle aperte e chiuse per comune e per area di utenza non sono diffuse: in qualche "+unit+" del periodo i numeri sono troppo piccoli, e dalla loro somma si ricaverebbero.")
	} else {
		areaWork := map[string][]float64{}
		for a, c := range areaCaseload(b.m) {
			areaWork[string(a)] = c
		}
		areaWork["non_indicata"] = areaWork[""]
		// The closures by area are in the table of days to closure below.
		for _, g := range []block{
			b.groupFlows("Cartelle aperte e chiuse nel periodo, per comune", "Comune", dimComune, a.FlowsByComune, comuneCaseload(b.m), true),
			b.groupFlows("Cartelle aperte nel periodo, per area di utenza", "Area di utenza", dimArea, a.FlowsByArea, areaWork, false),
		} {
			if len(g.Table.Rows) > 1 {
				s.More = append(s.More, g)
			}
		}
	}

	// Closures by reason: a partition of the closures, with its total.
	var labels []string
	var counts []int
	for _, r := range closeOrder(a.ClosedByReason) {
		labels, counts = append(labels, closeLabel(r)), append(counts, a.ClosedByReason[r])
	}
	reasons := b.partition("Cartelle chiuse nel periodo per motivo", "Motivo della chiusura", "Cartelle chiuse", labels, counts, nil)
	s.More = append(s.More, reasons)

	times := block{Title: "Giorni dall'apertura alla chiusura, per area di utenza", Table: table{Columns: []column{
		{Name: "Area di utenza", Kind: kindText}, {Name: "Cartelle chiuse", Kind: kindCount}, {Name: "Mediana (giorni)", Kind: kindCount},
		{Name: "25° percentile", Kind: kindCount}, {Name: "75° percentile", Kind: kindCount}, {Name: "90° percentile", Kind: kindCount},
	}}}
	counts = counts[:0]
	var areas []string
	for _, c := range a.TimeToClose.ByArea {
		areas = append(areas, c.Area)
		times.Table.Rows = append(times.Table.Rows, []value{text(closureLabel(c)), count(c.Closed), b.quantile(c.Median, c.Closed), b.quantile(c.P25, c.Closed), b.quantile(c.P75, c.Closed), b.quantile(c.P90, c.Closed)})
		counts = append(counts, c.Closed)
	}
	all := a.TimeToClose.All
	times.Table.Rows = append(times.Table.Rows, []value{text("Tutte le aree"), count(all.Closed), b.quantile(all.Median, all.Closed), b.quantile(all.P25, all.Closed), b.quantile(all.P75, all.Closed), b.quantile(all.P90, all.Closed)})
	if b.politico() {
		protectColumn(&times.Table, 1, counts, b.k)
		for i, c := range counts {
			if times.Table.Rows[i][1].Missing && c >= b.k {
				for j := 2; j < 6; j++ { // hidden by secondary suppression: hide its spread too
					times.Table.Rows[i][j] = hidden(suppressedMark, 0, withheld)
				}
			}
		}
	}
	keyed(&times.Table, 0, dimArea, areas)
	s.More = append(s.More, times)

	r := a.Reopenings
	share := optional(r.Share, "—")
	if b.politico() && small1(r.Reopened, b.k) { // a zero is 0 %
		share = hidden(suppressedMark, 0, withheld)
	}
	s.More = append(s.More, block{Title: fmt.Sprintf("Riaperture: nuova cartella per la stessa persona entro %d mesi da una chiusura", r.WindowMonths), Table: table{
		Columns: []column{{Name: "Cartelle aperte nel periodo", Kind: kindCount}, {Name: "di cui riaperture", Kind: kindCount}, {Name: "Quota", Kind: kindPercent}},
		Rows:    [][]value{{b.countValue(r.Opened).as("new@period"), b.countValue(r.Reopened), share}},
	}})

	// Segretariato sociale: the Ambito's access activities per month.
	acc := block{Title: "Segretariato sociale: attività di accesso per mese", Table: table{Columns: []column{{Name: "Mese", Kind: kindText}, {Name: "Attività", Kind: kindCount}, {Name: "Ore", Kind: kindHours}}}}
	type vol struct {
		n   int
		min int64
	}
	byMonth := map[string]vol{}
	if b.byQuarter() {
		acc.Title, acc.Table.Columns[0].Name = "Segretariato sociale: attività di accesso per trimestre", "Trimestre"
	}
	for _, v := range a.Access {
		if b.byQuarter() {
			v.Month = quarterOf(v.Month)
		}
		x := byMonth[v.Month]
		x.n += v.Activities
		x.min += v.Minutes
		byMonth[v.Month] = x
	}
	months := make([]string, 0, len(byMonth))
	for m := range byMonth {
		months = append(months, m)
	}
	sort.Strings(months)
	for _, m := range months {
		acc.Table.Rows = append(acc.Table.Rows, []value{text(periodLabel(m)), b.countValue(byMonth[m].n), num(hours(byMonth[m].min))})
	}
	s.More = append(s.More, acc)
	return s
}

// textOr is a value as plain text, for a sentence.
func (v value) textOr(k valueKind) string { return k.format(v) }

// italianDay turns "2025-01-31" into "31/01/2025".
func italianDay(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t.Format("02/01/2006")
}

func closeOrder(m map[string]int) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range carico.CloseReasons {
		if _, ok := m[string(r)]; ok {
			out = append(out, string(r))
			seen[string(r)] = true
		}
	}
	var rest []string
	for r := range m {
		if !seen[r] {
			rest = append(rest, r)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

func closeLabel(r string) string {
	if r == "" || r == "non_indicato" || r == "non_indicata" {
		return "Non indicato"
	}
	return carico.CloseReason(r).Label()
}

func closureLabel(c analytics.ClosureTimes) string {
	if c.Label != "" {
		return c.Label
	}
	if c.Area == "non_indicata" {
		return areaLabel("")
	}
	return areaLabel(carico.Area(c.Area))
}

func (b *builder) timelinessSection() section {
	tl := b.a.Timeliness
	s := section{
		ID: "procedimenti", Sheet: "Tempi dei procedimenti", Title: "Tempi dei procedimenti",
		Intro: fmt.Sprintf("Giorni di calendario dall'istanza (o dalla richiesta di altro ente) alla decisione, per le decisioni del periodo, confrontati con il termine del procedimento (L. 241/1990, art. 2; termine generale %d giorni). Una decisione il giorno del termine è nei tempi, il giorno dopo è oltre. «In attesa» sono i procedimenti senza decisione al %s.", tl.TermDays, italianDay(b.a.Period.At)),
		Table: table{Columns: []column{
			{Name: "Iniziativa", Kind: kindText}, {Name: "Termine (giorni)", Kind: kindCount}, {Name: "Decisioni", Kind: kindCount},
			{Name: "Nei termini", Kind: kindCount}, {Name: "Oltre il termine", Kind: kindCount}, {Name: "Mediana (giorni)", Kind: kindDecimal},
			{Name: "90° percentile (giorni)", Kind: kindDecimal}, {Name: "In attesa", Kind: kindCount}, {Name: "In attesa oltre il termine", Kind: kindCount},
		}},
	}
	s.Table.RowSums = []rowSum{{Total: 2, Parts: []int{3, 4}}} // decisions = within + over the term
	cols := map[int][]int{}                                    // column → counts per initiative
	for _, it := range tl.ByInitiative {
		f := it.TimelinessFigures
		s.Table.Rows = append(s.Table.Rows, []value{text(initiativeLabel(it)), count(it.TermDays), count(f.Decisions), count(f.WithinTerm), count(f.OverTerm),
			b.quantile(f.MedianDays, f.Decisions), b.quantile(f.P90Days, f.Decisions), count(f.Pending), count(f.PendingOverTerm)})
		for c, n := range map[int]int{2: f.Decisions, 3: f.WithinTerm, 4: f.OverTerm, 7: f.Pending, 8: f.PendingOverTerm} {
			cols[c] = append(cols[c], n)
		}
	}
	f := tl.TimelinessFigures
	s.Table.Rows = append(s.Table.Rows, []value{text("Totale"), count(tl.TermDays), count(f.Decisions), count(f.WithinTerm), count(f.OverTerm),
		b.quantile(f.MedianDays, f.Decisions), b.quantile(f.P90Days, f.Decisions), count(f.Pending), count(f.PendingOverTerm)})
	if b.politico() {
		for c, counts := range cols {
			protectColumn(&s.Table, c, counts, b.k)
		}
		// Nei termini + oltre = decisioni: a hidden part must not follow
		// from the other two, so a row hiding one hides the three.
		for _, row := range s.Table.Rows {
			if row[2].Missing || row[3].Missing || row[4].Missing {
				for _, c := range []int{2, 3, 4} {
					if !row[c].Missing {
						row[c] = hidden(suppressedMark, row[c].Num, complement)
					}
				}
			}
		}
	}
	s.Charts = []chart{{Kind: chartBar, Title: "Decisioni nei termini e oltre il termine, per iniziativa", Category: 0, Series: []int{3, 4}, Stacked: true, Unit: "decisioni", Rows: len(tl.ByInitiative)}}
	if f.DecisionBeforeApplication > 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("Decisioni con data precedente all'istanza, escluse dai calcoli perché errori di registrazione: %s.", b.countValue(f.DecisionBeforeApplication).textOr(kindCount)))
	}
	return s
}

func initiativeLabel(it analytics.InitiativeTimeliness) string {
	if it.Label != "" {
		return it.Label
	}
	if it.Initiative == "non_indicata" {
		return "Non indicata"
	}
	return carico.Initiative(it.Initiative).Label()
}

func (b *builder) equitySection() section {
	bal := b.a.Balance
	roles := table{Columns: []column{
		{Name: "Profilo", Kind: kindText}, {Name: "Operatori", Kind: kindCount},
		{Name: "Carico ponderato per FTE: mediana (ore/anno)", Kind: kindHours}, {Name: "Coefficiente di variazione", Kind: kindRatio},
		{Name: "Massimo ÷ mediana", Kind: kindRatio}, {Name: "Indice di Gini", Kind: kindRatio},
		{Name: "Lavoro di comunità: quota mediana", Kind: kindPercent}, {Name: "Sotto l'obiettivo di lavoro di comunità", Kind: kindCount},
	}}
	// Roles with a caseload dispersion first: the chart draws only them.
	roleOrder := slices.Clone(bal.Roles)
	slices.SortStableFunc(roleOrder, func(x, y analytics.RoleBalance) int {
		return cmpBool(x.WeightedCaseloadPerFTE.CV == nil, y.WeightedCaseloadPerFTE.CV == nil)
	})
	dispersed := 0
	for _, r := range roleOrder {
		d, c := r.WeightedCaseloadPerFTE, r.CommunityShare
		if b.politico() && (d.N > 0 && d.N < b.k || c.N > 0 && c.N < b.k) {
			continue // the dispersion of one or two people is theirs
		}
		below := missing("—") // no community work is expected of the role
		if r.Role.DoesCommunityWork() {
			below = b.countValue(r.BelowCommunityTarget)
		}
		row := []value{text(roleLabel(r)), b.countValue(max(d.N, c.N)).as("workers@" + string(r.Role)), optional(d.Median, "—"), optional(d.CV, "—"),
			optional(d.MaxOverMedian, "—"), optional(d.Gini, "—"), optional(c.Median, "—"), below}
		if b.politico() && max(d.N, c.N) < minWorkers {
			// A median and a maximum ÷ median of 7 give the top worker's
			// figure: the council reads no distribution of fewer than 10.
			for i := 2; i < 7; i++ {
				row[i] = hidden(suppressedMark, 0, withheld)
			}
		} else if d.CV != nil {
			dispersed++
		}
		roles.Rows = append(roles.Rows, row)
	}
	s := section{
		ID: "equita", Sheet: "Equità del carico", Title: "Equità del carico",
		Intro: fmt.Sprintf("Quanto è ripartito in modo uniforme il carico tra operatori dello stesso profilo al %s («il carico di lavoro sia ben ripartito», raccomandazioni ANCI-CROAS Lombardia). Coefficiente di variazione = deviazione standard ÷ media; indice di Gini = 0 se tutti hanno lo stesso carico, vicino a 1 se uno solo lo porta tutto. Obiettivo di lavoro di comunità: %s del tempo documentato.", italianDay(bal.At), pctText(bal.CommunityTarget)),
	}
	if b.politico() {
		s.Table = roles
		if dispersed > 0 {
			s.Charts = []chart{{Kind: chartBar, Title: "Dispersione del carico ponderato per FTE, per profilo", Category: 0, Series: []int{3, 5}, Unit: "indice", Rows: dispersed}}
		}
		s.Notes = append(s.Notes, "Profili con meno di "+fmt.Sprint(b.k)+" operatori non riportati; mediana e indici di dispersione («n.d.») solo per i profili di almeno "+fmt.Sprint(minWorkers)+" operatori: con meno, una mediana e un rapporto massimo ÷ mediana descriverebbero le singole persone.")
		return s
	}
	s.Table = table{Columns: []column{
		{Name: "Operatore", Kind: kindText}, {Name: "Profilo", Kind: kindText}, {Name: "FTE", Kind: kindRatio},
		{Name: "Carico ponderato per FTE (ore/anno)", Kind: kindHours}, {Name: "Distanza dalla mediana (ore/anno)", Kind: kindHours},
		{Name: "Rispetto alla mediana", Kind: kindPercent}, {Name: "Lavoro di comunità", Kind: kindPercent}, {Name: "Distanza dall'obiettivo di comunità", Kind: kindPercent},
	}}
	// Operators with a caseload figure first: the chart draws only them.
	ops := slices.Clone(bal.Operators)
	slices.SortStableFunc(ops, func(x, y analytics.OperatorBalance) int {
		return cmpBool(x.CaseloadRelative == nil, y.CaseloadRelative == nil)
	})
	drawn := 0
	for _, o := range ops {
		if o.CaseloadRelative != nil {
			drawn++
		}
		s.Table.Rows = append(s.Table.Rows, []value{text(o.Name), text(o.Role.Label()), num(o.FTE), optional(o.WeightedCaseloadPerFTE, "—"),
			optional(o.CaseloadFromMedian, "—"), optional(o.CaseloadRelative, "—"), optional(o.CommunityShare, "—"), optional(o.CommunityFromTarget, "—")})
	}
	sortRows(s.Table.Rows[:drawn], 5, false)
	s.Charts = []chart{{Kind: chartBar, Title: "Carico ponderato per FTE rispetto alla mediana del profilo", Category: 0, Series: []int{5}, Unit: "scarto dalla mediana", Percent: true, Rows: drawn}}
	s.More = append(s.More, block{Title: "Dispersione per profilo", Table: roles})
	return s
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func roleLabel(r analytics.RoleBalance) string {
	if r.Label != "" {
		return r.Label
	}
	return r.Role.Label()
}

func pctText(v float64) string { return kindPercent.format(num(v)) }

// auditSections are the audit rules — what each found, on what base — and,
// for the responsabile, the records they found. Each is a sheet of one
// table, with its header on every printed page.
func (b *builder) auditSections() []section {
	if b.a == nil {
		return nil
	}
	s := section{
		ID: "controlli", Sheet: "Controlli sulla cartella", Title: "Controlli sulla cartella sociale",
		Intro: "Il responsabile «verifica il corretto utilizzo della cartella sociale informatizzata» (raccomandazioni ANCI-CROAS Lombardia): per ogni controllo, quanti casi lo violano su quale base, con la gravità e la regola. Le regole vengono dal laboratorio sulla cartella sociale (Bergamo 2018) e dalla L. 241/1990.",
		Table: table{Columns: []column{
			{Name: "Controllo", Kind: kindText}, {Name: "Casi", Kind: kindCount}, {Name: "Su", Kind: kindCount}, {Name: "Quota", Kind: kindPercent},
			{Name: "Gravità", Kind: kindText}, {Name: "Descrizione", Kind: kindText, Width: 70},
		}},
	}
	for _, r := range b.a.Audit {
		share := optional(r.Share, "—")
		if b.politico() && small1(r.Count, b.k) { // a zero is 0 %
			share = hidden(suppressedMark, 0, withheld) // a share and its base give the count back
		}
		s.Table.Rows = append(s.Table.Rows, []value{text(ruleLabel(r.Rule)), b.countValue(r.Count), count(r.Denominator), share, text(string(r.Severity)), text(r.Description + " Base: " + r.Base + ".")})
	}
	if b.politico() {
		return []section{s}
	}
	return []section{s, b.findingsSection("")}
}

// findingsSection lists, for the responsabile only, the records each audit
// rule found: a work list on a sheet of its own, one row a record, so that
// it can be filtered and printed with its header on every page. With an
// operator's ID it keeps her records only (her home page's priorities).
func (b *builder) findingsSection(operatorID string) section {
	s := section{
		ID: "verifiche", Sheet: "Da verificare", Title: "Cartelle e attività da verificare",
		Intro: "Un record per riga, per ogni controllo della scheda «Controlli sulla cartella»: le cartelle da chiudere o completare, le annotazioni da correggere, i mesi in cui il diario è incompleto.",
		Table: table{Columns: []column{
			{Name: "Controllo", Kind: kindText}, {Name: "Cartella", Kind: kindText}, {Name: "Attività", Kind: kindText}, {Name: "Operatore", Kind: kindText},
			{Name: "Data o mese", Kind: kindText}, {Name: "Dettaglio", Kind: kindText, Width: 60},
		}},
		Filter: true,
	}
	names := map[string]string{}
	for _, o := range b.m.Operators {
		names[o.ID] = o.Name
	}
	for _, r := range b.a.Audit {
		for _, f := range r.Findings {
			if operatorID != "" && f.OperatorID != operatorID {
				continue
			}
			when := f.Month
			if f.Date != "" {
				when = italianDay(f.Date)
			}
			op := names[f.OperatorID]
			if op == "" {
				op = f.OperatorID
			}
			s.Table.Rows = append(s.Table.Rows, []value{text(ruleLabel(r.Rule)), text(carico.DisplayID(f.CaseID)), text(carico.DisplayID(f.ActivityID)), text(op), text(when), text(f.Detail)})
		}
		if r.FindingsTruncated {
			what := fmt.Sprintf("elenco troncato: %d casi in tutto", r.Count)
			if operatorID != "" {
				what = fmt.Sprintf("elenco troncato: %d casi in tutto nell'Ambito, qui soltanto i suoi tra i primi %d", r.Count, len(r.Findings))
			}
			s.Table.Rows = append(s.Table.Rows, []value{text(ruleLabel(r.Rule)), text("…"), text(""), text(""), text(""), text(what)})
		}
	}
	return s
}

// ruleLabels name the audit rules (analytics' identifiers) for a reader.
var ruleLabels = map[string]string{
	"dormant":                 "Cartelle senza attività da un anno",
	"no_operator":             "Cartelle senza operatore",
	"operator_gone":           "Operatore non più in servizio",
	"missing_area":            "Area di utenza mancante",
	"missing_initiative":      "Iniziativa mancante",
	"missing_application":     "Data dell'istanza mancante",
	"decision_over_term":      "Decisioni oltre il termine",
	"pending_over_term":       "In attesa oltre il termine",
	"closed_without_decision": "Chiuse senza decisione sull'istanza",
	"activity_before_open":    "Attività prima dell'apertura",
	"activity_after_close":    "Attività dopo la chiusura",
	"unknown_case":            "Attività su cartella sconosciuta",
	"future_date":             "Date future",
	"holiday_activity":        "Attività in giorno festivo",
	"duplicate_open":          "Cartelle aperte doppie",
	"low_coverage":            "Diario incompleto",
}

func ruleLabel(id string) string {
	if l, ok := ruleLabels[id]; ok {
		return l
	}
	return id
}
