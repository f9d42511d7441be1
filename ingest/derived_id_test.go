package ingest

import (
	"context"
	"path/filepath"
	"testing"
)

// TestDerivedActivityIDs: a diario without IDs gets, for each row, an ID
// derived from its content, and re-importing the same rows must find them
// again in databases that already hold them. The IDs below are those the
// importer derived before the diario was mapped into typed columns
// (commit 9ccd317): with a time of day in its own column, with the date,
// none; with a comune, an unknown one kept «fuori Ambito», none; with and
// without a case.
func TestDerivedActivityIDs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	im := &Importer{DB: openDB(t, filepath.Join(dir, "c.duckdb")), Secret: testSecret}
	importAll(t, im, "population", "staff")
	profile := `name = "Diario senza ID"
kind = "activities"
delimiter = ";"
[columns]
date     = "Data"
time     = "Ora"
operator = "Operatore"
case_id  = "N. cartella"
kind     = "Tipo"
minutes  = "Durata"
comune   = "Comune"
`
	csv := "Data;Ora;Operatore;N. cartella;Tipo;Durata;Comune\n" +
		"03/02/2025;09:30;Rossi Maria;C1;case;45;Bergamo\n" +
		"03/02/2025 10:15;;Rossi Maria;;access;0:30;016024\n" +
		"04/02/2025;;Bianchi Luca;C2;case;1:00;\n" +
		"05/02/2025;14:00;Bianchi Luca;;admin;300;Milano\n"
	writeFile(t, filepath.Join(dir, "p.toml"), profile)
	writeFile(t, filepath.Join(dir, "d.csv"), csv)
	p, err := LoadProfile(filepath.Join(dir, "p.toml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := im.Import(ctx, filepath.Join(dir, "d.csv"), p, "p.toml")
	if err != nil {
		t.Fatal(err)
	}
	if res.Inserted != 4 {
		t.Fatalf("inserted %d of 4: %v", res.Inserted, res.Rejections)
	}
	got := query(t, im.DB, `SELECT id, start_time::VARCHAR, coalesce(istat, '-') FROM activity ORDER BY day, start_time`)
	want := "hb04c61436f1158d91dfb|09:30:00|016024\n" +
		"h15e07ab15020ae6c94eb|10:15:00|016024\n" +
		"h13dc0edd31277fecdfa7|<nil>|-\n" +
		"h9d5e428faa1741d458bc|14:00:00|-"
	if got != want {
		t.Errorf("derived IDs:\n%s\nwant\n%s", got, want)
	}
	again, err := im.Import(ctx, filepath.Join(dir, "d.csv"), p, "p.toml")
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != 4 || again.Inserted != 0 {
		t.Errorf("the same rows again: %+v", again)
	}
}
