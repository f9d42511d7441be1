package model_test

import (
	"context"
	"testing"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/model"
	sampledata "github.com/carico/carico/sample-data"
)

func TestCaseHours(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name                     string
		available, share, factor float64
		want                     float64
	}{
		{"full capacity", 1500, 0.7, 1, 1050},
		{"half capacity", 1500, 0.7, 0.5, 525},
		{"no hours", 0, 0.7, 1, 0},
		{"no case share", 1500, 0, 1, 0},
		{"no capacity", 1500, 0.7, 0, 0},
		{"negative factor", 1500, 0.7, -1, 0},
	} {
		if got := model.CaseHours(tc.available, tc.share, tc.factor); got != tc.want {
			t.Errorf("%s: CaseHours(%v, %v, %v) = %v, want %v", tc.name, tc.available, tc.share, tc.factor, got, tc.want)
		}
	}
}

func TestWeigh(t *testing.T) {
	t.Parallel()
	cfg := model.DefaultConfig().Caseload // famiglia e minori: 10, 20, 40 h
	for _, tc := range []struct {
		area       carico.Area
		complexity int
		n          int
		want       float64
	}{
		{carico.AreaFamily, 3, 2, 80},
		{carico.AreaFamily, 0, 3, 60}, // complexity not recorded counts as media
		{carico.AreaFamily, 1, 0, 0},
	} {
		if got := cfg.Weigh(tc.area, tc.complexity, tc.n); got != tc.want {
			t.Errorf("Weigh(%s, %d, %d) = %v, want %v", tc.area, tc.complexity, tc.n, got, tc.want)
		}
	}
	cells := []model.CellOpen{{Area: carico.AreaFamily, Complexity: 3, OpenCases: 2}, {Area: carico.AreaFamily, Complexity: 1, OpenCases: 1}}
	if got := model.WeighCells(cells, cfg); got != 90 {
		t.Errorf("WeighCells = %v, want 90", got)
	}
}

func TestLoadStatus(t *testing.T) {
	t.Parallel()
	th := model.DefaultConfig().Thresholds // amber 1.0, red 1.1
	for _, tc := range []struct {
		name                string
		weighted, caseHours float64
		want                model.Status
	}{
		{"well within", 500, 1000, model.StatusOK},
		{"at amber is within", 1000, 1000, model.StatusOK},
		{"above amber", 1050, 1000, model.StatusWarning},
		{"at red is attention", 1100, 1000, model.StatusWarning},
		{"above red", 1101, 1000, model.StatusCritical},
		{"no cartelle with hours", 0, 1000, model.StatusOK},
		{"cartelle without hours", 10, 0, model.StatusCritical},
		{"nothing at all", 0, 0, model.StatusNotApplicable},
	} {
		if got := model.LoadStatus(tc.weighted, tc.caseHours, th); got != tc.want {
			t.Errorf("%s: LoadStatus(%v, %v) = %q, want %q", tc.name, tc.weighted, tc.caseHours, got, tc.want)
		}
	}
	if l := model.Load(10, 0); l != nil {
		t.Errorf("Load without hours = %v, want nil", *l)
	}
	if l := model.Load(550, 1000); l == nil || *l != 0.55 {
		t.Errorf("Load(550, 1000) = %v, want 0,55", l)
	}
}

func TestStatusLabels(t *testing.T) {
	t.Parallel()
	want := map[model.Status]string{model.StatusOK: "Adeguato", model.StatusWarning: "Attenzione",
		model.StatusCritical: "Critico", model.StatusNotApplicable: "Non applicabile"}
	if len(model.Statuses) != len(want) {
		t.Fatalf("Statuses = %v", model.Statuses)
	}
	for i, s := range model.Statuses {
		if s.Label() != want[s] {
			t.Errorf("%q.Label() = %q, want %q", s, s.Label(), want[s])
		}
		if s.Rank() != i-1 {
			t.Errorf("%q.Rank() = %d, want %d", s, s.Rank(), i-1)
		}
	}
}

func TestFormatFTE(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		fte  float64
		want string
	}{{30.0 / 36, "0,83"}, {1, "1,00"}, {4.526, "4,53"}, {0, "0,00"}} {
		if got := model.FormatFTE(tc.fte); got != tc.want {
			t.Errorf("FormatFTE(%v) = %q, want %q", tc.fte, got, tc.want)
		}
	}
}

// TestLoadCheckApplies checks on the sample that every operator has one
// load check, and that it says «non applicabile» where the load does not
// apply — an administrative worker, or an operator out of service — in
// the JSON too, never «ok».
func TestLoadCheckApplies(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole sample Ambito")
	}
	a := sampledata.Generate(sampledata.DefaultSeed)
	db := sampledb.Load(t, a)
	m, err := model.Compute(context.Background(), db, model.Params{From: a.From, To: a.To, At: a.RefDate})
	if err != nil {
		t.Fatal(err)
	}
	var clerks int
	for _, o := range m.Operators {
		n := 0
		for _, c := range o.Checks {
			if c.Measure == "load" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d load checks, want 1", o.ID, n)
			continue
		}
		c := o.Check("load")
		switch {
		case !o.InService || o.Role == carico.RoleClerk:
			if o.Role == carico.RoleClerk {
				clerks++
			}
			if c.Status != model.StatusNotApplicable {
				t.Errorf("%s (%s, in service %v): load status %q, want %q", o.ID, o.Role, o.InService, c.Status, model.StatusNotApplicable)
			}
		case o.OpenCases > 0:
			if c.Status == model.StatusNotApplicable || c.Value == nil {
				t.Errorf("%s holds %d cartelle: load status %q, value %v", o.ID, o.OpenCases, c.Status, c.Value)
			}
		}
	}
	if clerks == 0 {
		t.Error("the sample has no administrative worker: the test proves nothing")
	}
}
