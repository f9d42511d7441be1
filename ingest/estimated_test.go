package ingest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestStandardMinutes: a contact recorded without a duration takes the
// profile's standard one — by its label as written, else by its canonical
// kind — and is marked estimated; a recorded duration is kept as it is;
// an activity with neither is rejected, the reason naming the option.
func TestStandardMinutes(t *testing.T) {
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population", "staff")
	p, err := ParseProfile([]byte(`kind = "activities"
delimiter = ";"
[columns]
id = "ID"
date = "Data"
operator = "Operatore"
kind = "Tipo attività"
minutes = "Durata"
[values.kind]
"Colloquio" = "case"
"Segretariato sociale" = "access"
"Riunione di servizio" = "admin"
[standard_minutes]
"Colloquio" = 45
access = 20
`))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		res, err := im.Import(context.Background(), filepath.Join("testdata", "colloqui.csv"), p, "colloqui")
		if err != nil {
			t.Fatal(err)
		}
		if res.Read != 4 || res.Rejected != 1 || len(res.Rejections) != 1 {
			t.Fatalf("import %d: read %d, rejected %d %+v", i+1, res.Read, res.Rejected, res.Rejections)
		}
		if r := res.Rejections[0]; r.Line != 5 || r.Column != "Durata" || !strings.Contains(r.Reason, "durata mancante") || !strings.Contains(r.Reason, "[standard_minutes]") {
			t.Errorf("rejection = %+v", r)
		}
		if i == 1 && res.Unchanged != 3 {
			t.Errorf("re-import: %d unchanged, want 3", res.Unchanged)
		}
	}
	want := "K1|case|45|true\nK2|access|20|true\nK3|case|30|false"
	if got := query(t, db, `SELECT id, kind, minutes, estimated FROM activity ORDER BY id`); got != want {
		t.Errorf("activities:\n%s\nwant:\n%s", got, want)
	}
	// A profile without a duration column, with other standards: the
	// latest file wins, as for every field it maps — K2 takes the new
	// standard, K3 (recorded with 30 minutes) becomes an estimate, K4
	// gets one; K1 is unchanged.
	delete(p.Columns, "minutes")
	p.StandardMinutes = map[string]int{"Colloquio": 45, "access": 25, "admin": 60}
	res, err := im.Import(context.Background(), filepath.Join("testdata", "colloqui.csv"), p, "colloqui")
	if err != nil {
		t.Fatal(err)
	}
	if res.Rejected != 0 || res.Updated != 2 || res.Unchanged != 1 || res.Inserted != 1 {
		t.Errorf("standard 25 for access: inserted %d, updated %d, unchanged %d, rejected %d", res.Inserted, res.Updated, res.Unchanged, res.Rejected)
	}
	want = "K1|case|45|true\nK2|access|25|true\nK3|case|45|true\nK4|admin|60|true"
	if got := query(t, db, `SELECT id, kind, minutes, estimated FROM activity ORDER BY id`); got != want {
		t.Errorf("activities after the new standard:\n%s\nwant:\n%s", got, want)
	}
	for _, bad := range []string{"[standard_minutes]\nColloquio = 0\n", "[standard_minutes]\nColloquio = 600\n"} {
		if _, err := ParseProfile([]byte("kind = \"activities\"\n" + bad)); err == nil || !strings.Contains(err.Error(), "da 1 a 480 minuti") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if _, err := ParseProfile([]byte("kind = \"cases\"\n[standard_minutes]\naccess = 20\n")); err == nil || !strings.Contains(err.Error(), "solo per le attività") {
		t.Errorf("standard_minutes on cases: %v", err)
	}
}
