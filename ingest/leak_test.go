package ingest

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

const casesHeader = "N. cartella;Cognome;Nome;Codice fiscale;Data di nascita;Data apertura;Data chiusura;Motivo chiusura;Area;Complessità;Assistente sociale;Comune\n"

// importCases imports a cartelle file with testdata/cases.toml into a new
// database, after the reference data.
func importCases(t *testing.T, path string) (*Result, error, *Importer) {
	t.Helper()
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population", "staff")
	p, err := LoadProfile(filepath.Join("testdata", "cases.toml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := im.Import(context.Background(), path, p, "cases.toml")
	return res, err, im
}

// importCasesText is importCases of a file written from text.
func importCasesText(t *testing.T, text string) (*Result, error, *Importer) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cartelle.csv")
	writeFile(t, path, text)
	return importCases(t, path)
}

// written is everything an import wrote about its rejections: what stderr
// shows and every rejected_row column.
func written(t *testing.T, im *Importer, res *Result) string {
	t.Helper()
	var b strings.Builder
	for _, r := range res.Rejections {
		b.WriteString(r.String() + "\n")
	}
	b.WriteString(query(t, im.DB, `SELECT string_agg(concat_ws('|', file, col, value, reason), '\n') FROM rejected_row`))
	return b.String()
}

// TestRejectionsNeverCarryThePerson: a reason quotes a value %q-escaped
// (a quote or a newline inside it), a shift moves a name into a date
// column; neither the codice fiscale nor the name is written in clear, in
// any spelling.
func TestRejectionsNeverCarryThePerson(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		row    string
		person []string
	}{
		{"a codice fiscale with a quote in an area label",
			"C1;Esposito;Gennaro;SPSGNR50C12F839Y;12/03/1950;10/01/2024;;;\"Anziani SPSGNR50C12F839Y \"\"x\"\"\";alta;Rossi Maria;Bergamo\n",
			[]string{"SPSGNR50C12F839Y", "Esposito", "Gennaro"}},
		{"a name with a newline in a close reason",
			"C1;Esposito;Gennaro;;12/03/1950;10/01/2024;;\"Esposito Gennaro\nnota\";Anziani;alta;Rossi Maria;Bergamo\n",
			[]string{"Esposito", "Gennaro", "12/03/1950"}},
		{"the person's surname in the complexity column",
			"C1;Esposito;Gennaro;;12/03/1950;10/01/2024;;;Anziani;ESPOSITO;Rossi Maria;Bergamo\n",
			[]string{"Esposito", "Gennaro"}},
		{"a shifted row whose trailing cell was empty",
			"C0;Russo;Anna;RSSNNA75D52A794X;12/04/1975;15/01/2024;;;Anziani;2;Rossi Maria;Bergamo\n" +
				"C1;Esposito;Gennaro; Jr;SPSGNR50C12F839Y;12/03/1950;10/01/2024;;;Anziani;alta;Rossi Maria;\n",
			[]string{"SPSGNR50C12F839Y", "Esposito", "Gennaro", "12/03/1950"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err, im := importCasesText(t, casesHeader+tt.row)
			if err != nil {
				t.Fatal(err)
			}
			if res.Rejected == 0 {
				t.Fatalf("nothing rejected: the test proves nothing")
			}
			out := strings.ToLower(written(t, im, res))
			for _, x := range tt.person {
				if strings.Contains(out, strings.ToLower(x)) {
					t.Errorf("%q written in clear:\n%s", x, out)
				}
			}
		})
	}
}

// TestCFOutsidePersonColumns: a codice fiscale in a non-personal column
// rejects the row; in an ID column it stops the import, naming the fix,
// and nothing is stored.
func TestCFOutsidePersonColumns(t *testing.T) {
	t.Parallel()
	res, err, _ := importCasesText(t, casesHeader+
		"C1;Esposito;Gennaro;;12/03/1950;10/01/2024;;;Anziani;alta;Rossi Maria;SPSGNR50C12F839Y\n"+
		"C2;Russo;Anna;;12/04/1975;15/01/2024;;;Anziani;2;Rossi Maria;Bergamo\n")
	if err != nil {
		t.Fatal(err)
	}
	if res.Rejected != 1 || res.Inserted != 1 || !strings.Contains(res.Rejections[0].Reason, "codice fiscale in una colonna che non è personale") {
		t.Errorf("rejected %d, inserted %d, %v", res.Rejected, res.Inserted, res.Rejections)
	}

	_, err, im := importCasesText(t, casesHeader+
		"C2;Russo;Anna;;12/04/1975;15/01/2024;;;Anziani;2;Rossi Maria;Bergamo\n"+
		"SPSGNR50C12F839Y;Esposito;Gennaro;;12/03/1950;10/01/2024;;;Anziani;alta;Rossi Maria;Bergamo\n")
	if !errors.Is(err, ErrCFInID) || !strings.Contains(err.Error(), "person_cf") || strings.Contains(err.Error(), "SPSGNR50C12F839Y") {
		t.Fatalf("err = %v, want ErrCFInID naming the fix, masked", err)
	}
	if got := query(t, im.DB, `SELECT count(*) FROM cases`); got != "0" {
		t.Errorf("%s cases stored", got)
	}
}

// TestIDs: a NUL byte in an ID rejects the row; with numeric_ids the
// leading zeros a spreadsheet drops do not make a second record, and the
// result counts the IDs that matched only so.
func TestIDs(t *testing.T) {
	t.Parallel()
	res, err, _ := importCasesText(t, casesHeader+
		"C\x001;Esposito;Gennaro;;12/03/1950;10/01/2024;;;Anziani;alta;Rossi Maria;Bergamo\n"+
		"C2;Russo;Anna;;12/04/1975;15/01/2024;;;Anziani;2;Rossi Maria;Bergamo\n")
	if err != nil {
		t.Fatal(err)
	}
	if res.Rejected != 1 || !strings.Contains(res.Rejections[0].Reason, "caratteri di controllo") || strings.ContainsRune(res.Rejections[0].Value, 0) {
		t.Errorf("NUL: rejected %d, %+v", res.Rejected, res.Rejections)
	}

	_, err, im := importCasesText(t, casesHeader+"000101;Esposito;Gennaro;;12/03/1950;10/01/2024;;;Anziani;alta;Rossi Maria;Bergamo\n")
	if err != nil {
		t.Fatal(err)
	}
	p, _ := LoadProfile(filepath.Join("testdata", "cases.toml"))
	p.NumericIDs = true
	path := filepath.Join(t.TempDir(), "cartelle-excel.csv")
	writeFile(t, path, casesHeader+"101;Esposito;Gennaro;;12/03/1950;10/01/2024;;;Anziani;alta;Rossi Maria;Bergamo\n"+
		"000101;Esposito;Gennaro;;12/03/1950;10/01/2024;;;Anziani;alta;Rossi Maria;Bergamo\n")
	res, err = im.Import(context.Background(), path, p, "cases.toml")
	if err != nil {
		t.Fatal(err)
	}
	if res.Normalized != 1 {
		t.Errorf("normalized %d, want 1", res.Normalized)
	}
	if got := query(t, im.DB, `SELECT string_agg(id, ',' ORDER BY id) FROM cases`); got != "000101,101" {
		// The first import, without numeric_ids, kept the zeros: the
		// declaration applies from the import that makes it.
		t.Errorf("cases %s", got)
	}
}

// TestSameFileOtherSource: the same file imported again under another
// source is refused (its rows would count twice) unless forced; under the
// same source it is a re-import that changes nothing.
func TestSameFileOtherSource(t *testing.T) {
	t.Parallel()
	text := casesHeader + "C1;Esposito;Gennaro;;12/03/1950;10/01/2024;;;Anziani;alta;Rossi Maria;Bergamo\n"
	_, err, im := importCasesText(t, text)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copia.csv")
	writeFile(t, path, text)
	p, _ := LoadProfile(filepath.Join("testdata", "cases.toml"))
	res, err := im.Import(context.Background(), path, p, "cases.toml")
	if err != nil || res.Unchanged != 1 {
		t.Fatalf("same source: %+v, %v", res, err)
	}
	p.Source = "progx"
	if _, err := im.Import(context.Background(), path, p, "altro.toml"); !errors.Is(err, ErrSameFile) {
		t.Fatalf("other source: err = %v, want ErrSameFile", err)
	}
	if got := query(t, im.DB, `SELECT count(*) FROM cases`); got != "1" {
		t.Errorf("%s cases after the refusal", got)
	}
	im.Force = true
	if _, err := im.Import(context.Background(), path, p, "altro.toml"); err != nil {
		t.Fatalf("forced: %v", err)
	}
	if got := query(t, im.DB, `SELECT count(*) FROM cases`); got != "2" {
		t.Errorf("%s cases after the forced import", got)
	}
}
