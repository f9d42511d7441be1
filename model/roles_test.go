package model

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/storetest"
)

// TestOtherRoleAndEstimated: a psicologa on the roster as «altro» is a
// team of her own, with its label, and changes no social worker's FTE, the
// LEPS ratio or the WISN of the social workers; the hours of the diario
// rows marked estimated are counted apart, with their share of all the
// documented hours, in the one sentence the reports print.
func TestOtherRoleAndEstimated(t *testing.T) {
	script, err := os.ReadFile("testdata/ambito.sql")
	if err != nil {
		t.Fatal(err)
	}
	params := Params{From: day("2025-01-01"), To: day("2025-06-30"), At: day("2025-06-30")}
	base, err := Compute(context.Background(), storetest.Open(t, string(script)), params)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compute(context.Background(), storetest.Open(t, string(script),
		`INSERT INTO operator VALUES ('ps1', 'Blu Elena', 'altro', 18, 'indeterminato', NULL, NULL)`,
		`INSERT INTO allocation VALUES ('ps1', '016001', 1.0)`,
		`INSERT INTO activity (id, day, operator_id, kind, minutes, istat, estimated) VALUES
			('e1', DATE '2025-03-05', 'ps1', 'access', 45, '016001', true),
			('e2', DATE '2025-03-06', 'as1', 'access', 15, '016001', true)`), params)
	if err != nil {
		t.Fatal(err)
	}
	var other *TeamMetrics
	for i := range m.Teams {
		if m.Teams[i].Role == string(carico.RoleOther) {
			other = &m.Teams[i]
		}
	}
	if other == nil || other.Label != "Altro profilo" || other.FTE != 0.5 {
		t.Fatalf("team «altro»: %+v", other)
	}
	if m.Ambito.PermanentSocialWorkerFTE != base.Ambito.PermanentSocialWorkerFTE ||
		m.Staffing.WISN.Category(carico.RoleSocialWorker).ActualFTE != base.Staffing.WISN.Category(carico.RoleSocialWorker).ActualFTE {
		t.Errorf("social workers' FTE moved: %v → %v", base.Ambito.PermanentSocialWorkerFTE, m.Ambito.PermanentSocialWorkerFTE)
	}

	if base.Quality.EstimatedHours != 0 || !strings.Contains(base.Quality.EstimatedSentence(), "nessuna è stimata") {
		t.Errorf("no estimated row: %v h, %q", base.Quality.EstimatedHours, base.Quality.EstimatedSentence())
	}
	var all float64
	for _, o := range m.Operators {
		all += o.DocumentedHours
	}
	near(t, "estimated hours", m.Quality.EstimatedHours, 1, 1e-12)
	near(t, "estimated share", *m.Quality.EstimatedShare, 1/all, 1e-12)
	if s := m.Quality.EstimatedSentence(); !strings.Contains(s, "ore documentate (1 ora) è stimato") {
		t.Errorf("sentence: %s", s)
	}
}

// TestWeightedBy: the wording of what the weights told apart follows the
// complexity the open cartelle record.
func TestWeightedBy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		c    Caseload
		want string
	}{
		{Caseload{OpenCases: 3, ByComplexity: map[string]int{"1": 3}}, "pesate per area e complessità"},
		{Caseload{}, "pesate per area e complessità"},
		{Caseload{OpenCases: 3, ByComplexity: map[string]int{"nd": 3}}, "pesate per area (i dati non registrano la complessità"},
		{Caseload{OpenCases: 4, ByComplexity: map[string]int{"nd": 1, "2": 3}}, "(1 su 4 senza complessità registrata"},
	} {
		if got := tc.c.WeightedBy(); !strings.HasPrefix(got, tc.want) && !strings.Contains(got, tc.want) {
			t.Errorf("%+v: %q, want %q", tc.c, got, tc.want)
		}
	}
}
