package ingest

import "testing"

// TestFieldLabels: every field of every kind has an Italian name of its
// own in its export, and only the keys that are Italian words already
// (comune, note) read as themselves.
func TestFieldLabels(t *testing.T) {
	t.Parallel()
	italianKeys := map[string]bool{"comune": true, "note": true}
	for kind, fields := range Fields {
		seen := map[string]string{}
		for _, f := range fields {
			l := FieldLabel(kind, f)
			if l == f && !italianKeys[f] {
				t.Errorf("%s.%s has no Italian name", kind, f)
			}
			if other, dup := seen[l]; dup {
				t.Errorf("%s: %s and %s both read %q", kind, other, f, l)
			}
			seen[l] = f
		}
	}
	if got := FieldLabel("activities", "minutes"); got != "durata" {
		t.Errorf("minutes reads %q", got)
	}
	if got := FieldLabel("cases", "id"); got != "numero della cartella" {
		t.Errorf("cases.id reads %q", got)
	}
}

// TestLabeller: the lookup a mapping form uses is the importer's — the
// profile's values, the canonical values and their names, the synonyms —
// and a label none of them knows is reported as unclassified.
func TestLabeller(t *testing.T) {
	t.Parallel()
	p := &Profile{Kind: "activities", Values: map[string]map[string]string{"kind": {"Colloquio in sede": "case"}}}
	look := Labeller(p)
	for _, c := range []struct {
		field, label, want string
		ok                 bool
	}{
		{"kind", "Colloquio in sede", "case", true},
		{"kind", "COLLOQUIO IN SEDE", "case", true},
		{"kind", "community", "community", true},
		{"area", "Famiglia e minori", "famiglia_minori", true},
		{"kind", "Incontro con associazioni", "", false},
		{"reason", "Distacco sindacale", "sindacale", true},
		{"nessuno", "x", "", false},
	} {
		if got, ok := look(c.field, c.label); got != c.want || ok != c.ok {
			t.Errorf("%s %q = %q, %v; want %q, %v", c.field, c.label, got, ok, c.want, c.ok)
		}
	}
}
