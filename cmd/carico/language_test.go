package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carico/carico/internal/usererr"
)

// TestItalianErrors runs every command with bad invocations — a missing
// database, a truncated one, one that is not a database, unknown options
// and values, bad dates, a profile naming columns the file lacks, a
// cancelled run — and fails on English words in what the user reads.
func TestItalianErrors(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "dati"))
	t.Setenv("CARICO_DB", "")
	good := scriptDB(t, "testdata/consistency.sql")
	whole, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(dir, "troncato.duckdb")
	write(t, truncated, whole[:len(whole)/2])
	header := filepath.Join(dir, "intestazione.duckdb")
	write(t, header, whole[:4096])
	notDB := filepath.Join(dir, "non-database.duckdb")
	write(t, notDB, []byte("Operatore;Data;Durata\nRossi;01/01/2025;1:00\n"))
	missing := filepath.Join(dir, "manca", "carico.duckdb")
	key := filepath.Join(dir, "chiave")
	write(t, key, bytes.Repeat([]byte{7}, 32))
	if err := os.Chmod(key, 0o600); err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(dir, "diario.csv")
	write(t, csv, []byte("Chi;Quando;Quanto\nRossi;01/01/2025;1:00\n"))
	profile := filepath.Join(dir, "diario.toml")
	write(t, profile, []byte("name = \"Diario\"\nkind = \"activities\"\ndelimiter = \";\"\n\n[columns]\nid = \"ID intervento\"\ndate = \"Data\"\noperator = \"Operatore\"\nkind = \"Tipo attività\"\nminutes = \"Durata\"\n"))
	badTOML := filepath.Join(dir, "rotto.toml")
	write(t, badTOML, []byte("[awt\nfull_time_hours = \"trentasei\"\n"))
	out := filepath.Join(dir, "uscita")
	wrongType := filepath.Join(dir, "tipi.toml")
	write(t, wrongType, []byte("[awt]\nfull_time_hours = \"trentasei\"\n\n[[scenario]]\nname = 3\n"))
	brokenXLSX := filepath.Join(dir, "rotto.xlsx")
	write(t, brokenXLSX, []byte("PK\x03\x04 non è davvero un file xlsx"))

	dbCommands := [][]string{
		{"metrics"}, {"analyze"}, {"weights", "--out", out}, {"allocate", "--area", "anziani", "--complexity", "media", "--comune", "016001"},
		{"statement", "--operator", "as1", "--out", out}, {"report", "--out", out}, {"plan", "forecast"}, {"plan", "scenario"},
		{"plan", "zones"}, {"export", "--csv", out, "--secret", key},
	}
	var cases [][]string
	for _, c := range dbCommands {
		for _, db := range []string{missing, truncated, header, notDB} {
			cases = append(cases, append(append([]string{}, c...), "--db", db))
		}
		cases = append(cases,
			append(append([]string{}, c...), "--db", good, "--boh"),
			append(append([]string{}, c...), "--db"),
			append(append([]string{}, c...), "--db", good, "argomento"),
			append(append([]string{}, c...), "--db", good, "--config", badTOML),
			append(append([]string{}, c...), "--db", good, "--config", filepath.Join(dir, "manca.toml")),
		)
	}
	for _, c := range [][]string{{"metrics"}, {"analyze"}, {"weights", "--out", out}, {"statement", "--operator", "as1", "--out", out}, {"report", "--out", out}} {
		cases = append(cases,
			append(append([]string{}, c...), "--db", good, "--from", "32/13/2025", "--to", "31/12/2025"),
			append(append([]string{}, c...), "--db", good, "--from", "31/12/2025", "--to", "01/01/2025"),
			append(append([]string{}, c...), "--db", good, "--from", "01/01/2025"),
		)
	}
	cases = append(cases,
		[]string{"metrics", "--db", good, "--format", "xml"},
		[]string{"metrics", "--db", good, "--at", "ieri"},
		[]string{"metrics", "--db", good, "--panel-weights", filepath.Join(dir, "manca.toml")},
		[]string{"analyze", "--db", good, "--audience", "giunta"},
		[]string{"allocate", "--db", good, "--area", "boh", "--complexity", "media", "--comune", "016001"},
		[]string{"allocate", "--db", good, "--area", "anziani", "--complexity", "enorme", "--comune", "016001"},
		[]string{"allocate", "--db", good, "--area", "anziani", "--complexity", "media", "--comune", "Atlantide"},
		[]string{"statement", "--db", good, "--operator", "nessuno", "--out", out},
		[]string{"statement", "--db", good, "--operator", "as1", "--out", out, "--data", "domani"},
		[]string{"report", "--db", good, "--out", out, "--audience", "giunta"},
		[]string{"report", "--db", good, "--out", out, "--audience", "operatore"},
		[]string{"report", "--db", good, "--out", out, "--scenarios", filepath.Join(dir, "manca.toml")},
		[]string{"report", "--db", good, "--out", out, "--scenarios", badTOML},
		[]string{"plan"},
		[]string{"plan", "boh"},
		[]string{"plan", "forecast", "--db", good, "--measure", "boh"},
		[]string{"plan", "forecast", "--db", good, "--horizon", "dodici"},
		[]string{"plan", "forecast", "--db", good, "--horizon", "400"},
		[]string{"plan", "scenario", "--db", good, "--scenarios", badTOML},
		[]string{"import", "--db", good, "--kind", "boh", csv},
		[]string{"import", "--db", good, "--kind", "activities", "--secret", key, filepath.Join(dir, "manca.csv")},
		[]string{"import", "--db", good, "--kind", "activities", "--secret", key, "--profile", profile, csv},
		[]string{"import", "--db", good, "--kind", "activities", "--secret", key, "--profile", badTOML, csv},
		[]string{"import", "--db", truncated, "--kind", "activities", "--secret", key, "--profile", profile, csv},
		[]string{"import", "--db", notDB, "--kind", "activities", "--secret", key, "--profile", profile, csv},
		[]string{"import", "--db", good, "--kind", "activities", "--secret", filepath.Join(dir, "manca.key"), "--profile", profile, csv},
		[]string{"import", "--db", good},
		[]string{"import", "--db", good, "--kind", "activities", "--secret", key, "--profile", profile, truncated},
		[]string{"import", "--db", good, "--kind", "activities", "--secret", key, "--profile", profile, brokenXLSX},
		[]string{"inspect", brokenXLSX},
		[]string{"metrics", "--parquet", filepath.Join(dir, "manca")},
		[]string{"metrics", "--parquet", dir},
		[]string{"weights", "--db", good, "--out", out, "--panel", brokenXLSX},
		[]string{"metrics", "--db", good, "--config", wrongType},
		[]string{"plan", "scenario", "--db", good, "--scenarios", wrongType},
		[]string{"demo", "--out", dir},
		[]string{"inspect"},
		[]string{"inspect", filepath.Join(dir, "manca.csv")},
		[]string{"inspect", "--kind", "boh", csv},
		[]string{"inspect", truncated},
		[]string{"sample"},
		[]string{"sample", "--out", out, "--seed", "abc"},
		[]string{"demo", "--seed", "abc"},
		[]string{"demo", "--out", filepath.Join(dir, "chiave")},
		[]string{"serve", "--db", truncated},
		[]string{"serve", "--db", notDB},
		[]string{"serve", "--boh"},
		[]string{"serve", "--db", good, "--addr", "nessun-indirizzo"},
		[]string{"export", "--db", good},
		[]string{"export", "--db", good, "--clickhouse", "http://127.0.0.1:1", "--secret", key},
		[]string{"version", "--boh"},
		[]string{"help", "boh"},
		[]string{"--boh"},
	)
	for _, args := range cases {
		code, stdout, stderr := runCLI(t, args...)
		if code == exitOK {
			t.Errorf("%v: exit 0, want an error", args)
		}
		if words := usererr.English(stdout + "\n" + stderr); len(words) > 0 {
			t.Errorf("%v: English %v in:\n%s%s", args, words, stdout, stderr)
		}
		if testing.Verbose() {
			t.Logf("%v → %s", args[:min(2, len(args))], lastLine(stderr))
		}
	}

	t.Run("technical detail on request", func(t *testing.T) {
		t.Setenv(debugEnv, "1")
		_, _, stderr := runCLI(t, "metrics", "--db", truncated)
		if !strings.Contains(stderr, "troncato o danneggiato") || !strings.Contains(stderr, "dettaglio tecnico") || !strings.Contains(stderr, "IO Error") {
			t.Errorf("with %s the detail is missing:\n%s", debugEnv, stderr)
		}
	})

	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		for _, args := range dbCommands {
			var o, e bytes.Buffer
			args = append(append([]string{}, args...), "--db", good)
			if code := Run(ctx, args, strings.NewReader(""), &o, &e); code == exitOK {
				continue // finished before it looked at the context
			}
			if words := usererr.English(o.String() + "\n" + e.String()); len(words) > 0 {
				t.Errorf("%v cancelled: English %v in:\n%s%s", args, words, o.String(), e.String())
			}
		}
	})
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if l := lines[len(lines)-1]; strings.HasPrefix(l, "Usare «carico help»") && len(lines) > 1 {
		return lines[len(lines)-2]
	}
	return lines[len(lines)-1]
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
