package ingest

import (
	"context"
	"path/filepath"
	"testing"
)

// importText imports content, written to a temporary file named name,
// with the profile text prof.
func importText(t *testing.T, im *Importer, name, content, prof string) *Result {
	t.Helper()
	p, err := ParseProfile([]byte(prof))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	writeFile(t, path, content)
	res, err := im.Import(context.Background(), path, p, name)
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return res
}

// TestOpenSentinels: 31/12/9999 in an end date means "not ended" — the
// case stays open, the assignment current — while in an event date (see
// TestDateLimits) it stays an error.
func TestOpenSentinels(t *testing.T) {
	t.Parallel()
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population", "staff")
	res := importText(t, im, "cartelle.csv", "N;CF;Apertura;Chiusura;AS\n"+
		"C1;SPSGNR50C12F839Y;10/01/2024;31/12/9999;Rossi Maria\n"+
		"C2;SPSGNR50C12F839Y;15/01/2024;9999-12-31;Rossi Maria\n"+
		"C3;SPSGNR50C12F839Y;15/01/2024;20/02/2024;Rossi Maria\n",
		`kind = "cases"
[columns]
id = "N"
person_cf = "CF"
opened = "Apertura"
closed = "Chiusura"
operator = "AS"
`)
	if len(res.Rejections) > 0 {
		t.Fatalf("rejections %v", res.Rejections)
	}
	if got := query(t, db, `SELECT string_agg(id || '=' || coalesce(CAST(closed AS VARCHAR), 'aperta'), ',' ORDER BY id) FROM cases`); got != "C1=aperta,C2=aperta,C3=2024-02-20" {
		t.Errorf("cases %s", got)
	}
	res = importText(t, im, "assegnazioni.csv", "Cartella;AS;Dal;Al\nC1;Rossi Maria;10/01/2024;31/12/9999\n",
		`kind = "assignments"
[columns]
case_id = "Cartella"
operator = "AS"
from = "Dal"
to = "Al"
`)
	if len(res.Rejections) > 0 || res.Inserted != 1 {
		t.Fatalf("assignments: inserted %d, rejections %v", res.Inserted, res.Rejections)
	}
	if got := query(t, db, `SELECT count(*) FROM assignment WHERE to_date IS NULL`); got != "1" {
		t.Errorf("open assignments %s, want 1", got)
	}
}
