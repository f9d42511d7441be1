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
