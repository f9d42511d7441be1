package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/carico/carico/ingest"
)

func TestSampleCommand(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, "sample", "--out", dir, "--seed", "7")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Ambito di Seriate (sintetico, seme 7)", "cartelle.xlsx", "profilo diario.toml", "righe volutamente errate"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, f := range []string{"cartelle.xlsx", "cartelle.toml", "diario_interventi_2025-01_2025-12.csv", "personale.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	// The bundled profiles are valid for the importer: known kind, only
	// canonical fields.
	profiles, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
	if len(profiles) != 7 {
		t.Errorf("%d profiles written, want 7", len(profiles))
	}
	for _, f := range profiles {
		p, err := ingest.LoadProfile(f)
		if err != nil {
			t.Fatal(err)
		}
		for field := range p.Columns {
			if !slices.Contains(ingest.Fields[p.Kind], field) {
				t.Errorf("%s: %q is not a canonical field of %s", filepath.Base(f), field, p.Kind)
			}
		}
	}
}

func TestSampleCommandUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"sample"}, "manca --out"},
		{[]string{"sample", "--out", t.TempDir(), "--seed", "x"}, "valore non valido"},
		{[]string{"sample", "--out", t.TempDir(), "extra"}, "argomenti inattesi"},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, tt.args...)
		if code != exitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1.000", 24336: "24.336", 1234567: "1.234.567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
