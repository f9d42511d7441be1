package ingest

import "testing"

func TestComuneKey(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"Perugia", "perugia"},
		{"PERUGIA (PG)", "perugia"},
		{"Perugia(PG)", "perugia"},
		{"Comune di Perugia", "perugia"},
		{"COMUNE DI PERUGIA (PG)", "perugia"},
		{"Torre de' Roveri", NameKey("Torre de Roveri")},
		{"TORRE DE' ROVERI (BG)", NameKey("Torre de Roveri")},
		{"Comune di Torre de' Roveri", NameKey("Torre de Roveri")},
		{"Città di Castello", NameKey("Città di Castello")}, // a name, not a prefix
		{"Città di Castello (PG)", NameKey("Citta di Castello")},
		{"Comune della Spezia", NameKey("La Spezia")}, // «della» keeps its article
		{"Sant'Alessandro", NameKey("Sant Alessandro")},
		{"Forlì", "forli"},
	} {
		if got := ComuneKey(tt.in); got != tt.want {
			t.Errorf("ComuneKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestComuneSpellings imports rows whose comune is written as SISO and
// others write it, or by its cadastral code; «Senza fissa dimora», mapped
// to no comune, keeps its row without one; a real comune outside the
// Ambito keeps its row too, counted «fuori Ambito»; a name that is no
// comune is rejected.
func TestComuneSpellings(t *testing.T) {
	t.Parallel()
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population", "staff")
	res := importText(t, im, "cartelle.csv", "N;CF;Apertura;AS;Residenza\n"+
		"C1;SPSGNR50C12F839Y;10/01/2024;Rossi Maria;BERGAMO (BG)\n"+
		"C2;SPSGNR50C12F839Y;10/01/2024;Rossi Maria;Comune di Bergamo\n"+
		"C3;SPSGNR50C12F839Y;10/01/2024;Rossi Maria;Senza fissa dimora\n"+
		"C4;SPSGNR50C12F839Y;10/01/2024;Rossi Maria;Atlantide\n"+
		"C5;SPSGNR50C12F839Y;10/01/2024;Rossi Maria;A794\n"+ // Bergamo's cadastral code
		"C6;SPSGNR50C12F839Y;10/01/2024;Rossi Maria;PERUGIA (PG)\n"+ // a comune, not the Ambito's
		"C7;SPSGNR50C12F839Y;10/01/2024;Rossi Maria;054039\n",
		`kind = "cases"
[columns]
id = "N"
person_cf = "CF"
opened = "Apertura"
operator = "AS"
comune = "Residenza"
[values.comune]
"Senza fissa dimora" = ""
`)
	checkRejections(t, res.Rejections, []wantRejection{{5, "Residenza", "Atlantide", "comune sconosciuto"}})
	if res.OutsideAmbito != 2 {
		t.Errorf("%d rows outside the Ambito, want 2", res.OutsideAmbito)
	}
	if got := query(t, db, `SELECT string_agg(id || '=' || coalesce(istat, '-'), ',' ORDER BY id) FROM cases`); got != "C1=016024,C2=016024,C3=-,C5=016024,C6=-,C7=-" {
		t.Errorf("cases %s", got)
	}
}
