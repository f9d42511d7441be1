package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carico/carico/model"
)

// calibrationDB writes the calibration fixture of package weights to a
// database file.
func calibrationDB(t *testing.T) string {
	t.Helper()
	return scriptDB(t, "../../weights/testdata/calibration.sql")
}

// TestWeightsCommand runs the calibration, then checks that its file is a
// configuration metrics accepts, and that metrics then uses the observed set.
func TestWeightsCommand(t *testing.T) {
	path := calibrationDB(t)
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "weights", "--db", path, "--out", out, "--from", "01/01/2025", "--to", "31/12/2025")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Mesi-operatore con diario adeguato (copertura ≥ 50 %): 18 su 24") || !strings.Contains(stdout, "25,0") {
		t.Errorf("table:\n%s", stdout)
	}
	cfg, err := model.LoadConfig(filepath.Join(out, "pesi-osservati.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Caseload.Weights["famiglia_minori"][2]; got != 25 {
		t.Errorf("famiglia alta %v, want 25", got)
	}
	if _, err := os.Stat(filepath.Join(out, "pannello-pesi.xlsx")); err != nil {
		t.Error(err)
	}
	code, stdout, stderr = runCLI(t, "metrics", "--db", path, "--config", filepath.Join(out, "pesi-osservati.toml"), "--format", "json")
	if code != exitOK || !strings.Contains(stdout, `"in_use": "osservati"`) {
		t.Errorf("metrics with observed weights: exit %d, %s, in_use missing", code, stderr)
	}
	code, _, stderr = runCLI(t, "weights", "--db", path, "--out", out, "--panel", filepath.Join(out, "assente.xlsx"))
	if code != exitRuntime || !strings.Contains(stderr, "non leggibile") {
		t.Errorf("missing panel: exit %d, %s", code, stderr)
	}
}

func TestAllocateCommand(t *testing.T) {
	path := calibrationDB(t)
	code, stdout, stderr := runCLI(t, "allocate", "--db", path, "--area", "anziani", "--complexity", "bassa", "--comune", "Comune A")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// as1 holds 12 × 40 h, as2 3 × 5 h + 1 × 12 h: as2 comes first.
	if i, j := strings.Index(stdout, "1. Bianchi Luca:"), strings.Index(stdout, "2. Rossi Maria:"); i < 0 || j < i {
		t.Errorf("ranking:\n%s", stdout)
	}
	code, _, stderr = runCLI(t, "allocate", "--db", path, "--area", "anziani", "--complexity", "enorme", "--comune", "Comune A")
	if code != exitUsage || !strings.Contains(stderr, "complexity") {
		t.Errorf("bad complexity: exit %d, %s", code, stderr)
	}
}

func TestStatementCommand(t *testing.T) {
	path := calibrationDB(t)
	out := t.TempDir()
	remarks := filepath.Join(out, "osservazioni.md")
	os.WriteFile(remarks, []byte("Chiedo un incontro."), 0o644)
	code, stdout, stderr := runCLI(t, "statement", "--db", path, "--operator", "as1", "--out", out, "--luogo", "Seriate", "--data", "01/12/2026", "--remarks", remarks)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	html, err := os.ReadFile(filepath.Join(out, "prospetto-as1.html"))
	if err != nil || !strings.Contains(string(html), "Chiedo un incontro.") || !strings.Contains(string(html), "<td>2025") {
		t.Errorf("statement: %v\n%s", err, stdout)
	}
}
