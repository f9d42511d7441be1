package reports

import (
	"fmt"
	"strings"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
	"github.com/carico/carico/weights"
)

// weightsSection shows the staffing need and the loads under each case
// weight set (standard, observed in the diario, panel): the same data and
// thresholds, only the weights change. Nil when the metrics carry no sets.
func (b *builder) weightsSection() *section {
	ws := b.m.Weights
	if len(ws.Sets) == 0 {
		return nil
	}
	s := &section{
		ID: "pesi", Sheet: "Pesi a confronto", Title: "Pesi delle cartelle a confronto",
		Intro: "Nessuno standard italiano fissa quante ore all'anno richiede una cartella. Il rapporto usa i pesi indicati come «in uso»; qui le stesse cartelle, le stesse ore disponibili e le stesse soglie (per il carico ponderato e per il WISN, che conta le cartelle-anno con gli stessi pesi) sono pesate anche con le ore registrate nel diario (nei mesi con diario adeguato) e, se c'è, con il tempo adeguato indicato dal pannello degli operatori. Se la conclusione cambia da una colonna all'altra, dipende dai pesi e non dai dati.",
		Table: table{Columns: []column{
			{Name: "Pesi", Kind: kindText, Width: 34}, {Name: "In uso", Kind: kindText}, {Name: "FTE necessari (carico ponderato)", Kind: kindFTE, Width: 16}, {Name: "FTE effettivi", Kind: kindFTE},
			{Name: "Rapporto effettivi/necessari", Kind: kindRatio}, {Name: "Stato", Kind: kindStatus},
			{Name: "FTE necessari (WISN)", Kind: kindFTE, Width: 14}, {Name: "Rapporto WISN", Kind: kindRatio},
			{Name: "Operatori con carico adeguato", Kind: kindCount}, {Name: "Operatori in attenzione", Kind: kindCount}, {Name: "Operatori in stato critico", Kind: kindCount},
			{Name: "Origine dei pesi", Kind: kindText, Width: 60},
		}},
	}
	for _, set := range ws.Sets {
		inUse := "no"
		if set.InUse {
			inUse = "sì"
		}
		s.Table.Rows = append(s.Table.Rows, []value{text(set.Label), text(inUse), num(set.RequiredFTE), num(set.ActualFTE), optional(set.Ratio, "—"),
			statusCell(conv(set.Status)), num(set.WISN.RequiredFTE), optional(set.WISN.Ratio, "—"), b.countValue(set.Statuses[model.StatusOK]), b.countValue(set.Statuses[model.StatusWarning]),
			b.countValue(set.Statuses[model.StatusCritical]), text(set.Note)})
	}
	// The three statuses of a set count the same social workers: their sum
	// is the number of social workers in Equità del carico.
	s.Table.RowSums = []rowSum{{Parts: []int{8, 9, 10}, TotalCell: "workers@" + string(carico.RoleSocialWorker)}}
	s.Charts = []chart{{Kind: chartBar, Title: "FTE necessari secondo i pesi", Category: 0, Series: []int{2, 3}, Unit: "FTE"}}
	if b.op != nil {
		s.Intro = "Il proprio carico ponderato con ciascun insieme di pesi: stesse cartelle, stesse ore disponibili, stesse soglie."
		s.Table = b.ownLoads()
		s.Charts = []chart{{Kind: chartBar, Title: "Carico sul tempo per i casi secondo i pesi", Category: 0, Series: []int{2}, Unit: "% del tempo per i casi", Percent: true}}
		return s
	}
	s.More = append(s.More, b.weightsGrid())
	if !b.politico() {
		s.More = append(s.More, b.loadsByOperator())
	}
	return s
}

// ownLoads is the operatore's load under each set.
func (b *builder) ownLoads() table {
	t := table{Columns: []column{{Name: "Pesi", Kind: kindText, Width: 34}, {Name: "Carico ponderato (ore/anno)", Kind: kindHours},
		{Name: "Carico sul tempo per i casi", Kind: kindPercent}, {Name: "Stato", Kind: kindStatus}, {Name: "Regola e fonte", Kind: kindText, Width: 60}}}
	for _, set := range b.m.Weights.Sets {
		for _, l := range set.Operators {
			if l.ID == b.op.ID {
				label := set.Label
				if set.InUse {
					label += " (in uso)"
				}
				t.Rows = append(t.Rows, []value{text(label), num(l.WeightedCaseload), optional(l.Load, "—"), statusCell(conv(l.Status)), text(l.Rule)})
			}
		}
	}
	return t
}

// weightsGrid lists the weights of every set, cell by cell.
func (b *builder) weightsGrid() block {
	sets := b.m.Weights.Sets
	blk := block{Title: "I pesi (ore di lavoro per cartella-anno)", Table: table{Columns: []column{{Name: "Area di utenza", Kind: kindText}, {Name: "Complessità", Kind: kindText}}}}
	for _, set := range sets {
		blk.Table.Columns = append(blk.Table.Columns, column{Name: set.Label, Kind: kindHours})
	}
	blk.Table.Columns[0].Dim = dimArea
	for _, a := range areasOf(sets) {
		for cx := 1; cx <= 3; cx++ {
			r := []value{{Text: areaLabel(a), Key: string(a)}, text(complexityLabel(cx))}
			for _, set := range sets {
				r = append(r, num(model.CaseloadConfig{Weights: set.Weights}.Weight(a, cx)))
			}
			blk.Table.Rows = append(blk.Table.Rows, r)
		}
	}
	return blk
}

// loadsByOperator is every operator's load under each set.
func (b *builder) loadsByOperator() block {
	sets := b.m.Weights.Sets
	blk := block{Title: "Carico sul tempo per i casi di ciascun operatore, secondo i pesi", Table: table{Columns: []column{{Name: "Operatore", Kind: kindText}}}}
	for _, set := range sets {
		blk.Table.Columns = append(blk.Table.Columns, column{Name: set.Label, Kind: kindPercent}, column{Name: "Stato", Kind: kindStatus})
	}
	for i, o := range b.m.Operators {
		if !o.InService || len(b.m.Weights.Operators[i].Cells) == 0 {
			continue
		}
		r := []value{text(o.Name)}
		for _, set := range sets {
			l := set.Operators[i]
			r = append(r, optional(l.Load, "—"), statusCell(conv(l.Status)))
		}
		blk.Table.Rows = append(blk.Table.Rows, r)
	}
	return blk
}

// panelSection is the worksheet the service's panel fills in: each cell's
// observed time and an "adequate time" column per participant. Its headers
// are those `carico weights --panel` reads back.
func (b *builder) panelSection() *section {
	cal := b.opt.Calibration
	if cal == nil || b.op != nil || b.politico() {
		return nil
	}
	s := &section{
		ID: "pannello", Sheet: weights.PanelSheet, Title: "Pannello sui pesi delle cartelle: tempo osservato e tempo adeguato",
		Intro: strings.Join(weights.PanelInstructions, " "),
	}
	kinds := []valueKind{kindText, kindText, kindText, kindCount, kindHours, kindHours, kindHours, kindHours, kindHours}
	for j, name := range weights.PanelColumns() {
		k := kindHours
		if j < len(kinds) {
			k = kinds[j]
		}
		if j >= len(kinds) && !strings.HasPrefix(name, "Tempo adeguato") {
			k = kindText // reasons and the origin of the weight
		}
		s.Table.Columns = append(s.Table.Columns, column{Name: name, Kind: k})
	}
	for _, r := range cal.PanelRows() {
		row := make([]value, len(r))
		for j, v := range r {
			switch x := v.(type) {
			case nil:
				row[j] = missing("")
			case string:
				row[j] = text(x)
			case int:
				row[j] = count(x)
			case float64:
				row[j] = num(x)
			}
		}
		s.Table.Rows = append(s.Table.Rows, row)
	}
	s.Notes = append(s.Notes, fmt.Sprintf("Ore osservate dal %s al %s nei %s mesi-operatore su %s con diario adeguato; intervallo al 90 %% per ricampionamento delle cartelle. Una cella con meno di %d cartelle ha come proposta il peso standard riportato al livello osservato della sua area o del servizio.",
		cal.From.Format("02/01/2006"), cal.To.Format("02/01/2006"), italian.Count(cal.MonthsUsed), italian.Count(cal.MonthsTotal), cal.MinCartelle))
	return s
}

func areasOf(sets []model.WeightSetResult) []carico.Area {
	seen := map[carico.Area]bool{}
	for _, s := range sets {
		for a := range s.Weights {
			seen[a] = true
		}
	}
	var out []carico.Area
	for _, a := range carico.Areas {
		if seen[a] {
			out = append(out, a)
		}
	}
	return out
}

// withSection appends s when there is one.
func withSection(ss []section, s *section) []section {
	if s == nil {
		return ss
	}
	return append(ss, *s)
}

// WeightsHeadline says, in one sentence, which weight set the figures use
// and how the staffing need and the operators' statuses change under the
// others; "" without sets. Meant for the headline (In breve).
func WeightsHeadline(m *model.Metrics) string {
	ws := m.Weights
	if len(ws.Sets) < 2 {
		return ""
	}
	var parts []string
	for _, s := range ws.Sets {
		n := s.Statuses[model.StatusOK] + s.Statuses[model.StatusWarning] + s.Statuses[model.StatusCritical]
		p := fmt.Sprintf("con i %s%s servono %s FTE (ne sono in servizio %s) e %d operatori su %d sono oltre la soglia critica, %d in attenzione",
			italian.LowerFirst(s.Label), map[bool]string{true: ", usati nel rapporto,", false: ""}[s.InUse], model.FormatFTE(s.RequiredFTE), model.FormatFTE(s.ActualFTE),
			s.Statuses[model.StatusCritical], n, s.Statuses[model.StatusWarning])
		parts = append(parts, p)
	}
	return "Pesi delle cartelle: " + strings.Join(parts, "; ") + "."
}

// WeightsReversal says, when another weight set reverses the conclusion of
// the set in use, that it does and how: the conclusion of a set is the
// load status most operators holding cartelle have under it (on a tie,
// the worse). Empty when every set concludes the same. In the council's
// version a count of one or two is written «meno di 3».
func WeightsReversal(m *model.Metrics, politico bool) string {
	var inUse *model.WeightSetResult
	for i := range m.Weights.Sets {
		if m.Weights.Sets[i].InUse {
			inUse = &m.Weights.Sets[i]
		}
	}
	if inUse == nil {
		return ""
	}
	base, baseN, n := conclusion(inUse.Statuses)
	if n == 0 {
		return ""
	}
	count := func(k, n int) string {
		if politico && k > 0 && k < DefaultSmallCell {
			return fmt.Sprintf("meno di %d su %d", DefaultSmallCell, n)
		}
		return fmt.Sprintf("%d su %d", k, n)
	}
	var parts []string
	for _, s := range m.Weights.Sets {
		st, k, total := conclusion(s.Statuses)
		if s.InUse || total == 0 || st == base {
			continue
		}
		parts = append(parts, fmt.Sprintf("con i %s %s sarebbero %s", italian.LowerFirst(s.Label), count(k, total), statusPhrase[st]))
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("Attenzione: la conclusione dipende dai pesi. Con i %s, usati nel rapporto, %s operatori con cartelle sono %s; %s. Finché i pesi non sono tarati sul servizio, nessuna lettura va presa da sola.",
		italian.LowerFirst(inUse.Label), count(baseN, n), statusPhrase[base], strings.Join(parts, "; "))
}

// statusPhrase names a load status as a conclusion about operators.
var statusPhrase = map[model.Status]string{
	model.StatusOK:       "entro le soglie",
	model.StatusWarning:  "in attenzione",
	model.StatusCritical: "oltre la soglia critica",
}

// conclusion is the load status most operators have (the worse on a tie),
// how many have it, and how many have a load status at all.
func conclusion(statuses map[model.Status]int) (model.Status, int, int) {
	var best model.Status
	bestN, n := -1, 0
	for _, st := range []model.Status{model.StatusOK, model.StatusWarning, model.StatusCritical} {
		k := statuses[st]
		n += k
		if k >= bestN {
			best, bestN = st, k
		}
	}
	return best, bestN, n
}
