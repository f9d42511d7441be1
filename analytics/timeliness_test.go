package analytics

import (
	"context"
	"strings"
	"testing"

	"github.com/carico/carico/facts"
)

// timelinessFixture: the term is 30 days. Decided in 2025, in days from
// application to decision: 0, 30 (within), 31 and 90 (over); one decided in
// 2024 and one dated before its application are left out. At 31/12/2025,
// p1 has waited 30 days (within), p2 31 (over), p3 91 with a decision
// only in 2026 (pending at the reference date, over); p4's cartella closed
// on the reference date and p5 applied after it.
var timelinessFixture = []string{
	kase{id: "t0", initiative: "istanza", opened: "2025-05-10", application: "2025-05-10", decision: "2025-05-10"}.sql(),
	kase{id: "t30", initiative: "istanza", opened: "2025-03-01", application: "2025-03-01", decision: "2025-03-31"}.sql(),
	kase{id: "t31", initiative: "istanza", opened: "2025-03-01", application: "2025-03-01", decision: "2025-04-01"}.sql(),
	kase{id: "t90", initiative: "altro_ente", opened: "2025-01-01", application: "2025-01-01", decision: "2025-04-01"}.sql(),
	kase{id: "tPrev", initiative: "istanza", opened: "2024-12-01", application: "2024-12-01", decision: "2024-12-20"}.sql(),
	kase{id: "tNeg", initiative: "istanza", opened: "2025-06-01", application: "2025-06-10", decision: "2025-06-01"}.sql(),
	kase{id: "p1", initiative: "istanza", opened: "2025-12-01", application: "2025-12-01"}.sql(),
	kase{id: "p2", initiative: "istanza", opened: "2025-11-30", application: "2025-11-30"}.sql(),
	kase{id: "p3", initiative: "altro_ente", opened: "2025-10-01", application: "2025-10-01", decision: "2026-01-15"}.sql(),
	kase{id: "p4", initiative: "istanza", opened: "2025-10-01", application: "2025-10-01", closed: "2025-12-31"}.sql(),
	kase{id: "p5", initiative: "istanza", opened: "2026-01-02", application: "2026-01-02"}.sql(),
	kase{id: "noApp", initiative: "ufficio", opened: "2025-02-01", decision: "2025-02-05"}.sql(), // no application: not a procedure here
}

func TestTimeliness(t *testing.T) {
	tm := analyze2025(t, newDB(t, timelinessFixture...), nil).Timeliness
	// Days [0, 30, 31, 90]: median (30 + 31) ÷ 2 = 30.5; p90 at rank
	// 0.9 × 3 = 2.7 → 31 + 0.7 × (90 − 31) = 72.3.
	want := TimelinessFigures{Decisions: 4, WithinTerm: 2, OverTerm: 2, Pending: 3, PendingOverTerm: 2, DecisionBeforeApplication: 1}
	got := tm.TimelinessFigures
	got.MedianDays, got.P90Days = nil, nil
	if tm.TermDays != 30 || got != want {
		t.Errorf("term %d, figures %+v; want 30, %+v", tm.TermDays, got, want)
	}
	if !near(tm.MedianDays, 30.5) || !near(tm.P90Days, 72.3) {
		t.Errorf("median %s, p90 %s; want 30.5, 72.3", fmtPtr(tm.MedianDays), fmtPtr(tm.P90Days))
	}
	if len(tm.ByInitiative) != 2 || tm.ByInitiative[0].Initiative != "altro_ente" || tm.ByInitiative[1].Initiative != "istanza" {
		t.Fatalf("by initiative: %+v", tm.ByInitiative)
	}
	if ae := tm.ByInitiative[0]; ae.Decisions != 1 || ae.OverTerm != 1 || ae.PendingOverTerm != 1 || ae.TermDays != 30 {
		t.Errorf("altro_ente: %+v", ae)
	}
}

// TestTimelinessTermPerInitiative: a 90-day term for requests of other
// bodies (as an ente's regolamento may set, L. 241/1990 art. 2 c. 3) makes
// t90 (decided on day 90) on time and p3 (pending 91 days) late.
func TestTimelinessTermPerInitiative(t *testing.T) {
	cfg, err := ParseConfig("test.toml", []byte("[timeliness.terms]\naltro_ente = 90\n"))
	if err != nil {
		t.Fatal(err)
	}
	tm := analyze2025(t, newDB(t, timelinessFixture...), cfg).Timeliness
	ae := tm.ByInitiative[0]
	if ae.TermDays != 90 || ae.OverTerm != 0 || ae.WithinTerm != 1 || ae.PendingOverTerm != 1 {
		t.Errorf("altro_ente with 90 days: %+v", ae)
	}
	if tm.OverTerm != 1 || tm.PendingOverTerm != 2 {
		t.Errorf("all: over %d, pending over %d; want 1, 2", tm.OverTerm, tm.PendingOverTerm)
	}
}

func TestOneConfigFile(t *testing.T) {
	c, err := ParseConfig("x.toml", []byte("[awt]\nfull_time_hours = 38\n[caseload]\ndormant_days = 200\n[timeliness]\ndefault_term_days = 60\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Model.AWT.FullTimeHours != 38 || c.Model.Caseload.DormantDays != 200 || c.Timeliness.DefaultTermDays != 60 || c.Model.AWT.LeaveDays != 32 {
		t.Errorf("one file for model and analysis: %+v %+v", c.Model.AWT, c.Timeliness)
	}
}

func TestConfig(t *testing.T) {
	def := DefaultConfig()
	if def.Timeliness.DefaultTermDays != 30 || def.TermDays("istanza") != 30 || def.Model.Caseload.DormantDays != 365 {
		t.Errorf("defaults: %+v", def)
	}
	tests := []struct {
		text    string
		wantErr string
	}{
		{"[timeliness.terms]\nistanza = 90\n", ""},
		{"[timeliness]\ndefault_term_days = 181\n", "tra 1 e 180"},
		{"[timeliness.terms]\nboh = 30\n", "iniziativa sconosciuta"},
		{"[audit]\ndormant = 10\n", "chiave sconosciuta"},
		{"[audit]\ndormant_days = 10\n", "chiave sconosciuta"}, // one key: [caseload] of the model
		{"[audit]\ncoverage_roles = [\"medico\"]\n", "ruolo sconosciuto"},
		{"[timeliness\n", "configurazione"},
		{"[awt]\nfull_time_hours = 0\n", "full_time_hours"}, // the model's sections, in the same file
	}
	for _, tt := range tests {
		c, err := ParseConfig("x.toml", []byte(tt.text))
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%q: %v", tt.text, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%q: error %v, want %q", tt.text, err, tt.wantErr)
		case tt.wantErr == "" && (c.TermDays("istanza") != 90 || c.TermDays("altro_ente") != 30 || c.Audit.MaxFindings != def.Audit.MaxFindings):
			t.Errorf("%q: override not key by key: %+v", tt.text, c.Timeliness)
		}
	}
}

// istanzeFixture: cartella m has three istanze of the istanze kind — 42
// days to decision («Assistenza domiciliare»), 19 days, and one pending 11
// days at 31/12/2025; cartella s2 records an istanza in its own columns
// (9 days) and one of the istanze kind (61 days), which replaces it; only
// records one in its own columns (5 days).
var istanzeFixture = []string{
	kase{id: "m", initiative: "istanza", opened: "2025-01-01"}.sql(),
	kase{id: "s2", initiative: "istanza", opened: "2025-04-01", application: "2025-04-01", decision: "2025-04-10"}.sql(),
	kase{id: "only", initiative: "ufficio", opened: "2025-03-01", application: "2025-03-01", decision: "2025-03-06"}.sql(),
	`INSERT INTO istanza VALUES
		('m', '2025-02-01', 'P1', 'Assistenza domiciliare', '2025-03-15', 'accolta', NULL),
		('m', '2025-06-01', 'P2', 'Contributo economico', '2025-06-20', 'respinta', NULL),
		('m', '2025-12-20', 'P3', 'Contributo economico', NULL, NULL, NULL),
		('s2', '2025-05-01', '', '', '2025-07-01', NULL, NULL)`,
}

// TestTimelinessIstanze: the procedures are every istanza (facts.LoadIstanze),
// many per cartella; a cartella's own columns count only when the istanze
// kind says nothing of it; a type of procedure's term comes before its
// initiative's.
func TestTimelinessIstanze(t *testing.T) {
	db := newDB(t, istanzeFixture...)
	list, err := facts.LoadIstanze(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, i := range list {
		got = append(got, i.CaseID+" "+i.Received.Format("2006-01-02")+" "+i.Source)
	}
	want := "m 2025-02-01 istanze|m 2025-06-01 istanze|m 2025-12-20 istanze|only 2025-03-01 cartella|s2 2025-05-01 istanze"
	if strings.Join(got, "|") != want {
		t.Errorf("istanze:\n%s\nwant:\n%s", strings.Join(got, "|"), want)
	}

	tm := analyze2025(t, db, nil).Timeliness
	if tm.Decisions != 4 || tm.WithinTerm != 2 || tm.OverTerm != 2 || tm.Pending != 1 || tm.PendingOverTerm != 0 {
		t.Errorf("30 days for all: %+v", tm.TimelinessFigures)
	}
	cfg, err := ParseConfig("test.toml", []byte("[timeliness.procedures]\n\"Assistenza domiciliare\" = 60\n"))
	if err != nil {
		t.Fatal(err)
	}
	tm = analyze2025(t, db, cfg).Timeliness
	if tm.Decisions != 4 || tm.WithinTerm != 3 || tm.OverTerm != 1 {
		t.Errorf("60 days for «Assistenza domiciliare»: %+v", tm.TimelinessFigures)
	}
	if _, err := ParseConfig("test.toml", []byte("[timeliness.procedures]\nSAD = 200\n")); err == nil || !strings.Contains(err.Error(), "procedimento «SAD»") {
		t.Errorf("a term of 200 days: %v", err)
	}
}
