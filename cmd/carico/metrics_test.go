package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carico/carico/store"
)

// fixtureDB writes the model's hand-built Ambito to a database file.
func fixtureDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "carico.duckdb")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile("../../model/testdata/ambito.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(context.Background(), string(script)); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestMetricsCommand(t *testing.T) {
	path := fixtureDB(t)

	code, out, errOut := runCLI(t, "metrics", "--db", path, "--from", "01/01/2025", "--to", "2025-06-30", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var m struct {
		Period    struct{ From, To, At string }
		Operators []struct {
			ID        string  `json:"id"`
			OpenCases int     `json:"open_cases"`
			FTE       float64 `json:"fte"`
			Status    string  `json:"status"`
		}
		Comuni []struct {
			ISTAT string   `json:"istat"`
			Ratio *float64 `json:"residents_per_social_worker"`
		}
		Ambito struct {
			Contribution float64 `json:"contribution_eur"`
		}
		Staffing struct {
			WISN struct {
				Required float64 `json:"required_fte"`
			} `json:"wisn"`
		}
	}
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out)
	}
	if m.Period.From != "2025-01-01" || m.Period.At != "2025-06-30" || len(m.Operators) != 5 || m.Ambito.Contribution <= 0 || m.Staffing.WISN.Required <= 0 {
		t.Errorf("unexpected metrics: %+v", m)
	}

	code, out, errOut = runCLI(t, "metrics", "--db", path, "--at", "30/06/2025")
	if code != exitOK {
		t.Fatalf("table: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"OPERATORI", "Rossi Maria", "Comune C", "n.d.", "Contributo statale annuo sulla fotografia alla data di riferimento (non è il prospetto SIOSS, che conta gli FTE medi dell'anno): € ", "WISN — Assistente sociale", "[Critico] Comune C: Nessun assistente sociale"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestMetricsUsage(t *testing.T) {
	t.Setenv("CARICO_DB", filepath.Join(t.TempDir(), "nessuno-predefinito.duckdb"))
	path := fixtureDB(t)
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"metrics"}, exitRuntime, "nessuno-predefinito.duckdb non trovato"},
		{[]string{"metrics", "--db", path, "--format", "xml"}, exitUsage, "formato"},
		{[]string{"metrics", "--db", path, "--at", "31/02/2025"}, exitUsage, "data \"31/02/2025\" non valida"},
		{[]string{"metrics", "--db", path, "--from", "01/01/2025"}, exitUsage, "insieme"},
		{[]string{"metrics", "--db", filepath.Join(t.TempDir(), "nessuno.duckdb")}, exitRuntime, "non trovato"},
		{[]string{"metrics", "--db", path, "--config", filepath.Join(t.TempDir(), "manca.toml")}, exitRuntime, "configurazione"},
	} {
		code, _, errOut := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, tt.code, tt.msg)
		}
	}
}
