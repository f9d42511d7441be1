package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestAnalyzeCommand(t *testing.T) {
	path := fixtureDB(t)
	code, out, errOut := runCLI(t, "analyze", "--db", path, "--from", "01/01/2025", "--to", "2025-12-31", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// The documented contract (docs/analytics.md), read as a consumer would.
	var a struct {
		Audience string `json:"audience"`
		Flows    []struct {
			Month   string `json:"month"`
			Opened  int    `json:"opened"`
			Closed  int    `json:"closed"`
			OpenEnd int    `json:"open_end"`
		} `json:"flows"`
		ClosedByReason map[string]int `json:"closed_by_reason"`
		Timeliness     struct {
			TermDays        int      `json:"term_days"`
			Decisions       int      `json:"decisions"`
			OverTerm        int      `json:"over_term"`
			MedianDays      *float64 `json:"median_days"`
			P90Days         *float64 `json:"p90_days"`
			PendingOverTerm int      `json:"pending_over_term"`
		} `json:"timeliness"`
		Audit []struct {
			Rule        string   `json:"rule"`
			Count       int      `json:"count"`
			Share       *float64 `json:"share"`
			Severity    string   `json:"severity"`
			Description string   `json:"description"`
			Findings    []struct {
				CaseID     string `json:"case_id"`
				ActivityID string `json:"activity_id"`
			} `json:"findings"`
		} `json:"audit"`
		Balance struct {
			Roles []struct {
				Role string `json:"role"`
			} `json:"roles"`
		} `json:"balance"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	// model/testdata/ambito.sql: 2025 opens c1 (10/01), c4 (01/02), c8
	// (01/03) and c2 (30/06); c3 closes on 29/06 and c1 on 30/06, both
	// without a reason. Open at the end of 31/12/2024: c3, c5, c6, c7.
	want := map[string][3]int{"2025-01": {1, 0, 5}, "2025-02": {1, 0, 6}, "2025-03": {1, 0, 7}, "2025-06": {1, 2, 6}, "2025-12": {0, 0, 6}}
	if len(a.Flows) != 12 || a.Audience != "responsabile" {
		t.Fatalf("%d months, audience %q", len(a.Flows), a.Audience)
	}
	for _, m := range a.Flows {
		if w, ok := want[m.Month]; ok && [3]int{m.Opened, m.Closed, m.OpenEnd} != w {
			t.Errorf("%s: %d %d %d, want %v", m.Month, m.Opened, m.Closed, m.OpenEnd, w)
		}
	}
	if a.ClosedByReason["non_indicato"] != 2 || a.Timeliness.TermDays != 30 || a.Timeliness.Decisions != 0 || a.Timeliness.MedianDays != nil {
		t.Errorf("closed_by_reason %v, timeliness %+v", a.ClosedByReason, a.Timeliness)
	}
	rules := map[string]int{}
	for _, r := range a.Audit {
		rules[r.Rule] = r.Count
		if r.Severity == "" || r.Description == "" {
			t.Errorf("rule %s without severity or description", r.Rule)
		}
	}
	// c8 has no operator; a10 (01/07) follows c1's closure (30/06);
	// dormant are c6 (last entry 01/06/2024, 578 days before 31/12/2025)
	// and c5 (no entry since its opening in 2023), not c7 (15/01/2025, 350
	// days).
	for rule, n := range map[string]int{"no_operator": 1, "activity_after_close": 1, "dormant": 2, "operator_gone": 0} {
		if rules[rule] != n {
			t.Errorf("rule %s: %d, want %d", rule, rules[rule], n)
		}
	}
	if len(a.Balance.Roles) == 0 {
		t.Error("no balance by role")
	}

	// The council's audience goes only through the protected report: the
	// tables and the JSON print raw counts (a dormant count of 2 here).
	for _, format := range []string{"json", "table"} {
		code, out, errOut = runCLI(t, "analyze", "--db", path, "--from", "01/01/2025", "--to", "31/12/2025", "--format", format, "--audience", "politico")
		if code == exitOK || out != "" || !strings.Contains(errOut, "report --audience politico") {
			t.Errorf("politico %s: exit %d, %d bytes out, stderr %q: want a refusal naming the report", format, code, len(out), errOut)
		}
	}

	code, out, errOut = runCLI(t, "analyze", "--db", path, "--from", "01/01/2025", "--to", "31/12/2025")
	if code != exitOK {
		t.Fatalf("table: exit %d: %s", code, errOut)
	}
	for _, s := range []string{"Flussi delle cartelle", "Tempi dei procedimenti", "Controlli sulla cartella sociale", "no_operator: primi 1 di 1", "Equità del carico", "Rossi Maria"} {
		if !strings.Contains(out, s) {
			t.Errorf("table lacks %q:\n%s", s, out)
		}
	}
}

func TestAnalyzeUsage(t *testing.T) {
	t.Setenv("CARICO_DB", filepath.Join(t.TempDir(), "nessuno-predefinito.duckdb"))
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"analyze"}, exitRuntime, "nessuno-predefinito.duckdb non trovato"},
		{[]string{"analyze", "--db", "x.duckdb", "--format", "xml"}, exitUsage, "formato \"xml\" non valido"},
		{[]string{"analyze", "--db", "x.duckdb", "--audience", "giunta"}, exitUsage, "destinatario \"giunta\" non valido"},
		{[]string{"analyze", "--db", "x.duckdb", "--from", "01/01/2025"}, exitUsage, "--from e --to vanno indicati insieme"},
		{[]string{"analyze", "--db", "x.duckdb", "--at", "31/02/2025"}, exitUsage, "--at: data \"31/02/2025\" non valida"},
		{[]string{"analyze", "--db", "x.duckdb", "--config", "/nonexistent.toml"}, exitRuntime, "file non leggibile"},
		{[]string{"analyze", "--db", "/nonexistent/x.duckdb"}, exitRuntime, "non trovato"},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", tt.args, code, errOut, tt.code, tt.stderr)
		}
	}
}
