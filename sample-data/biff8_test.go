package sampledata

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/carico/carico/ingest/table"
)

// TestWriteXLS writes a text-only BIFF8 workbook — non-Latin text, an
// empty cell, and enough strings for the shared-string table to continue
// over several records, one string cut at a record boundary — and reads it
// back with carico's reader and, where it is installed, LibreOffice's.
func TestWriteXLS(t *testing.T) {
	t.Parallel()
	rows := [][]string{{"ID", "Cognome - Nome", "Stato"}, {"1", "NICOLÒ D'ANNA", "Chiuso-20/11/25 - 16:05"}, {"2", "", "Aperto-03/02/25 - 09:15"}}
	for i := 3; i < 1500; i++ {
		rows = append(rows, []string{fmt.Sprint(i), strings.Repeat("àé€", i%7) + fmt.Sprint("riga ", i), "Presa in carico-16/01/24 - 10:30"})
	}
	path := filepath.Join(t.TempDir(), "listaCasi.xls")
	if err := writeXLS(path, []xlsSheet{{"ListaCasi", rows}}); err != nil {
		t.Fatal(err)
	}
	r, err := table.Open(path, table.Options{Sheet: "ListaCasi"})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got, err := table.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r.Header(), rows[0]) || len(got) != len(rows)-1 {
		t.Fatalf("header %q, %d rows; want %q, %d", r.Header(), len(got), rows[0], len(rows)-1)
	}
	for i, g := range got {
		if !reflect.DeepEqual(g.Fields, rows[i+1]) {
			t.Fatalf("row %d = %q, want %q", i+2, g.Fields, rows[i+1])
		}
	}
	if _, err := exec.LookPath("libreoffice"); err != nil {
		t.Log("libreoffice not installed: the file is checked with carico's reader only")
		return
	}
	dir := t.TempDir()
	out, err := exec.Command("libreoffice", "--headless", "-env:UserInstallation=file://"+dir+"/profile",
		"--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76", "--outdir", dir, path).CombinedOutput()
	if err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	csv, err := table.Open(filepath.Join(dir, "listaCasi.csv"), table.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer csv.Close()
	lo, err := table.ReadAll(csv)
	if err != nil {
		t.Fatal(err)
	}
	if len(lo) != len(got) || !reflect.DeepEqual(lo[0].Fields, rows[1]) || !reflect.DeepEqual(lo[len(lo)-1].Fields, rows[len(rows)-1]) {
		t.Errorf("LibreOffice read %d rows, first %q, last %q", len(lo), lo[0].Fields, lo[len(lo)-1].Fields)
	}
}
