package ingest

import (
	"strings"
	"testing"
)

// TestShared attributes an activity done by several operators as the
// profile says: the recorded time as it is (the default), divided among
// them, or multiplied by them.
func TestShared(t *testing.T) {
	t.Parallel()
	const data = "ID;Data;AS;Tipo;Ore;N\n" +
		"A1;03/02/2025;Rossi Maria;case;01:30;3\n" +
		"A2;03/02/2025;Rossi Maria;case;00:40;1\n" +
		"A3;03/02/2025;Rossi Maria;case;00:40;\n"
	for _, tt := range []struct{ shared, want string }{
		{"", "A1=90,A2=40,A3=40"},
		{`shared = "recorder"`, "A1=90,A2=40,A3=40"},
		{`shared = "split"`, "A1=30,A2=40,A3=40"},
		{`shared = "each"`, "A1=270,A2=40,A3=40"},
	} {
		db := openDB(t, "")
		im := &Importer{DB: db, Secret: testSecret}
		importAll(t, im, "population", "staff")
		res := importText(t, im, "attivita.csv", data, tt.shared+`
kind = "activities"
[columns]
id = "ID"
date = "Data"
operator = "AS"
kind = "Tipo"
minutes = "Ore"
operators = "N"
[formats]
duration = "h:mm"
`)
		if len(res.Rejections) > 0 {
			t.Fatalf("%s: %v", tt.shared, res.Rejections)
		}
		if got := query(t, db, `SELECT string_agg(id || '=' || minutes, ',' ORDER BY id) FROM activity`); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.shared, got, tt.want)
		}
	}
	for _, bad := range []string{`shared = "tutti"`, `shared = "split"` + "\n"} {
		prof := bad + "\nkind = \"activities\"\n[columns]\nminutes = \"Ore\"\n"
		if _, err := ParseProfile([]byte(prof)); err == nil || !strings.Contains(err.Error(), "shared") {
			t.Errorf("%q: err %v", bad, err)
		}
	}
}
