package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// englishWords are words of English a user must never read: what Go's flag
// package, os, DuckDB and the libraries put in their errors. Each is checked
// as a whole word, lower case, after the parts a user typed are removed (see
// userText); none is an Italian word («in», «come», «file», «database» are
// Italian too and are not here).
var englishWords = []string{
	"error", "errors", "failed", "failure", "invalid", "found", "such", "cannot", "can't", "unknown",
	"usage", "flag", "flags", "provided", "defined", "argument", "needs", "the", "of", "is", "not",
	"no", "to", "and", "or", "with", "for", "from", "open", "opening", "read", "write", "permission",
	"denied", "directory", "expected", "missing", "unexpected", "exception", "catalog", "binder",
	"parser", "conversion", "syntax", "table", "does", "exist", "context", "canceled", "cancelled",
	"interrupted", "corrupt", "truncated", "header", "magic", "bytes", "version", "storage", "io",
	"eof", "value", "parse", "parsing", "range", "out", "panic", "nil", "pointer", "runtime", "goroutine",
}

var (
	// userText matches what the user typed and carico echoes — quoted
	// values, paths, options — and the values of options, which are
	// names too (json|table, new|open), and HTTP header names.
	userText = regexp.MustCompile(`«[^»]*»|"[^"]*"|'[^' ]*'|\S*[/\\]\S*|--?[a-z][a-z-]*|json\|table|json o table|new\|open|new o open|\bnew \(|\bopen \(|predefinito: table|predefinito: new|\b[A-Z][a-z]+(?:-[A-Z][a-z]+)+\b`)
	wordRE   = regexp.MustCompile(`[\p{L}']+`)
)

// englishIn returns the English words of out, if any.
func englishIn(out string) []string {
	stop := map[string]bool{}
	for _, w := range englishWords {
		stop[w] = true
	}
	var found []string
	for _, w := range wordRE.FindAllString(userText.ReplaceAllString(out, " "), -1) {
		w = strings.ToLower(strings.Trim(w, "'"))
		if stop[w] {
			found = append(found, w)
		}
	}
	return found
}

func TestEnglishIn(t *testing.T) {
	t.Parallel()
	for out, want := range map[string]int{
		"carico: opzione sconosciuta: -boh":                                 0,
		"carico: flag provided but not defined: -boh":                       4,
		`carico: apertura di "x.duckdb": IO Error: Cannot open file`:        4,
		"carico: il file del database non esiste: /tmp/a/b.duckdb":          0,
		"Uso: carico metrics --db FILE --format json|table --not-a-word":    0,
		"carico: Catalog Error: Table with name x does not exist!":          7,
		"carico: comando sconosciuto: \"the\"":                              0,
		"carico: context canceled":                                          2,
		"carico: valore non valido per --from: «32/13/2025» (gg/mm/aaaa)":   0,
		"carico: l'importazione è stata interrotta: nessuna riga importata": 0,
	} {
		if got := englishIn(out); len(got) != want {
			t.Errorf("%q: %v, want %d English words", out, got, want)
		}
	}
}

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
		if words := englishIn(stdout + "\n" + stderr); len(words) > 0 {
			t.Errorf("%v: English %v in:\n%s%s", args, words, stdout, stderr)
		}
		if testing.Verbose() {
			t.Logf("%v → %s", args[:min(2, len(args))], lastLine(stderr))
		}
	}

	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		for _, args := range dbCommands {
			var o, e bytes.Buffer
			args = append(append([]string{}, args...), "--db", good)
			if code := Run(ctx, args, strings.NewReader(""), &o, &e); code == exitOK {
				continue // finished before it looked at the context
			}
			if words := englishIn(o.String() + "\n" + e.String()); len(words) > 0 {
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
