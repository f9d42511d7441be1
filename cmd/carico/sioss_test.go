package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carico/carico/internal/sampledb"
	sampledata "github.com/carico/carico/sample-data"
)

// TestSiossCLI runs `carico sioss` on the sample Ambito: the JSON carries
// the documented keys, the table says «Pronto», --out writes the workbook.
func TestSiossCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole sample Ambito")
	}
	dbPath := sampledb.Write(t, sampledata.Generate(sampledata.DefaultSeed))
	scen := filepath.Join(t.TempDir(), "scenari.toml")
	os.WriteFile(scen, []byte("[[scenario]]\nname = \"Una in più\"\n[[scenario.staff]]\naction = \"hire\"\nrole = \"assistente_sociale\"\nfte = 1\n"), 0o644)

	code, out, errOut := runCLI(t, "sioss", "--db", dbPath, "--year", "2025", "--format", "json",
		"--scenari", scen, "--scenario", "Una in più", "--dal", "01/09/2026")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"year", "residents", "fte_year", "fte_snapshot", "fte_above_6500", "fte_above_5000", "contribution_eur", "people"} {
		if _, ok := r[k]; !ok {
			t.Errorf("JSON without %q", k)
		}
	}
	people := r["people"].([]any)
	var excluded bool
	for _, p := range people {
		p := p.(map[string]any)
		if _, ok := p["fte_year"]; !ok {
			t.Errorf("person without fte_year: %v", p)
		}
		if p["counted"] == false {
			excluded = true
			if p["reason"] == "" || p["reason"] == nil {
				t.Errorf("person not counted without a reason: %v", p)
			}
		}
	}
	if !excluded {
		t.Error("the sample has social workers who do not count; none listed")
	}
	// 1 FTE hired on 1 September 2026: 122 days of 365.
	fc := r["forecast"].(map[string]any)
	if h := fc["fte_hires"].(float64); h < 122.0/365-1e-9 || h > 122.0/365+1e-9 {
		t.Errorf("forecast hires = %v FTE, want 122/365", h)
	}

	dir := t.TempDir()
	code, out, errOut = runCLI(t, "sioss", "--db", dbPath, "--year", "2025", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Pronto", "Contributo dell'anno", "Riconciliazione", "28/02/2026"} {
		if !strings.Contains(out, want) {
			t.Errorf("table output without %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "sioss-2025.xlsx")); err != nil {
		t.Errorf("workbook not written: %v", err)
	}

	if code, _, errOut = runCLI(t, "sioss", "--db", dbPath, "--scenario", "x"); code != 2 || !strings.Contains(errOut, "vanno indicati insieme") {
		t.Errorf("--scenario without --scenari: exit %d, %q", code, errOut)
	}
}
