package reports

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/carico/carico"
	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

// The sections drawn from the planning results: forecasts, scenarios and
// zones. They hold Ambito-level figures and workload hours, no person's
// data, so the politico version carries them whole.

func (b *builder) planSections() []section {
	p := b.opt.Plan
	if p == nil {
		return nil
	}
	var out []section
	if len(p.Forecasts) > 0 {
		out = append(out, b.forecastSection())
	}
	if len(p.Scenarios) > 0 {
		out = append(out, b.scenarioSection())
	}
	if p.Zones != nil {
		out = append(out, b.zonesSection())
	}
	return out
}

func measureLabel(m planning.Measure) string {
	if m == planning.OpenCases {
		return "Cartelle aperte a fine mese"
	}
	return "Nuove cartelle nel mese"
}

func (b *builder) forecastSection() section {
	fs := b.opt.Plan.Forecasts
	s := section{
		ID: "previsioni", Sheet: "Previsioni", Title: "Previsioni per l'Ambito",
		Intro: "Storia mensile e previsione con intervalli di previsione all'80 % e al 95 %: il valore futuro cade nell'intervallo all'80 % quattro volte su cinque. Gli intervalli sono calibrati sugli errori delle previsioni fatte in passato (metodo conformale), e la copertura osservata nella tabella dei metodi dice quante volte lo hanno fatto davvero. Il metodo è scelto confrontando le previsioni fatte in passato con i dati poi osservati (backtest su origini mobili); il MASE misura l'errore rispetto alla previsione «stesso mese dell'anno prima»: sotto 1 il metodo fa meglio. I metodi Holt-Winters seguono mese per mese il livello della serie, la sua tendenza e la stagionalità, con più peso ai mesi recenti.",
	}
	s.Table.Columns = []column{{Name: "Mese", Kind: kindText}}
	months := map[string]int{} // month → row
	var order []string
	addMonth := func(m string) {
		if _, ok := months[m]; !ok {
			months[m] = len(order)
			order = append(order, m)
		}
	}
	for _, f := range fs {
		keys, _ := b.history(f)
		for _, k := range keys {
			addMonth(k)
		}
		pts, _ := b.points(f)
		for _, p := range pts {
			addMonth(p.Month)
		}
	}
	slices.Sort(order)
	for i, m := range order {
		months[m] = i
	}
	rows := make([][]value, len(order))
	for i, m := range order {
		rows[i] = []value{text(periodLabel(m))}
	}
	method := block{Title: "Metodo scelto per ciascuna serie", Table: table{Columns: []column{
		{Name: "Serie", Kind: kindText, Width: 16}, {Name: "Metodo", Kind: kindText, Width: 16}, {Name: "MASE", Kind: kindRatio}, {Name: "Mesi di storia", Kind: kindCount},
		{Name: "Storia usata", Kind: kindText, Width: 30},
		{Name: "Copertura osservata dell'intervallo all'80 %", Kind: kindPercent}, {Name: "Copertura osservata dell'intervallo al 95 %", Kind: kindPercent},
	}}}
	for _, f := range fs {
		name := measureLabel(f.Measure)
		if b.byQuarter() {
			name = strings.NewReplacer("nel mese", "nel trimestre", "a fine mese", "a fine trimestre").Replace(name)
		}
		col := len(s.Table.Columns)
		s.Table.Columns = append(s.Table.Columns,
			column{Name: name + ": osservate", Kind: kindCount}, column{Name: name + ": previsione", Kind: kindDecimal},
			column{Name: "80 % min", Kind: kindDecimal}, column{Name: "80 % max", Kind: kindDecimal},
			column{Name: "95 % min", Kind: kindDecimal}, column{Name: "95 % max", Kind: kindDecimal})
		for i := range rows {
			for range 6 {
				rows[i] = append(rows[i], missing(""))
			}
		}
		keys, vals := b.history(f)
		for i, v := range vals {
			r := rows[months[keys[i]]]
			r[col] = num(v)
			if b.politico() {
				// The history is the same series as Flussi and Andamento.
				r[col] = b.countValue(int(math.Round(v))).as(string(f.Measure) + "@" + keys[i])
			}
		}
		pts, bands := b.points(f)
		for _, p := range pts {
			r := rows[months[p.Month]]
			r[col+1] = num(p.Value)
			if bands {
				r[col+2], r[col+3], r[col+4], r[col+5] = num(p.Lo80), num(p.Hi80), num(p.Lo95), num(p.Hi95)
			}
		}
		fan := chart{Kind: chartFan, Title: name + ": storia e previsione (" + f.Method.Label() + ", MASE " + optText(f.MASE, 2) + ")",
			Category: 0, Series: []int{col, col + 1}, Bands: [][2]int{{col + 2, col + 3}, {col + 4, col + 5}}, Unit: "cartelle"}
		if !bands {
			fan.Bands = nil
			s.Notes = append(s.Notes, name+": storia e previsione per trimestre; gli intervalli di previsione, calcolati mese per mese, non si sommano e non sono riportati.")
		}
		s.Charts = append(s.Charts, fan)
		var c80, c95 *float64
		for _, sc := range f.Backtest {
			if sc.Method == f.Method {
				c80, c95 = sc.Coverage80, sc.Coverage95
			}
		}
		basis := "—"
		if f.Basis != nil {
			basis = f.Basis.Source
		}
		method.Table.Rows = append(method.Table.Rows, []value{text(name), text(f.Method.Label()), optional(f.MASE, "non calcolabile"), count(f.SeriesForecast.History), text(basis), optional(c80, "—"), optional(c95, "—")})
		if f.Warning != "" {
			s.Notes = append(s.Notes, name+": "+f.Warning)
		}
	}
	if b.byQuarter() {
		s.Table.Columns[0].Name = "Trimestre"
		s.Intro = strings.Replace(s.Intro, "Storia mensile e previsione", "Storia e previsione per trimestre (nota in fondo)", 1)
		s.Notes = append(s.Notes, quarterNote(b.k))
	}
	s.Table.Rows = rows
	s.More = append(s.More, method)
	return s
}

func optText(v *float64, d int) string {
	if v == nil {
		return "non calcolabile"
	}
	return italian.Number(*v, d)
}

func (b *builder) scenarioSection() section {
	p := b.opt.Plan
	intro := "La situazione attuale (prima riga) a confronto con gli scenari: assistenti sociali a tempo indeterminato, residenti per assistente sociale, contributo statale (L. 178/2020, art. 1 c. 797) e costo netto annuo (costo del personale aggiunto meno la variazione del contributo)."
	if p.ScenarioFile != "" {
		intro += " Scenari dal file «" + p.ScenarioFile + "»."
	}
	s := section{
		ID: "scenari", Sheet: "Scenari", Title: "Scenari di personale",
		Intro: intro,
		Table: table{Columns: []column{
			{Name: "Scenario", Kind: kindText, Width: 28}, {Name: "Assistenti sociali a tempo indeterminato (FTE)", Kind: kindFTE},
			{Name: "Residenti per assistente sociale a tempo indeterminato", Kind: kindCount}, {Name: "Stato LEPS", Kind: kindStatus},
			{Name: "FTE mancanti a 1:5.000", Kind: kindFTE}, {Name: "Contributo annuo", Kind: kindEuro},
			{Name: "Costo del personale aggiunto", Kind: kindEuro}, {Name: "Costo netto annuo", Kind: kindEuro},
			{Name: "Rapporto WISN assistenti sociali", Kind: kindRatio}, {Name: "Carico ponderato sul tempo per i casi", Kind: kindPercent},
		}},
	}
	for _, r := range p.Scenarios {
		a := r.Ambito
		s.Table.Rows = append(s.Table.Rows, []value{text(r.Name), num(a.PermanentSocialWorkerFTE), optional(a.ResidentsPerPermanentSocialWorker, "nessun assistente sociale"),
			statusCell(status(a.LEPS.Status)), num(a.FTEMissingLEP), num(a.ContributionEUR), num(a.AddedCostEUR), num(a.NetCostEUR), optional(a.WISNRatio, "—"), optional(a.Load, "—")})
	}
	s.Charts = []chart{
		{Kind: chartBar, Title: "Assistenti sociali a tempo indeterminato (FTE)", Category: 0, Series: []int{1}, Unit: "FTE"},
		{Kind: chartBar, Title: "Residenti per assistente sociale a tempo indeterminato", Category: 0, Series: []int{2}, Unit: "residenti", Refs: b.lepsRefs()},
		{Kind: chartBar, Title: "Contributo statale e costo netto annuo", Category: 0, Series: []int{5, 7}, Unit: "euro"},
	}
	for _, r := range p.Scenarios {
		blk := block{Title: r.Name + ": per comune", Table: table{Columns: []column{
			{Name: "Comune", Kind: kindText}, {Name: "Residenti", Kind: kindCount}, {Name: "Assistenti sociali (FTE)", Kind: kindFTE},
			{Name: "A tempo indeterminato (FTE)", Kind: kindFTE}, {Name: "Residenti per assistente sociale a tempo indeterminato", Kind: kindCount},
			{Name: "Stato LEPS", Kind: kindStatus}, {Name: "Quota del costo netto", Kind: kindEuro},
		}}}
		if r.Description != "" {
			blk.Title += " — " + strings.TrimSuffix(r.Description, ".")
		}
		var istat []string
		for _, c := range r.Comuni {
			blk.Table.Rows = append(blk.Table.Rows, []value{text(c.Name), count(c.Residents), num(c.SocialWorkerFTE), num(c.PermanentSocialWorkerFTE),
				optional(c.ResidentsPerPermanentSocialWorker, "nessun assistente sociale"), statusCell(status(c.LEPS.Status)), num(c.NetCostShareEUR)})
			istat = append(istat, c.ISTAT)
		}
		keyed(&blk.Table, 0, dimComune, istat)
		if b.politico() {
			blk.Table.Follows = map[int][]int{3: {4, 5, 6}}
			if b.loneContracts(&blk.Table, len(istat), 3) {
				s.Notes = appendOnce(s.Notes, loneContractsNote)
			}
		}
		s.More = append(s.More, blk)
	}
	return s
}

func (b *builder) zonesSection() section {
	z := b.opt.Plan.Zones
	where := "i comuni dell'Ambito"
	if z.Comune != "" {
		where = "i quartieri di " + z.Comune
	}
	basis := "le équipe per area di utenza (minori e famiglia, disabili, anziani, adulti)"
	if z.CurrentBasis == "zone" {
		basis = "le zone attuali"
	}
	s := section{
		ID: "zone", Sheet: "Zone", Title: "Zone territoriali proposte",
		Intro: fmt.Sprintf("Proposta di %d zone contigue per %s con carico ponderato bilanciato (modello delle micro-équipe territoriali del Comune di Crema, 2013), a confronto con %s. Il carico è la somma dei pesi delle cartelle aperte, in ore di lavoro all'anno; gli FTE necessari dividono il carico per le ore di lavoro sui casi di un FTE.", len(z.Proposed.Zones), where, basis),
		Table: table{Columns: []column{
			{Name: "Organizzazione", Kind: kindText}, {Name: "Zona", Kind: kindText}, {Name: "Unità", Kind: kindText, Width: 50},
			{Name: "Carico ponderato (ore/anno)", Kind: kindHours}, {Name: "Residenti", Kind: kindCount}, {Name: "FTE necessari", Kind: kindFTE},
		}},
	}
	groups := map[string]string{}
	for _, zn := range z.Proposed.Zones {
		for _, u := range zn.Units {
			groups[u] = zn.ID
		}
	}
	row := func(org string, zn planning.Zone) []value {
		res := count(zn.Residents)
		if zn.Residents == 0 {
			res = missing("n.d.") // quartieri: the store holds no residents
		}
		names := zn.Units
		if org == "Attuale" && z.CurrentBasis == "area" {
			names = nil
			for _, u := range zn.Units {
				names = append(names, strings.ToLower(areaLabel(carico.Area(strings.TrimPrefix(u, "non_indicata")))))
			}
		}
		units := strings.Join(names, ", ")
		if units == "" {
			units = "tutti"
		}
		r := []value{text(org), text(zn.ID), text(units), num(zn.WorkloadHours), res, num(zn.FTENeeded)}
		if b.politico() && b.zoneSensitive(org, zn) {
			r[3], r[5] = missing(suppressedMark), missing(suppressedMark)
		}
		return r
	}
	for _, zn := range z.Proposed.Zones {
		s.Table.Rows = append(s.Table.Rows, row("Proposta", zn))
	}
	for _, zn := range z.Current.Zones {
		s.Table.Rows = append(s.Table.Rows, row("Attuale", zn))
	}
	s.Charts = []chart{{Kind: chartBar, Title: "Carico ponderato per zona: proposta e organizzazione attuale", Category: 1, Series: []int{3}, Unit: "ore all'anno"}}
	disp := block{Title: "Dispersione del carico tra le zone", Table: table{Columns: []column{
		{Name: "Organizzazione", Kind: kindText}, {Name: "Numero di zone", Kind: kindCount}, {Name: "Coefficiente di variazione", Kind: kindRatio},
		{Name: "Massimo ÷ minimo", Kind: kindRatio}, {Name: "Ricerca", Kind: kindText},
	}}}
	method := z.Proposed.Method
	if method == "" {
		method = "—"
	}
	disp.Table.Rows = [][]value{
		{text("Proposta"), count(len(z.Proposed.Zones)), num(z.Proposed.CV), optional(z.Proposed.MaxMin, "—"), text(method)},
		{text("Attuale"), count(len(z.Current.Zones)), num(z.Current.CV), optional(z.Current.MaxMin, "—"), text("—")},
	}
	if b.politico() {
		// With the total, CV and maximum ÷ minimum of three zones give
		// the withheld loads back.
		disp.Table.Rows[0][2], disp.Table.Rows[0][3] = missing(suppressedMark), missing(suppressedMark)
	}
	s.More = append(s.More, disp)
	units := block{Title: "Unità territoriali e zona proposta", Table: table{Columns: []column{
		{Name: "Unità", Kind: kindText}, {Name: "Zona proposta", Kind: kindText}, {Name: "Carico ponderato (ore/anno)", Kind: kindHours},
	}}}
	g := &graph{Edges: z.Edges}
	for _, zn := range z.Proposed.Zones {
		g.Groups = append(g.Groups, zn.ID)
	}
	for _, u := range z.Units {
		load, size := num(u.Workload), u.Workload
		if b.politico() {
			// No per-operator breakdown of a unit's load: withheld.
			load, size = missing(suppressedMark), 1
		}
		units.Table.Rows = append(units.Table.Rows, []value{text(u.ID), text(groups[u.ID]), load})
		g.Nodes = append(g.Nodes, graphNode{Name: u.ID, Group: groups[u.ID], Value: size})
	}
	s.More = append(s.More, units)
	s.Charts = append(s.Charts, chart{Kind: chartGraph, Title: "Zone proposte: unità confinanti collegate, colore e nome della zona", Graph: g})
	s.Notes = append(s.Notes, "Il grafo delle zone è nella versione HTML; i suoi dati sono nella tabella «Unità territoriali e zona proposta».")
	if b.politico() {
		s.Notes = append(s.Notes, "«n.d.»: carico non diffuso dove i dati non permettono di verificare che provenga da almeno 3 operatori, nessuno oltre il 75 % (zone proposte e unità territoriali, per le quali manca la ripartizione per operatore).")
	}
	return s
}

// zoneSensitive reports whether a zone's load must be withheld from the
// council. Only the current thematic teams have a per-operator breakdown
// (each operator's open cartelle by area); proposed zones and quartieri
// have none, and are withheld.
func (b *builder) zoneSensitive(org string, zn planning.Zone) bool {
	if org != "Attuale" || b.opt.Plan.Zones.CurrentBasis != "area" {
		return true
	}
	// The current teams of one comune's quartieri are its operators.
	istat := ""
	for _, c := range b.m.Comuni {
		if c.Name == b.opt.Plan.Zones.Comune {
			istat = c.ISTAT
		}
	}
	var contrib []float64
	for _, o := range b.m.Operators {
		if b.opt.Plan.Zones.Comune != "" && !slices.ContainsFunc(o.Comuni, func(a model.Allocation) bool { return a.ISTAT == istat && a.Share > 0 }) {
			continue
		}
		n := 0
		for _, u := range zn.Units {
			n += o.ByArea[carico.Area(strings.TrimPrefix(u, "non_indicata"))]
		}
		contrib = append(contrib, float64(n))
	}
	return sensitive(contrib)
}

// appendOnce appends note unless notes has it already.
func appendOnce(notes []string, note string) []string {
	if slices.Contains(notes, note) {
		return notes
	}
	return append(notes, note)
}

// history is f's observed series as the audience sees it: month by month
// ("2025-03"), or by whole quarter ("2025-T1") when the council's series
// go by quarter (byQuarter).
func (b *builder) history(f Forecast) (keys []string, vals []float64) {
	if b.byQuarter() {
		return quarterHistory(f)
	}
	for i := range f.Observed.Values {
		keys = append(keys, f.Observed.Start.AddDate(0, i, 0).Format("2006-01"))
	}
	return keys, f.Observed.Values
}

// points is f's forecast as the audience sees it, and whether it carries
// its intervals: see history.
func (b *builder) points(f Forecast) ([]planning.Point, bool) {
	if b.byQuarter() {
		return quarterForecast(f)
	}
	return f.Points, true
}
