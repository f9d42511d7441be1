package reports

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/carico/carico/disclosure"
)

// The council's version is protected as a whole (issue 22): every count and
// every figure in hours it prints, in every sheet and in the Sintesi, goes
// into one disclosure.Set with the identities a reader knows among them —
// the totals of each table, the same figure printed in two sheets (named by
// value.Cell), the stock-flow identity of each month — and the package
// audits it by linear programming, hiding further cells until no hidden
// figure can be worked out. When that fails the report is not written.

// monthBefore is the month before m ("2006-01").
func monthBefore(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return ""
	}
	return t.AddDate(0, -1, 0).Format("2006-01")
}

// monthEnd names the month of t when t is its last day ("" otherwise): the
// open cartelle at t are then the month's closing figure.
func monthEnd(t time.Time) string {
	if t.IsZero() || t.AddDate(0, 0, 1).Day() != 1 {
		return ""
	}
	return t.Format("2006-01")
}

// ledger is the document seen as the audit sees it: the set, and where
// each of its cells is printed.
type ledger struct {
	set    *disclosure.Set
	places map[string][]place
	rels   []disclosure.Relation // related once every cell is in
}

// place is one printed copy of a figure: the cell, and its row for the
// shares computed from it.
type place struct {
	v   *value
	row []value
	t   *table // nil for the Sintesi
	col int
}

// protectDoc is protectDocument, which the benchmark times.
var protectDoc = protectDocument

// protectDocument audits d and hides what the audit asks; it returns what
// the method sheet says of it, or an error when a hidden figure stays
// recoverable and the report must not be written.
func protectDocument(d *document, k int) (disclosure.Report, error) {
	l := ledgerOf(d, k)
	rep, err := l.set.Protect()
	if err != nil {
		return rep, err
	}
	l.apply()
	return rep, nil
}

// ledgerOf reads d into a disclosure set with its relations.
func ledgerOf(d *document, k int) *ledger {
	rules := disclosure.DefaultRules
	rules.Threshold = k
	l := &ledger{set: disclosure.New(rules), places: map[string][]place{}}
	for i := range d.Headline {
		h := &d.Headline[i]
		l.add(h.Kind, &h.Value, place{}, "Sintesi › "+h.Label, -1)
	}
	for si := range d.Sections {
		s := &d.Sections[si]
		l.table(s.Sheet+" › "+s.Title, &s.Table)
		for bi := range s.More {
			l.table(s.Sheet+" › "+s.More[bi].Title, &s.More[bi].Table)
		}
	}
	for _, r := range l.rels {
		l.set.Relate(r) // kept when the true figures satisfy it
	}
	return l
}

// table adds the figures of t, and the identities its layout states: a
// last row of totals.
func (l *ledger) table(where string, t *table) {
	ids := make([][]string, len(t.Rows))
	for c, col := range t.Columns {
		if !audited(col.Kind) {
			continue
		}
		// The column's typical figure, hidden ones included at their true
		// value: the protection asked of a cell must not change when the
		// audit hides its neighbours (the finished document is audited
		// again with the same rules).
		scale, n := 0.0, 0
		for _, row := range t.Rows {
			switch v := row[c]; {
			case !v.Missing:
				scale += v.Num
				n++
			case v.Secret == byRule || v.Secret == complement || v.Secret == smallLine:
				scale += v.Held
				n++
			}
		}
		if n > 0 {
			scale /= float64(n)
		}
		for r := range t.Rows {
			if ids[r] == nil {
				ids[r] = make([]string, len(t.Columns))
			}
			ids[r][c] = l.add(col.Kind, &t.Rows[r][c], place{row: t.Rows[r], t: t, col: c}, where+" › "+rowLabel(t.Rows[r], r)+" › "+col.Name, scale)
		}
	}
	for _, rs := range t.RowSums {
		for r := range t.Rows {
			l.rowSum(where, ids[r], rs)
		}
	}
	total := len(t.Rows) >= 2 && totalRow(rowLabel(t.Rows[len(t.Rows)-1], 0))
	if t.Chain != nil {
		n := len(t.Rows)
		if total {
			n--
		}
		l.chain(where, ids[:n], t.Chain)
	}
	if !total {
		return
	}
	for c := range t.Columns {
		var parts []string
		for r := 0; r < len(t.Rows)-1; r++ {
			if ids[r] != nil && ids[r][c] != "" {
				parts = append(parts, ids[r][c])
			}
		}
		last := ids[len(t.Rows)-1]
		if last == nil || last[c] == "" || len(parts) != len(t.Rows)-1 {
			continue // a part is not a figure: no identity to use
		}
		r := disclosure.Relation{Why: "totale di «" + where + "»", Terms: []disclosure.Term{{ID: last[c], Coef: -1}}}
		for _, p := range parts {
			r.Terms = append(r.Terms, disclosure.Term{ID: p, Coef: 1})
		}
		l.rels = append(l.rels, r)
	}
}

// rowSum adds the identity Total = Σ Parts of one row, when every cell is
// a figure.
func (l *ledger) rowSum(where string, ids []string, rs rowSum) {
	total := rs.TotalCell
	if total == "" && ids != nil {
		total = ids[rs.Total]
	}
	if ids == nil || total == "" {
		return
	}
	r := disclosure.Relation{Why: "somma per riga di «" + where + "»", Terms: []disclosure.Term{{ID: total, Coef: -1}}}
	for _, p := range rs.Parts {
		if ids[p] == "" {
			return
		}
		r.Terms = append(r.Terms, disclosure.Term{ID: ids[p], Coef: 1})
	}
	l.rels = append(l.rels, r)
}

// chain adds, month after month, End before + In − Out = End.
func (l *ledger) chain(where string, ids [][]string, c *chain) {
	prev := c.Start
	for _, row := range ids {
		if row == nil || row[c.In] == "" || row[c.Out] == "" || row[c.End] == "" {
			prev = ""
			continue
		}
		if prev != "" {
			l.rels = append(l.rels, disclosure.Relation{Why: "stock e flussi di «" + where + "»", Terms: []disclosure.Term{
				{ID: prev, Coef: 1}, {ID: row[c.In], Coef: 1}, {ID: row[c.Out], Coef: -1}, {ID: row[c.End], Coef: -1}}})
		}
		prev = row[c.End]
	}
}

// totalRow reports whether a row label names the total of the rows above.
func totalRow(label string) bool {
	switch label {
	case "Totale", "Tutte le aree", "Periodo":
		return true
	}
	return strings.HasPrefix(label, "Ambito")
}

// rowLabel is the first text of a row, or its number.
func rowLabel(row []value, r int) string {
	for _, v := range row {
		if v.Text != "" && !v.Missing {
			return v.Text
		}
	}
	return "riga " + strconv.Itoa(r+1)
}

// add records one printed figure and returns its ID ("" when the cell is
// not a figure: «—», or withheld by the publication rules). A negative
// scale marks a figure of the Sintesi, which secondary suppression hides
// last.
func (l *ledger) add(kind valueKind, v *value, at place, pos string, scale float64) string {
	if !audited(kind) {
		return ""
	}
	c := disclosure.Cell{Value: v.Num, Scale: scale, Kind: disclosure.Magnitude}
	if scale < 0 { // a figure of the Sintesi: hidden last
		c.Scale, c.Cost = 0, 1e6*(1+v.Num)
	}
	if kind == kindCount {
		c.Kind = disclosure.Count
	}
	switch {
	case !v.Missing:
	case v.Secret == byRule, v.Secret == smallLine:
		c.Value, c.Status = v.Held, disclosure.Primary
	case v.Secret == complement:
		c.Value, c.Status = v.Held, disclosure.Secondary
	default:
		return ""
	}
	c.ID = v.Cell
	if c.ID == "" || !l.set.Add(c) {
		c.ID = pos
		for n := 2; !l.set.Add(c); n++ {
			c.ID = pos + " (" + strconv.Itoa(n) + ")"
		}
	}
	if got, _ := l.set.Cell(c.ID); c.Status < got.Status {
		got.Status = c.Status // printed in clear somewhere: it is published
	}
	at.v = v
	l.places[c.ID] = append(l.places[c.ID], at)
	return c.ID
}

// audited reports whether figures of kind go into the audit: counts,
// hours and FTE, the figures that add up along a table.
func audited(k valueKind) bool { return k == kindCount || k == kindHours || k == kindFTE }

// apply prints each cell as the audit left it: a hidden figure reads
// «n.d.», whatever hid it, in every place it appears; the shares and
// ratios of its row go with it.
func (l *ledger) apply() {
	for _, c := range l.set.Cells {
		if c.Status == disclosure.Published {
			continue
		}
		mark, why := suppressedMark, complement
		if c.Status == disclosure.Primary {
			why = byRule
		}
		for _, p := range l.places[c.ID] {
			if p.v.Missing {
				continue // hidden by the builder, with its mark
			}
			*p.v = hidden(mark, c.Value, why).as(p.v.Cell)
			if p.t == nil {
				continue
			}
			for j, col := range p.t.Columns {
				if (col.Kind == kindPercent || col.Kind == kindRatio) && !p.row[j].Missing {
					p.row[j] = hidden(suppressedMark, 0, withheld)
				}
			}
			p.t.withhold(p.row, p.col)
		}
	}
}

// protectionNote is what the method sheet says of the audit.
func protectionNote(r disclosure.Report) string {
	n := r.Sensitive + r.Secondary
	cells, hidden := "celle protette", "nascoste"
	if n == 1 {
		cells = "cella protetta"
	}
	if r.Secondary == 1 {
		hidden = "nascosta"
	}
	return fmt.Sprintf("Controllo della riservatezza: %d %s (%d per le regole della soglia e della dominanza, %d %s perché non si ricavino le prime); nessuna ricavabile dagli altri dati pubblicati (verifica con programmazione lineare su tutte le tabelle del documento).",
		n, cells, r.Sensitive, r.Secondary, hidden)
}

// CouncilDates checks the dates of a council's report: a whole calendar
// year, counted at its last day. Two versions for dates a reader chose —
// a day, or a month, apart — would give back by difference what each
// hides (issue 22), so the politico audience takes no other. Zero dates
// stand for the defaults, which are such a year; with only at, the
// period is the year ending at it.
func CouncilDates(from, to, at time.Time) error {
	if from.IsZero() && to.IsZero() {
		if at.IsZero() || at.Month() == time.December && at.Day() == 31 {
			return nil
		}
		from, to = at.AddDate(-1, 0, 1), at
	}
	if at.IsZero() {
		at = to
	}
	if from.Month() == time.January && from.Day() == 1 && to.Equal(from.AddDate(1, 0, -1)) && at.Equal(to) {
		return nil
	}
	return fmt.Errorf("la versione per la Giunta e il Consiglio copre un anno solare intero, dal 1° gennaio al 31 dicembre, con i dati al 31 dicembre: due versioni per date diverse, confrontate, rivelerebbero i dati che ciascuna protegge (richiesto: dal %s al %s, dati al %s)",
		from.Format("02/01/2006"), to.Format("02/01/2006"), at.Format("02/01/2006"))
}
