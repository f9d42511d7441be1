package ingest

import (
	"fmt"
	"strings"

	"github.com/carico/carico/ingest/value"
)

// Transform takes a field's value out of part of a cell, when an export
// writes several things into one: SISO's «Stato», «Chiuso-20/11/25 -
// 16:05», holds the last state of a case and its date, and is the only
// place its closing date is written.
//
//	[transforms.closed]
//	column  = "Stato"                         # default: the field's [columns]
//	pattern = '^Chiuso-(\d{2}/\d{2}/\d{2})'   # the first group is the value
//	format  = "dd/mm/yy"                      # the part's own date format
//
//	[transforms.opened]                       # «Data apertura», or when empty
//	fallback = { column = "Stato", pattern = '^Aperto-(\d{2}/\d{2}/\d{2})', format = "dd/mm/yy" }
//
// A pattern that does not match gives an empty value (a case whose state
// is not «Chiuso» has no closing date); Fallback is then tried.
type Transform struct {
	Column   string     `toml:"column"`
	Pattern  string     `toml:"pattern"`
	Format   string     `toml:"format"`
	Fallback *Transform `toml:"fallback"`
	ex       value.Extract
}

// compile checks the transform of field and prepares its pattern.
func (t *Transform) compile(p *Profile, field string) error {
	if t.Column == "" && len(p.Columns[field]) == 0 {
		return fmt.Errorf("[transforms.%s]: manca column, e il campo non ha una colonna in [columns]", field)
	}
	ex, err := value.NewExtract(t.Pattern, t.Format)
	if err != nil {
		return fmt.Errorf("[transforms.%s]: %w", field, err)
	}
	t.ex = ex
	if t.Fallback != nil {
		return t.Fallback.compile(p, field)
	}
	return nil
}

// columns lists the columns the transform reads.
func (t *Transform) columns() []string {
	var out []string
	for ; t != nil; t = t.Fallback {
		if t.Column != "" {
			out = append(out, t.Column)
		}
	}
	return out
}

// describe words the transform for inspect and for the reports' method.
func (t *Transform) describe(p *Profile, field string) string {
	var parts []string
	for ; t != nil; t = t.Fallback {
		col := t.Column
		if col == "" {
			col = strings.Join(p.Columns[field], " + ")
		}
		s := fmt.Sprintf("«%s»", col)
		if t.Pattern != "" {
			s += fmt.Sprintf(", la parte %s", t.Pattern)
		}
		if t.Format != "" {
			s += fmt.Sprintf(" (data %s)", t.Format)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; se vuota: ")
}

// rowTransform is a transform with its columns' positions in the header.
type rowTransform struct {
	t        *Transform
	col      int // -1: the field's own columns
	fallback *rowTransform
}

func newRowTransform(t *Transform, pos map[string]int) *rowTransform {
	if t == nil {
		return nil
	}
	rt := &rowTransform{t: t, col: -1, fallback: newRowTransform(t.Fallback, pos)}
	if t.Column != "" {
		rt.col = pos[strings.TrimSpace(t.Column)]
	}
	return rt
}

// apply gives the field's value from the row's cells.
func (rt *rowTransform) apply(r *row, field string) string {
	for ; rt != nil; rt = rt.fallback {
		s := ""
		if rt.col >= 0 {
			s = strings.TrimSpace(r.cell(rt.col))
		} else {
			s = r.plain(field)
		}
		v, err := rt.t.ex.Apply(s)
		if err != nil {
			r.reject(field, v, err.Error())
			r.bad = append(r.bad, field)
			return ""
		}
		if v != "" {
			return v
		}
	}
	return ""
}
