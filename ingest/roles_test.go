package ingest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestRolesOther: a roster's qualifiche outside carico's four are mapped
// by the built-in synonyms (educatore and ASA/OSS variants, psicologo and
// COP as «altro»); one no map knows, or a missing one, keeps the person as
// «altro» with a warning naming the label — never a rejection.
func TestRolesOther(t *testing.T) {
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population")
	p, err := LoadProfile(filepath.Join("testdata", "personale_matricola.toml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := im.Import(context.Background(), filepath.Join("testdata", "personale_ruoli.csv"), p, "ruoli")
	if err != nil {
		t.Fatal(err)
	}
	if res.Rejected != 0 || res.Inserted != 7 {
		t.Fatalf("inserted %d, rejected %d %+v; want 7, 0", res.Inserted, res.Rejected, res.Rejections)
	}
	want := strings.Join([]string{"M001|assistente_sociale", "M010|altro", "M011|altro", "M012|educatore",
		"M013|altro", "M014|altro", "M015|asa_oss"}, "\n")
	if got := query(t, db, `SELECT id, role FROM operator ORDER BY id`); got != want {
		t.Errorf("roles:\n%s\nwant:\n%s", got, want)
	}
	w := res.OtherRolesWarning()
	for _, s := range []string{"2 righe", "«Tecnico della riabilitazione» (1)", "qualifica mancante (1)", "«Altro profilo»", "[values.role]"} {
		if !strings.Contains(w, s) {
			t.Errorf("warning lacks %q: %s", s, w)
		}
	}
	if strings.Contains(w, "Psicologa") || strings.Contains(w, "COP") {
		t.Errorf("warning names a qualifica the synonyms map: %s", w)
	}
}
