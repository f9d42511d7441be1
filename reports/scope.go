package reports

import (
	"fmt"
	"slices"
	"strings"

	"github.com/carico/carico"
	"github.com/carico/carico/model"
)

// Scope narrows a report to one comune or one area di utenza. It is a view,
// never a computation: the report is built whole, with the audience's rules
// (suppression included), and the scope then keeps, of the tables broken
// down by comune or by area, the rows of its comune or area only. A figure
// shown under a scope is therefore the figure of the same row in the whole
// report, and a council member sees no cell the whole politico report does
// not publish. Tables not broken down by the scope's dimension stay whole
// and say that they are for the whole Ambito (docs/web.md).
type Scope struct {
	Comune string      // ISTAT code; "" for every comune
	Area   carico.Area // "" for every area
}

// IsZero reports whether the scope keeps everything.
func (s Scope) IsZero() bool { return s.Comune == "" && s.Area == "" }

// dim is the dimension a column breaks a table down by.
type dim uint8

const (
	dimNone dim = iota
	dimComune
	dimArea
)

// keyed marks column col of t as breaking it down by d, its rows' cells
// carrying keys in order; rows past keys (totals) carry none.
func keyed(t *table, col int, d dim, keys []string) {
	t.Columns[col].Dim = d
	for i, k := range keys {
		if i < len(t.Rows) {
			t.Rows[i][col].Key = k
		}
	}
}

// areaKeys are the keys of areas, in order.
func areaKeys(areas []carico.Area) []string {
	out := make([]string, len(areas))
	for i, a := range areas {
		out[i] = string(a)
	}
	return out
}

// scope checks s against the figures and applies it to the document.
func (d *document) scope(m *model.Metrics, s Scope) error {
	if s.IsZero() {
		return nil
	}
	if d.Audience == Operatore {
		return fmt.Errorf("il prospetto personale riguarda tutte le cartelle dell'operatore: non si filtra per comune o per area di utenza")
	}
	if s.Area != "" && !s.Area.Valid() {
		return fmt.Errorf("area di utenza sconosciuta %q", s.Area)
	}
	name := ""
	if s.Comune != "" {
		i := slices.IndexFunc(m.Comuni, func(c model.ComuneMetrics) bool { return c.ISTAT == s.Comune })
		if i < 0 {
			return fmt.Errorf("il comune con codice ISTAT %q non è tra i comuni dell'Ambito", s.Comune)
		}
		name = m.Comuni[i].Name
	}
	d.restrict(s, name)
	return nil
}

// restrict applies s to the document: the tables broken down by the
// scope's dimensions keep the rows of its comune or area; every table says
// in its title what it covers. comune is the comune's name.
func (d *document) restrict(s Scope, comune string) {
	if s.IsZero() {
		return
	}
	var dims []dim
	keys, words := map[dim]string{}, map[dim]string{}
	if s.Comune != "" {
		dims = append(dims, dimComune)
		keys[dimComune], words[dimComune] = s.Comune, "il comune di "+comune
	}
	if s.Area != "" {
		dims = append(dims, dimArea)
		keys[dimArea], words[dimArea] = string(s.Area), "l'area di utenza «"+areaLabel(s.Area)+"»"
	}
	for i := range d.Sections {
		sec := &d.Sections[i]
		if sec.ID == "metodo" {
			continue // sources, period, terms and formulas: no figure of a place
		}
		sec.Title += restrictTable(&sec.Table, dims, keys, words)
		if len(sec.Table.Columns) > 0 && len(sec.Table.Rows) == 0 {
			sec.Charts = nil
		}
		for j := range sec.More {
			sec.More[j].Title += restrictTable(&sec.More[j].Table, dims, keys, words)
		}
	}
	all, by := joinDims(dims, words), joinDims(dims, dimWords)
	d.Subtitle += " — filtro: " + all
	d.Notes = append([]string{fmt.Sprintf("Filtro: %s. Le tabelle suddivise per %s mostrano soltanto le righe del filtro, con gli stessi valori del rapporto completo; le altre, indicate «intero Ambito», riguardano tutto l'Ambito, come «In breve» e la sintesi.",
		all, strings.ReplaceAll(by, " e ", " o per "))}, d.Notes...)
}

var (
	dimWords = map[dim]string{dimComune: "comune", dimArea: "area di utenza"}
	dimAll   = map[dim]string{dimComune: "tutti i comuni", dimArea: "tutte le aree di utenza"}
)

func joinDims(dims []dim, words map[dim]string) string {
	var parts []string
	for _, x := range dims {
		parts = append(parts, words[x])
	}
	return strings.Join(parts, " e ")
}

// restrictTable keeps the rows of t whose cells match keys in each
// dimension of dims that t is broken down by, and returns what the table's
// title must add to say what it covers.
func restrictTable(t *table, dims []dim, keys, words map[dim]string) string {
	if len(t.Columns) == 0 {
		return ""
	}
	var by, whole []dim
	cols := map[dim]int{}
	for _, x := range dims {
		if c := slices.IndexFunc(t.Columns, func(c column) bool { return c.Dim == x }); c >= 0 {
			cols[x], by = c, append(by, x)
		} else {
			whole = append(whole, x)
		}
	}
	if len(by) == 0 {
		return " — intero Ambito"
	}
	t.Rows = slices.DeleteFunc(t.Rows, func(r []value) bool {
		for x, c := range cols {
			if r[c].Key != keys[x] {
				return true
			}
		}
		return false
	})
	suffix := " — solo " + joinDims(by, words)
	if len(whole) > 0 {
		suffix += ", " + joinDims(whole, dimAll)
	}
	return suffix
}
