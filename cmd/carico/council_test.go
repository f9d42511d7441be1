package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carico/carico/internal/sampledb"
	sampledata "github.com/carico/carico/sample-data"
)

// TestCouncilReport writes the council's version of a small Ambito — the
// six comuni of the sample without Seriate, served by 7 social workers,
// where a workbook protected table by table gave back what it hid — of
// the whole sample, and of a large one (30 comuni, 73 operators), end to end: the audit of the whole document passes (or
// nothing would be written) and the Sintesi says so. It also checks that
// the CLI takes no other dates than a calendar year (two reports a day
// apart would be differenced).
func TestCouncilReport(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the sample")
	}
	sample := sampledata.Generate(sampledata.DefaultSeed)
	for _, c := range []struct {
		name string
		a    *sampledata.Ambito
		sw   int // social workers
	}{
		{"6 comuni", sample.Subset("Ambito di prova", "016194", "016117", "016066", "016003", "016139", "016160"), 8},
		{"campione", sample, 18},
		{"30 comuni", sampledata.Large(sampledata.DefaultSeed), 44},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			sw := 0
			for _, o := range c.a.Operators {
				if o.Role == "assistente_sociale" {
					sw++
				}
			}
			if sw != c.sw {
				t.Fatalf("%d social workers, want %d", sw, c.sw)
			}
			db := sampledb.Write(t, c.a)
			out := t.TempDir()
			code, _, stderr := runCLI(t, "report", "--db", db, "--out", out, "--audience", "politico")
			if code != exitOK {
				t.Fatalf("report: exit %d: %s", code, stderr)
			}
			f := openXLSX(t, filepath.Join(out, "carico-politico.xlsx"))
			rows, err := f.GetRows(f.GetSheetList()[0])
			if err != nil {
				t.Fatal(err)
			}
			var sintesi strings.Builder
			for _, r := range rows {
				sintesi.WriteString(strings.Join(r, " ") + "\n")
			}
			if !strings.Contains(sintesi.String(), "nessuna ricavabile dagli altri dati pubblicati") {
				t.Errorf("the Sintesi does not state the audit's result:\n%.2000s", sintesi.String())
			}
			page, err := os.ReadFile(filepath.Join(out, "carico-politico.html"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(page), "nessuna ricavabile dagli altri dati pubblicati") {
				t.Error("the page does not state the audit's result")
			}

			// Two versions a day apart would be differenced: the council's
			// takes no date but a whole calendar year's.
			for _, dates := range [][]string{
				{"--at", "15/06/2025"},
				{"--at", "30/12/2025"},
				{"--from", "02/01/2025", "--to", "31/12/2025"},
				{"--from", "01/01/2025", "--to", "30/12/2025"},
				{"--from", "01/01/2025", "--to", "31/12/2025", "--at", "30/11/2025"},
			} {
				other := t.TempDir()
				code, _, stderr = runCLI(t, append([]string{"report", "--db", db, "--out", other, "--audience", "politico"}, dates...)...)
				if code == exitOK || !strings.Contains(stderr, "anno solare intero") {
					t.Errorf("a council's report with %v: exit %d, %q; want a refusal", dates, code, stderr)
				}
				if files, _ := os.ReadDir(other); len(files) > 0 {
					t.Errorf("a refused report wrote %d files", len(files))
				}
			}
		})
	}
}
