package ingest

import (
	"fmt"
	"strings"

	"github.com/carico/carico/ingest/profiles"
)

// BuiltinProfile returns the profile shipped inside carico under name
// (see package profiles), or false when there is none.
func BuiltinProfile(name string) (*Profile, bool, error) {
	b, ok := profiles.Get(name)
	if !ok {
		return nil, false, nil
	}
	p, err := ParseProfile(b)
	if err != nil {
		return nil, true, fmt.Errorf("profilo incorporato %s: %w", name, err)
	}
	return p, true, nil
}

// BuiltinProfiles lists the names of the profiles shipped inside carico.
func BuiltinProfiles() []string { return profiles.Names() }

// RecogniseBuiltin returns the built-in profile whose columns the header
// has, all of them, for kind ("" for any): the export it was written for.
// When several fit, the one naming the most columns wins.
func RecogniseBuiltin(header []string, kind string) (string, *Profile) {
	var best string
	var bestP *Profile
	most := 0
	for _, name := range profiles.Names() {
		p, _, err := BuiltinProfile(name)
		if err != nil || (kind != "" && p.Kind != kind) || len(p.MissingColumns(header)) > 0 {
			continue
		}
		if n := len(p.Columns) + len(p.Transforms); n > most {
			best, bestP, most = name, p, n
		}
	}
	return best, bestP
}

// DescribeBuiltin words, for inspect, what a recognised built-in profile
// does with the file: its name, the fields its transforms take out of a
// cell, and the labels in the file that its [values] tables do not know.
func (in *Inspection) DescribeBuiltin(name string, p *Profile) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nRiconosciuto: %s — profilo incorporato %q (carico import --kind %s --profile %s)\n", p.Name, name, p.Kind, name)
	for _, f := range sortedKeys(p.Transforms) {
		fmt.Fprintf(&b, "  %s da %s\n", f, p.Transforms[f].describe(p, f))
	}
	for _, k := range sortedKeys(p.StandardMinutes) {
		fmt.Fprintf(&b, "  durata standard di «%s»: %d minuti, per le righe senza durata (segnate come stima)\n", k, p.StandardMinutes[k])
	}
	m := newMapper(p, nil, nil)
	for _, f := range sortedKeys(m.labels) {
		cols := p.Columns[f]
		if len(cols) != 1 {
			continue
		}
		var unknown []string
		for _, c := range in.Columns {
			if c.Name != cols[0] {
				continue
			}
			for _, v := range c.values {
				if _, ok := m.labels[f].lookup(v); !ok && v != "" {
					unknown = append(unknown, v)
				}
			}
		}
		if len(unknown) > 0 {
			fmt.Fprintf(&b, "  Etichette di «%s» che il profilo non conosce (classificarle una volta in [values.%s] di una copia del profilo): %s\n",
				cols[0], f, quoteAll(unknown))
		}
	}
	return b.String()
}
