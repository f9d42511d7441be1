package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carico/carico/ingest"
)

func TestInspectCommand(t *testing.T) {
	profile := filepath.Join(t.TempDir(), "diario.toml")
	file := filepath.Join("..", "..", "ingest", "table", "testdata", "diario_cp1252.csv")
	// Flags after the file name, as users type them.
	code, out, errOut := runCLI(t, "inspect", file, "--write-profile", profile)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"codifica windows-1252", "Intestazione: riga 4", "Tipo di importazione: activities", "Profilo proposto scritto in"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	p, err := ingest.LoadProfile(profile)
	if err != nil {
		t.Fatal(err)
	}
	if p.Encoding != "windows-1252" || p.Columns["minutes"][0] != "Durata" || p.Values["kind"]["Colloquio in sede"] != "case" {
		t.Errorf("profile = %+v", p)
	}
	// A second run must not overwrite the profile the user may have edited.
	os.WriteFile(profile, []byte("# modificato\nkind = \"activities\"\n"), 0o644)
	if code, _, errOut := runCLI(t, "inspect", "--write-profile", profile, file); code != exitRuntime || !strings.Contains(errOut, "esiste già") {
		t.Errorf("overwrite: exit %d, stderr %q", code, errOut)
	}
}

func TestInspectUsage(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"inspect"}, exitUsage, "inspect vuole un file, ne ha ricevuti 0"},
		{[]string{"inspect", "a.csv", "b.csv"}, exitUsage, "ne ha ricevuti 2"},
		{[]string{"inspect", "a.csv", "--kind", "persone"}, exitUsage, `tipo "persone" non valido`},
		{[]string{"inspect", "vecchio.ods"}, exitRuntime, "formato .ods non supportato"},
		{[]string{"inspect", filepath.Join("..", "..", "ingest", "table", "testdata", "diario.xlsx"), "--sheet", "Elenco"}, exitRuntime, `foglio "Elenco" non trovato`},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", tt.args, code, errOut, tt.code, tt.stderr)
		}
	}
}
