package sampledata

import (
	"reflect"
	"testing"

	national "github.com/carico/carico/ingest/comuni"
)

// The large Ambito has the size it promises, real comuni, records that do
// not collide across its parts, and the sample's records unchanged.
func TestLarge(t *testing.T) {
	t.Parallel()
	a := Large(DefaultSeed)
	if len(a.Comuni) != 30 || len(a.Operators) != 73 {
		t.Fatalf("%d comuni, %d operators; want 30 and 73", len(a.Comuni), len(a.Operators))
	}
	for _, c := range a.Comuni {
		n, ok := national.Find(c.ISTAT)
		if !ok || !n.Current() || n.Name != c.Name || n.Province != "BG" {
			t.Errorf("comune %s %q: not the national table's (%+v)", c.ISTAT, c.Name, n)
		}
	}
	unique := func(what string, keys []string) {
		seen := map[string]bool{}
		for _, k := range keys {
			if seen[k] {
				t.Errorf("%s %q twice", what, k)
			}
			seen[k] = true
		}
	}
	var ops, names, cases, people, acts, comuniIDs []string
	for _, o := range a.Operators {
		ops, names = append(ops, o.ID), append(names, o.Name)
	}
	for _, c := range a.Cases {
		cases, people = append(cases, c.ID), append(people, c.Person+"/"+c.Opened.String())
	}
	for _, x := range a.Activities {
		acts = append(acts, x.ID)
	}
	for _, c := range a.Comuni {
		comuniIDs = append(comuniIDs, c.ISTAT)
	}
	unique("operator", ops)
	unique("operator name", names)
	unique("cartella", cases)
	unique("cartella of a person opened", people)
	unique("diario entry", acts)
	unique("comune", comuniIDs)
	var cf []string
	for _, p := range a.Citizens {
		cf = append(cf, p.CF)
	}
	unique("codice fiscale", cf)

	s := Generate(DefaultSeed)
	if !reflect.DeepEqual(a.Cases[:len(s.Cases)], s.Cases) || !reflect.DeepEqual(a.Operators[:len(s.Operators)], s.Operators) {
		t.Error("the sample's records changed in the large Ambito")
	}
	for _, c := range a.Cases {
		// A cartella never assigned (the board's plants) has no holder
		// to lose.
		if c.ISTAT == "" || c.OperatorID == "" && len(c.Assignments) > 0 {
			t.Errorf("cartella %s lost its comune or holder in the merge", c.ID)
		}
	}
}
