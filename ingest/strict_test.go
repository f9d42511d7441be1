package ingest

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestStrayQuote imports a 1.000-row diario whose note at row 12 opens a
// quote never closed, with a quoted note at row 902: one row is rejected
// at its line and column, the 999 others are imported, and --strict fails
// the file.
func TestStrayQuote(t *testing.T) {
	t.Parallel()
	p, err := LoadProfile(filepath.Join("testdata", "activities.toml"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join("testdata", "diario_virgolette.csv")
	for _, strict := range []bool{false, true} {
		db := openDB(t, "")
		im := &Importer{DB: db, Secret: testSecret}
		importAll(t, im, "population", "staff")
		im.Strict = strict
		res, err := im.Import(context.Background(), file, p, "activities.toml")
		if strict {
			if !errors.Is(err, ErrRejected) {
				t.Fatalf("strict: err = %v, want ErrRejected", err)
			}
			if got := query(t, db, `SELECT count(*) FROM activity`); got != "0" {
				t.Errorf("strict: %s activities imported", got)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if res.Read != 1000 || res.Inserted != 999 || res.Rejected != 1 {
			t.Errorf("read %d, inserted %d, rejected %d; want 1000, 999, 1", res.Read, res.Inserted, res.Rejected)
		}
		if len(res.Rejections) != 1 || res.Rejections[0].Line != 13 || res.Rejections[0].Column != "Note" ||
			!strings.Contains(res.Rejections[0].Reason, "inghiottirebbe la riga 14") {
			t.Errorf("rejections %v", res.Rejections)
		}
		if got := query(t, db, `SELECT count(*) FROM activity WHERE id IN ('Q13', 'Q901', 'Q902', 'Q1000')`); got != "4" {
			t.Errorf("rows after the stray quote: %s of 4 imported", got)
		}
	}
}

// TestMixedEncodingsCountEachRecordOnce: a diario part UTF-8, part
// Windows-1252 reads as many rows as it has records; each record with a
// line that is not UTF-8 is one rejection, at the line where it starts.
func TestMixedEncodingsCountEachRecordOnce(t *testing.T) {
	t.Parallel()
	p, err := LoadProfile(filepath.Join("testdata", "activities.toml"))
	if err != nil {
		t.Fatal(err)
	}
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population", "staff")
	res, err := im.Import(context.Background(), filepath.Join("table", "testdata", "diario_misto.csv"), p, "activities.toml")
	if err != nil {
		t.Fatal(err)
	}
	if res.Read != 1206 || res.Continued != 5 || res.Lines != 1+1206+5 {
		t.Errorf("read %d, continued %d, lines %d; want 1206, 5, 1212", res.Read, res.Continued, res.Lines)
	}
	got := query(t, db, `SELECT string_agg(line::VARCHAR, ' ' ORDER BY line) FROM rejected_row WHERE reason LIKE '%UTF-8%'`)
	if got != "1202 1203 1205 1207" {
		t.Errorf("records rejected for their encoding at lines %s, want 1202 1203 1205 1207", got)
	}
}

// TestShiftedRow rejects a row that a ';' inside a surname made wider than
// the header, and a row whose last cell opens a quote, and imports the rows
// after them.
func TestShiftedRow(t *testing.T) {
	t.Parallel()
	res, err, im := importCases(t, filepath.Join("testdata", "cartelle_spostate.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := []wantRejection{
		{3, "Colonna 13", "Bergamo", "la riga ha 13 celle ma l'intestazione 12"},
		{4, "Comune", "", "inghiottirebbe la riga 5"},
	}
	checkRejections(t, res.Rejections, want)
	if got := query(t, im.DB, `SELECT string_agg(id, ',' ORDER BY id) FROM cases`); got != "C1,C4,C5" {
		t.Errorf("cases %s, want C1,C4,C5", got)
	}
}

// TestDateLimits rejects dates outside a plausible range, and reports an
// impossible date as written.
func TestDateLimits(t *testing.T) {
	t.Parallel()
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population", "staff")
	res := importFile(t, im, "diario_date.csv", "activities.toml")
	want := []wantRejection{
		{2, "Data", "31/12/9999", "data fuori dall'intervallo plausibile"},
		{3, "Data", "01/01/1850", "data fuori dall'intervallo plausibile"},
		{4, "Data", "2025-13-01", "data inesistente"}, // the value as written, the reason without it
	}
	if res.Inserted != 1 {
		t.Errorf("inserted %d, want 1", res.Inserted)
	}
	checkRejections(t, res.Rejections, want)
}

// checkRejections compares rejections with want: line, column and value
// exactly, the reason by a part of it.
func checkRejections(t *testing.T, got []Rejection, want []wantRejection) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("rejections %v, want %d", got, len(want))
	}
	for i, w := range want {
		r := got[i]
		if r.Line != w.line || r.Column != w.column || r.Value != w.value || !strings.Contains(r.Reason, w.reason) {
			t.Errorf("rejection %d = %+v, want %+v", i, r, w)
		}
	}
}
