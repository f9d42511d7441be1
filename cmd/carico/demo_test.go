package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
	"github.com/xuri/excelize/v2"
)

// TestDemoEndToEnd runs the demo in-process and checks the figures it
// reports against figures computed here, with plain loops, from the
// generator's own records — not from the database the demo filled.
func TestDemoEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("the demo imports three years of data")
	}
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "demo", "--out", out, "--secret", filepath.Join(out, "chiave"))
	if code != exitOK {
		t.Fatalf("demo exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, f := range []string{"carico.duckdb", "carico.xlsx", "carico.html", "carico-politico.xlsx", "carico-politico.html"} {
		if fi, err := os.Stat(filepath.Join(out, f)); err != nil || fi.Size() == 0 {
			t.Errorf("demo did not write %s: %v", f, err)
		}
	}
	// A key named with --secret is created when there is none, and the demo says where.
	if want := "Chiave degli pseudonimi creata ora:\n  " + filepath.Join(out, "chiave"); !strings.Contains(stdout, want) {
		t.Errorf("the demo does not say where it created the key (%q):\n%s", want, stdout)
	}

	a := sampledata.Generate(sampledata.DefaultSeed)
	at := a.RefDate

	// Open cases per social worker, as printed.
	want := openCasesAt(a, at)
	names := map[string]string{}
	for _, o := range a.Operators {
		names[o.Name] = o.ID
	}
	printed := printedOpenCases(t, stdout)
	if len(printed) == 0 {
		t.Fatalf("no caseload table in the demo output:\n%s", stdout)
	}
	for name, got := range printed {
		id, ok := names[name]
		if !ok {
			t.Errorf("demo prints operator %q, unknown to the generator", name)
			continue
		}
		if got != want[id] {
			t.Errorf("open cases of %s at %s: demo says %d, generator records give %d", name, italian.Date(at), got, want[id])
		}
	}

	// Residents per social-worker FTE per comune, as printed.
	ratios := residentsPerSocialWorker(a, at)
	for _, c := range a.Comuni {
		line := lineStarting(stdout, "  "+c.Name+" ")
		if line == "" {
			t.Errorf("comune %s missing from the demo output", c.Name)
			continue
		}
		r, ok := ratios[c.ISTAT]
		switch {
		case !ok && !strings.Contains(line, "nessun assistente sociale"):
			t.Errorf("%s has no social worker but the demo prints %q", c.Name, line)
		case ok && !strings.Contains(line, "1:"+italian.Number(r, 0)):
			t.Errorf("%s: want 1:%s in %q", c.Name, italian.Number(r, 0), line)
		}
	}

	// Minutes by kind per operator and month, as the reports show them.
	db, err := store.Open(context.Background(), filepath.Join(out, "carico.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m, err := model.Compute(context.Background(), db, model.Params{At: at})
	if err != nil {
		t.Fatal(err)
	}
	// Cases opened and closed in the period, as the demo prints them from
	// the analytics, against a plain loop over the generator's cartelle.
	from, to := m.Period.From.Time, m.Period.To.Time
	inPeriod := func(d time.Time) bool { return !d.IsZero() && !d.Before(from) && !d.After(to) }
	var opened, closed int
	for _, c := range a.Cases {
		if inPeriod(c.Opened) {
			opened++
		}
		if inPeriod(c.Closed) {
			closed++
		}
	}
	flows := regexp.MustCompile(`Cartelle aperte nel periodo: ([\d.]+); chiuse: ([\d.]+)`).FindStringSubmatch(stdout)
	if flows == nil {
		t.Fatalf("no flows line in the demo output:\n%s", stdout)
	}
	if flows[1] != italian.Number(float64(opened), 0) || flows[2] != italian.Number(float64(closed), 0) {
		t.Errorf("demo prints %s opened and %s closed in %s–%s; generator records give %d and %d",
			flows[1], flows[2], italian.Date(from), italian.Date(to), opened, closed)
	}

	// The reports carry the analytics and planning sections, with charts.
	for file, sheets := range map[string][]string{
		"carico.xlsx":          {"Flussi", "Tempi dei procedimenti", "Equità del carico", "Previsioni", "Scenari", "Zone"},
		"carico-politico.xlsx": {"Flussi", "Tempi dei procedimenti", "Previsioni", "Scenari", "Zone"},
	} {
		wb, err := excelize.OpenFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for _, s := range wb.GetSheetList() {
			have[s] = true
		}
		for _, s := range sheets {
			if !have[s] {
				t.Errorf("%s: no sheet %q (sheets %v)", file, s, wb.GetSheetList())
			}
		}
		wb.Close()
	}

	minutes := map[string]int64{} // operator|yyyy-mm|kind
	for _, act := range a.Activities {
		minutes[act.OperatorID+"|"+act.Date.Format("2006-01")+"|"+string(act.Kind)] += int64(act.Minutes)
	}
	checked := 0
	for _, s := range m.Monthly.Operators {
		for _, p := range s.Points {
			for _, k := range carico.Kinds {
				key := s.ID + "|" + p.Month + "|" + string(k)
				if p.Minutes[k] != minutes[key] {
					t.Errorf("minutes %s: model %d, generator %d", key, p.Minutes[k], minutes[key])
				}
				checked++
			}
		}
	}
	if checked < 12*len(carico.Kinds)*10 {
		t.Errorf("only %d operator-month-kind figures checked", checked)
	}
}

// openCasesAt counts, per operator, the cases open at d under the
// assignment in force at d: opened on or before d, not closed on or before d.
func openCasesAt(a *sampledata.Ambito, d time.Time) map[string]int {
	n := map[string]int{}
	for _, c := range a.Cases {
		if c.Opened.After(d) || (!c.Closed.IsZero() && !c.Closed.After(d)) {
			continue
		}
		op := c.OperatorID
		for _, as := range c.Assignments {
			if !as.From.After(d) && (as.To.IsZero() || !as.To.Before(d)) {
				op = as.OperatorID
			}
		}
		if op != "" {
			n[op]++
		}
	}
	return n
}

// residentsPerSocialWorker divides each comune's residents at 1 January of
// d's year by the FTE of social workers in service at d allocated to it.
func residentsPerSocialWorker(a *sampledata.Ambito, d time.Time) map[string]float64 {
	fte := map[string]float64{}
	for _, o := range a.Operators {
		if o.Role != carico.RoleSocialWorker || o.Start.After(d) || (!o.End.IsZero() && o.End.Before(d)) {
			continue
		}
		for _, al := range a.Allocations {
			if al.OperatorID == o.ID {
				fte[al.ISTAT] += o.WeeklyHours / carico.FullTimeHours * al.Share
			}
		}
	}
	ratios := map[string]float64{}
	for _, r := range a.Residents {
		if r.Year == d.Year() && fte[r.ISTAT] > 0 {
			ratios[r.ISTAT] = float64(r.Residents) / fte[r.ISTAT]
		}
	}
	return ratios
}

var caseloadLine = regexp.MustCompile(`^  (.+?)\s{2,}(\d+,\d\d)\s+(\d+)\s+`)

// printedOpenCases reads the demo's caseload table: operator name → open cases.
func printedOpenCases(t *testing.T, stdout string) map[string]int {
	t.Helper()
	_, table, ok := strings.Cut(stdout, "Cartelle aperte per operatore")
	if !ok {
		return nil
	}
	table, _, _ = strings.Cut(table, "\n\n")
	got := map[string]int{}
	for _, l := range strings.Split(table, "\n") {
		if m := caseloadLine.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[3])
			got[m[1]] = n
		}
	}
	return got
}

func lineStarting(s, prefix string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}
