package ingest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/carico/carico/ingest/table"
)

// Every built-in profile parses, and a file with its columns is recognised
// as its export.
func TestBuiltinProfiles(t *testing.T) {
	t.Parallel()
	names := BuiltinProfiles()
	if len(names) < 3 {
		t.Fatalf("built-in profiles %v", names)
	}
	for _, name := range names {
		p, ok, err := BuiltinProfile(name)
		if !ok || err != nil {
			t.Fatalf("%s: %v, %v", name, ok, err)
		}
		var header []string
		for _, cols := range p.Columns {
			header = append(header, cols...)
		}
		for _, tr := range p.Transforms {
			header = append(header, tr.columns()...)
		}
		if got, _ := RecogniseBuiltin(header, p.Kind); got != name {
			t.Errorf("header of %s recognised as %q", name, got)
		}
	}
	if _, ok, _ := BuiltinProfile("../profile"); ok {
		t.Error("a path is not a built-in profile name")
	}
}

// TestInspectSISO: inspect recognises SISO's list of cases (the BIFF8
// file LibreOffice wrote in SISO's shape), shows how the profile takes
// dates out of «Stato», and lists the categories the profile does not
// know, once each.
func TestInspectSISO(t *testing.T) {
	t.Parallel()
	in, err := Inspect(filepath.Join("table", "testdata", "lista_casi.xls"), table.Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	for _, c := range in.Columns {
		header = append(header, c.Name)
	}
	name, p := RecogniseBuiltin(header, "")
	if name != "siso-lista-casi" {
		t.Fatalf("recognised %q", name)
	}
	got := in.DescribeBuiltin(name, p)
	for _, want := range []string{`profilo incorporato "siso-lista-casi"`, "closed da «Stato», la parte ^Chiuso-",
		"opened da «Data apertura»; se vuota: «Stato»"} {
		if !strings.Contains(got, want) {
			t.Errorf("description lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "non conosce") {
		t.Errorf("every category of the file is known:\n%s", got)
	}
	p.Values["area"] = map[string]string{}
	m := newMapper(p, nil, nil)
	if _, ok := m.labels["area"].lookup("Povertà ed esclusione sociale"); ok {
		t.Fatal("the category should be unknown without the profile's map")
	}
	if got := in.DescribeBuiltin(name, p); !strings.Contains(got, `"Povertà ed esclusione sociale"`) {
		t.Errorf("unknown categories not listed:\n%s", got)
	}
}

// TestRecogniseSISOExtractions: the full headers of SISO's segretariato
// list and of the istanze and operators' extractions (as
// docs/sources/siso.md writes them) name their built-in profile, with no
// kind given; the schede's description says their standard duration.
func TestRecogniseSISOExtractions(t *testing.T) {
	t.Parallel()
	for name, header := range map[string][]string{
		"siso-lista-schede": {"ID", "Data Accesso", "Cognome e Nome", "Data di nascita", "Cod. fiscale", "Alias", "Residenza", "Ufficio",
			"Punto di Contatto", "Operatore", "Esito intervento", "Ente", "Stato Car.Soc.", "Data ultima modifica"},
		"siso-istanze": {"CASO_ID", "DATA_DOMANDA", "PROTOCOLLO", "TIPO_INTERVENTO", "DATA_DECISIONE", "ESITO"},
		"siso-operatori": {"USERNAME", "OPERATORE", "TIPO_OPERATORE", "ENTE", "MATRICOLA", "ORE_SETTIMANALI", "CONTRATTO", "DATA_INIZIO",
			"DATA_FINE", "QUOTA", "DATORE_LAVORO", "SERVIZI_SOCIALI"},
	} {
		got, p := RecogniseBuiltin(header, "")
		if got != name {
			t.Errorf("%s: recognised as %q", name, got)
			continue
		}
		if name == "siso-lista-schede" {
			d := (&Inspection{}).DescribeBuiltin(got, p)
			if !strings.Contains(d, "durata standard di «Segretariato sociale»: 20 minuti") {
				t.Errorf("description lacks the standard duration:\n%s", d)
			}
		}
	}
}
