package analytics

import (
	"slices"
	"sort"
	"testing"

	"github.com/carico/carico/model"
)

// TestAuditRules checks every SQL audit rule on hand-built records. Each
// fixture holds offending and boundary records; want lists the ids (case,
// or activity for activity rules) that must be flagged, denominator the
// records the share is taken over.
func TestAuditRules(t *testing.T) {
	tests := []struct {
		rule        string
		fixture     []string
		want        []string
		denominator int
	}{
		{
			rule: "dormant",
			fixture: []string{
				kase{id: "c365", opened: "2020-01-01", operator: "op1"}.sql(),
				act{id: "a365", day: "2024-12-31", caseID: "c365", minutes: 30}.sql(), // exactly 365 days: dormant
				kase{id: "c364", opened: "2020-01-01", operator: "op1"}.sql(),
				act{id: "a364", day: "2025-01-01", caseID: "c364", minutes: 30}.sql(),                   // 364 days: not dormant
				kase{id: "never365", opened: "2024-12-31", operator: "op1"}.sql(),                       // no entry, opened 365 days ago: dormant
				kase{id: "never364", opened: "2025-01-01", operator: "op1"}.sql(),                       // no entry, opened 364 days ago
				kase{id: "closedAt", opened: "2020-01-01", closed: "2025-12-31", operator: "op1"}.sql(), // closed on the reference date: not open
				act{id: "aClosed", day: "2023-01-01", caseID: "closedAt", minutes: 30}.sql(),
				kase{id: "later", opened: "2020-01-01", operator: "op1"}.sql(),
				act{id: "aOld", day: "2024-06-01", caseID: "later", minutes: 30}.sql(),
				act{id: "aAfterAt", day: "2026-01-05", caseID: "later", minutes: 30}.sql(), // after the reference date: ignored
			},
			want:        []string{"c365", "later", "never365"},
			denominator: 5,
		},
		{
			rule: "no_operator",
			fixture: []string{
				kase{id: "ok", opened: "2024-01-01", operator: "op1"}.sql(),
				kase{id: "none", opened: "2024-01-01"}.sql(),
				// The history ends before the reference date: the case's own
				// operator_id does not count once a history exists.
				kase{id: "ended", opened: "2024-01-01", operator: "op1"}.sql(),
				assign("ended", "op1", "2024-01-01", "2025-06-30"),
				kase{id: "moved", opened: "2024-01-01", operator: "op2"}.sql(),
				assign("moved", "gone", "2024-01-01", "2025-06-30"),
				assign("moved", "op2", "2025-07-01", ""),
			},
			want:        []string{"ended", "none"},
			denominator: 4,
		},
		{
			rule: "operator_gone",
			fixture: []string{
				kase{id: "ok", opened: "2024-01-01", operator: "op1"}.sql(),
				kase{id: "left", opened: "2024-01-01", operator: "gone"}.sql(),      // ended 30/06/2025
				kase{id: "ghost", opened: "2024-01-01", operator: "ghost"}.sql(),    // not in the roster
				kase{id: "lastDay", opened: "2024-01-01", operator: "endsAt"}.sql(), // ends ON the reference date: in service
				kase{id: "history", opened: "2024-01-01", operator: "op1"}.sql(),
				assign("history", "gone", "2024-01-01", ""),
			},
			want:        []string{"ghost", "history", "left"},
			denominator: 5,
		},
		{
			rule: "missing_area",
			fixture: []string{
				kase{id: "noArea", opened: "2024-01-01", initiative: "ufficio"}.sql(),
				kase{id: "noAreaBefore", opened: "2023-01-01", closed: "2024-12-31", initiative: "ufficio"}.sql(), // not active in 2025
				kase{id: "closedFirstDay", area: "anziani", opened: "2023-01-01", closed: "2025-01-01", initiative: "ufficio"}.sql(),
				kase{id: "noAreaAfter", opened: "2026-01-10", initiative: "ufficio"}.sql(),
				kase{id: "fine", area: "anziani", opened: "2025-05-01", initiative: "ufficio"}.sql(),
			},
			want:        []string{"noArea"},
			denominator: 3,
		},
		{
			rule: "missing_initiative",
			fixture: []string{
				kase{id: "noInit", area: "anziani", opened: "2024-01-01"}.sql(),
				kase{id: "fine", area: "anziani", opened: "2024-01-01", initiative: "altro_ente"}.sql(),
			},
			want:        []string{"noInit"},
			denominator: 2,
		},
		{
			rule: "missing_application",
			fixture: []string{
				kase{id: "noDate", area: "anziani", opened: "2024-01-01", initiative: "istanza"}.sql(),
				kase{id: "dated", area: "anziani", opened: "2024-01-01", initiative: "istanza", application: "2023-12-20"}.sql(),
				kase{id: "office", area: "anziani", opened: "2024-01-01", initiative: "ufficio"}.sql(), // needs no istanza
			},
			want:        []string{"noDate"},
			denominator: 2,
		},
		{
			rule: "activity_before_open",
			fixture: []string{
				kase{id: "k", opened: "2025-03-01", closed: "2025-09-30"}.sql(),
				act{id: "before", day: "2025-02-28", caseID: "k", minutes: 30}.sql(),
				act{id: "openDay", day: "2025-03-01", caseID: "k", minutes: 30}.sql(),
				act{id: "closeDay", day: "2025-09-30", caseID: "k", minutes: 30}.sql(),
				act{id: "after", day: "2025-10-01", caseID: "k", minutes: 30}.sql(),
				act{id: "outside", day: "2024-12-31", caseID: "k", minutes: 30}.sql(), // before the period: not audited
				act{id: "community", day: "2025-05-05", kind: "community", minutes: 30}.sql(),
			},
			want:        []string{"before"},
			denominator: 4,
		},
		{
			rule: "activity_after_close",
			fixture: []string{
				kase{id: "k", opened: "2025-03-01", closed: "2025-09-30"}.sql(),
				act{id: "openDay", day: "2025-03-01", caseID: "k", minutes: 30}.sql(),
				act{id: "closeDay", day: "2025-09-30", caseID: "k", minutes: 30}.sql(),
				act{id: "after", day: "2025-10-01", caseID: "k", minutes: 30}.sql(),
			},
			want:        []string{"after"},
			denominator: 3,
		},
		{
			rule: "unknown_case",
			fixture: []string{
				kase{id: "k", opened: "2025-03-01"}.sql(),
				act{id: "known", day: "2025-03-02", caseID: "k", minutes: 30}.sql(),
				act{id: "orphan", day: "2025-03-02", caseID: "nope", minutes: 30}.sql(),
			},
			want:        []string{"orphan"},
			denominator: 2,
		},
		{
			rule: "future_date",
			fixture: []string{
				`INSERT INTO import_batch (id, file, sha256, kind, started_at) VALUES (1, 'diario.csv', 'x', 'activities', '2025-06-15 10:00:00')`,
				act{id: "dayAfterImport", day: "2025-06-16", batch: "1", minutes: 30, kind: "admin"}.sql(),
				act{id: "importDay", day: "2025-06-15", batch: "1", minutes: 30, kind: "admin"}.sql(),
				act{id: "afterAt", day: "2026-01-01", minutes: 30, kind: "admin"}.sql(), // no batch: compared with the reference date
				act{id: "onAt", day: "2025-12-31", minutes: 30, kind: "admin"}.sql(),
				kase{id: "decidedLater", opened: "2025-01-01", application: "2025-01-01", decision: "2025-07-01", batch: "1"}.sql(),
				kase{id: "closedAt", opened: "2025-01-01", closed: "2025-12-31"}.sql(),
			},
			want:        []string{"afterAt", "dayAfterImport", "decidedLater"},
			denominator: 6,
		},
		{
			rule: "holiday_activity",
			fixture: []string{
				act{id: "natale", day: "2025-12-25", kind: "admin", minutes: 30}.sql(),
				act{id: "pasquetta", day: "2025-04-21", kind: "admin", minutes: 30}.sql(), // Easter 2025 fell on 20 April
				act{id: "patronSeriate", day: "2025-08-31", kind: "admin", minutes: 30}.sql(),
				act{id: "sameDayAlbano", day: "2025-08-31", kind: "admin", istat: "016003", minutes: 30}.sql(),
				act{id: "workday", day: "2025-04-22", kind: "admin", minutes: 30}.sql(),
				act{id: "noComune", day: "2025-06-03", kind: "admin", istat: "-", minutes: 30}.sql(),
				act{id: "repubblica", day: "2025-06-02", kind: "admin", istat: "-", minutes: 30}.sql(),
				act{id: "natale2024", day: "2024-12-25", kind: "admin", minutes: 30}.sql(), // outside the period
			},
			want:        []string{"natale", "pasquetta", "patronSeriate", "repubblica"},
			denominator: 7,
		},
		{
			rule: "duplicate_open",
			fixture: []string{
				kase{id: "d1", person: "P1", area: "anziani", opened: "2024-01-01"}.sql(),
				kase{id: "d2", person: "P1", area: "anziani", opened: "2025-02-01"}.sql(),
				kase{id: "d3", person: "P1", area: "disabili", opened: "2025-02-01"}.sql(),
				kase{id: "d4", person: "P2", area: "anziani", opened: "2024-01-01"}.sql(),
				kase{id: "d5", person: "P2", area: "anziani", opened: "2024-01-01", closed: "2025-05-01"}.sql(),
				kase{id: "d6", person: "P3", opened: "2024-01-01"}.sql(), // area unknown: not compared
				kase{id: "d7", person: "P3", opened: "2024-01-01"}.sql(),
			},
			want:        []string{"d1", "d2"},
			denominator: 6,
		},
		{
			rule: "decision_over_term",
			fixture: []string{
				kase{id: "day30", opened: "2025-03-01", initiative: "istanza", application: "2025-03-01", decision: "2025-03-31"}.sql(),
				kase{id: "day31", opened: "2025-03-01", initiative: "istanza", application: "2025-03-01", decision: "2025-04-01"}.sql(),
			},
			want:        []string{"day31"},
			denominator: 2,
		},
		{
			rule: "pending_over_term",
			fixture: []string{
				kase{id: "day30", opened: "2025-12-01", initiative: "istanza", application: "2025-12-01"}.sql(),
				kase{id: "day31", opened: "2025-11-30", initiative: "istanza", application: "2025-11-30"}.sql(),
			},
			want:        []string{"day31"},
			denominator: 2,
		},
		{
			rule: "closed_without_decision",
			fixture: []string{
				kase{id: "noDecision", opened: "2025-02-01", closed: "2025-06-30", initiative: "istanza", application: "2025-02-01"}.sql(),
				kase{id: "decidedAfter", opened: "2025-02-01", closed: "2025-06-30", initiative: "altro_ente", application: "2025-02-01", decision: "2025-07-01"}.sql(),
				kase{id: "decidedSameDay", opened: "2025-02-01", closed: "2025-06-30", initiative: "istanza", application: "2025-02-01", decision: "2025-06-30"}.sql(),
				kase{id: "otherBodyNone", opened: "2025-02-01", closed: "2025-12-31", initiative: "altro_ente"}.sql(),
				kase{id: "office", opened: "2025-02-01", closed: "2025-06-30", initiative: "ufficio"}.sql(),         // d'ufficio: no istanza to answer
				kase{id: "noInitiative", opened: "2025-02-01", closed: "2025-06-30"}.sql(),                          // initiative unknown: another rule
				kase{id: "closedBefore", opened: "2024-02-01", closed: "2024-12-31", initiative: "istanza"}.sql(),   // closed before the period
				kase{id: "stillOpen", opened: "2025-02-01", initiative: "istanza", application: "2025-02-01"}.sql(), // not closed: pending rules
			},
			want:        []string{"decidedAfter", "noDecision", "otherBodyNone"},
			denominator: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			a := analyze2025(t, newDB(t, tt.fixture...), nil)
			r := rule(t, a, tt.rule)
			var got []string
			for _, f := range r.Findings {
				id := f.CaseID
				if f.ActivityID != "" {
					id = f.ActivityID
				}
				got = append(got, id)
			}
			sort.Strings(got)
			if r.Count != len(tt.want) || !slices.Equal(got, tt.want) {
				t.Errorf("count %d, findings %v; want %d %v", r.Count, got, len(tt.want), tt.want)
			}
			if r.Denominator != tt.denominator {
				t.Errorf("denominator %d, want %d", r.Denominator, tt.denominator)
			}
			if want := float64(len(tt.want)) / float64(tt.denominator); !near(r.Share, want) {
				t.Errorf("share %s, want %.4f", fmtPtr(r.Share), want)
			}
			if r.Severity == "" || r.Description == "" || r.Base == "" {
				t.Errorf("rule without severity, description or base: %+v", r)
			}
		})
	}
}

func TestAuditFindingsCapped(t *testing.T) {
	var fixture []string
	for _, id := range []string{"n1", "n2", "n3"} {
		fixture = append(fixture, kase{id: id, opened: "2024-01-01"}.sql())
	}
	cfg := DefaultConfig()
	cfg.Audit.MaxFindings = 2
	r := rule(t, analyze2025(t, newDB(t, fixture...), cfg), "no_operator")
	if r.Count != 3 || len(r.Findings) != 2 || !r.FindingsTruncated {
		t.Errorf("count %d, %d findings, truncated %v; want 3, 2, true", r.Count, len(r.Findings), r.FindingsTruncated)
	}
	cfg.Audit.MaxFindings = 0
	r = rule(t, analyze2025(t, newDB(t, fixture...), cfg), "no_operator")
	if r.Count != 3 || len(r.Findings) != 0 {
		t.Errorf("max_findings 0: count %d, %d findings; want 3, 0", r.Count, len(r.Findings))
	}
}

// TestLowCoverage checks the coverage rule on hand-built model figures:
// coverage_low is 0.5 by default, and a month exactly at half the
// available hours is not flagged.
func TestLowCoverage(t *testing.T) {
	w := &model.Metrics{
		Operators: []model.OperatorMetrics{
			{ID: "op1", Role: "assistente_sociale"},
			{ID: "clerk", Role: "amministrativo"},
		},
		Monthly: model.Monthly{Operators: []model.Series{
			{ID: "op1", Points: []model.MonthPoint{
				{Month: "2025-01", TimeSplit: model.TimeSplit{DocumentedHours: 60, AvailableHours: 120}},   // exactly 50 %: fine
				{Month: "2025-02", TimeSplit: model.TimeSplit{DocumentedHours: 59.9, AvailableHours: 120}}, // below
				{Month: "2025-03", TimeSplit: model.TimeSplit{DocumentedHours: 0, AvailableHours: 0}},      // not in service
				{Month: "2025-04", TimeSplit: model.TimeSplit{DocumentedHours: 130, AvailableHours: 120}},
			}},
			{ID: "clerk", Points: []model.MonthPoint{
				{Month: "2025-01", TimeSplit: model.TimeSplit{DocumentedHours: 0, AvailableHours: 120}}, // role not checked
			}},
		}},
	}
	r := lowCoverage(w, DefaultConfig())
	if r.Count != 1 || r.Denominator != 3 || len(r.Findings) != 1 || r.Findings[0].Month != "2025-02" || r.Findings[0].OperatorID != "op1" {
		t.Errorf("got count %d of %d, findings %+v; want 1 of 3, op1 2025-02", r.Count, r.Denominator, r.Findings)
	}
	if r.Findings[0].Detail != "59,9 ore documentate su 120,0 disponibili" {
		t.Errorf("detail %q", r.Findings[0].Detail)
	}
}
