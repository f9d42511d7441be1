package ingest

import (
	"strings"
	"testing"
)

// sisoCases is a listaCasi export's shape: the opening date is empty
// while the case is «Aperto», the closing date only inside «Stato».
const sisoCases = `ID;Cognome - Nome;Codice fiscale;Operatori;Data apertura;Stato
101;ESPOSITO GENNARO;SPSGNR50C12F839Y;Rossi Maria;15/01/2024;Presa in carico-16/01/24 - 10:30
102;ESPOSITO GENNARO;SPSGNR50C12F839Y;Rossi Maria;;Aperto-03/02/25 - 09:15
103;ESPOSITO GENNARO;SPSGNR50C12F839Y;Rossi Maria;10/05/2023;Chiuso-20/11/25 - 16:05
104;ESPOSITO GENNARO;SPSGNR50C12F839Y;Rossi Maria;10/05/2023;Chiuso-31/02/25 - 16:05
105;ESPOSITO GENNARO;SPSGNR50C12F839Y;Rossi Maria;;Segnalato-01/03/25 - 08:00
`

const sisoCasesProfile = `kind = "cases"
[formats]
date = "dd/mm/yyyy"
[columns]
id = "ID"
person_cf = "Codice fiscale"
operator = "Operatori"
opened = "Data apertura"
[transforms.closed]
column = "Stato"
pattern = '^Chiuso-(\d{2}/\d{2}/\d{2})'
format = "dd/mm/yy"
[transforms.opened]
fallback = { column = "Stato", pattern = '^Aperto-(\d{2}/\d{2}/\d{2})', format = "dd/mm/yy" }
`

// TestTransforms imports a compound «Stato» cell: the closing date from
// it, the opening date from «Data apertura» or, when empty, from the
// state «Aperto»; an impossible date in the cell is rejected naming the
// column it came from, and a row with neither is rejected as missing.
func TestTransforms(t *testing.T) {
	t.Parallel()
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population", "staff")
	res := importText(t, im, "listaCasi.csv", sisoCases, sisoCasesProfile)
	checkRejections(t, res.Rejections, []wantRejection{
		{5, "Stato", "31/02/25", "data inesistente"},
		{6, "Data apertura", "", "data mancante"},
	})
	got := query(t, db, `SELECT string_agg(id || ' ' || opened || ' ' || coalesce(CAST(closed AS VARCHAR), '-'), ', ' ORDER BY id) FROM cases`)
	if want := "101 2024-01-15 -, 102 2025-02-03 -, 103 2023-05-10 2025-11-20"; got != want {
		t.Errorf("cases %s, want %s", got, want)
	}
}

func TestTransformErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ toml, want string }{
		{"[transforms.closed]\ncolumn = \"Stato\"\npattern = '('\n", "espressione"},
		{"[transforms.closed]\npattern = 'x'\n", "manca column"},
		{"[transforms.colore]\ncolumn = \"Stato\"\n", "campo sconosciuto in [transforms]"},
		{"[transforms.closed]\ncolumn = \"Stato\"\nformat = \"mm/dd/yy\"\n", "formato"},
		{"[transforms.closed]\ncolumn = \"Stato\"\nfallback = { column = \"Stato\", pattern = '[' }\n", "espressione"},
	} {
		_, err := ParseProfile([]byte("kind = \"cases\"\n" + tt.toml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err %v, want %q", tt.toml, err, tt.want)
		}
	}
}
