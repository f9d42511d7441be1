package ingest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportIstanze imports a list of istanze with the profile inspect
// proposes for it (testdata/istanze.profile.golden): many per cartella,
// each bad row rejected on its own line with an Italian reason, and the
// same file again changes nothing.
func TestImportIstanze(t *testing.T) {
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population", "staff", "cases")
	p, err := LoadProfile(filepath.Join("testdata", "istanze.profile.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != "istanze" {
		t.Fatalf("inspect proposes kind %q, want istanze", p.Kind)
	}
	bad := []wantRejection{
		{4, "Data decisione", "15/01/2024", "data della decisione precedente alla domanda"},
		{5, "N. cartella", "", "numero di cartella mancante"},
		{6, "Data domanda", "31/12/9999", "data fuori dall'intervallo plausibile"},
		{7, "Esito", "Forse", "esito non mappato"},
	}
	const stored = `SELECT case_id, received::VARCHAR, protocol, procedure, coalesce(decision::VARCHAR, '-'), coalesce(outcome, '-') FROM istanza ORDER BY ALL`
	want := strings.Join([]string{
		"C1|2024-02-05|2024/118|Assistenza domiciliare|2024-03-01|accolta",
		"C1|2024-09-10|2024/902|Contributo economico|-|-",
		"C3|2024-03-01|2024/151|Inserimento in struttura|2024-05-02|parziale",
	}, "\n")
	for i, counts := range [][3]int{{3, 0, 0}, {0, 0, 3}} {
		res, err := im.Import(context.Background(), filepath.Join("testdata", "istanze.csv"), p, "istanze")
		if err != nil {
			t.Fatal(err)
		}
		if got := [3]int{res.Inserted, res.Updated, res.Unchanged}; got != counts || res.Read != 7 || res.Rejected != 4 {
			t.Errorf("import %d: read %d, inserted/updated/unchanged %v, rejected %d; want 7, %v, 4", i+1, res.Read, got, res.Rejected, counts)
		}
		if len(res.Rejections) != len(bad) {
			t.Fatalf("rejections = %+v, want %d", res.Rejections, len(bad))
		}
		for j, w := range bad {
			r := res.Rejections[j]
			if r.Line != w.line || r.Column != w.column || r.Value != w.value || !strings.Contains(r.Reason, w.reason) {
				t.Errorf("rejection %d = %+v, want %+v", j, r, w)
			}
		}
		if got := query(t, db, stored); got != want {
			t.Errorf("import %d, istanze:\n%s\nwant:\n%s", i+1, got, want)
		}
	}
}

// TestGuessIstanze: the headers of a list of istanze propose the istanze
// kind, not the cartelle one whose shortcut columns share two of them.
func TestGuessIstanze(t *testing.T) {
	t.Parallel()
	for _, h := range [][]string{
		{"N. cartella", "Data domanda", "Protocollo", "Tipo procedimento", "Data decisione", "Esito"},
		{"ID caso", "Data richiesta", "N. protocollo", "Procedimento", "Data provvedimento"},
	} {
		if got := guessKind(h); got != "istanze" {
			t.Errorf("guessKind(%q) = %s, want istanze", h, got)
		}
	}
}
