package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/carico/carico"
	"github.com/carico/carico/allocate"
	"github.com/carico/carico/analytics"
	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/model"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

// TestOneTruth writes every output carico has — the metrics, analyze and
// plan JSON, the workbook of each audience and the responsabile's
// dashboard — from one database and one configuration file, then reads the
// written files back and checks that every figure shown in more than one
// place has one value. It runs on a fixture of edge cases (cover periods,
// an assignment ending and a cartella closing on the reference date, an
// operator leaving mid-year) with full_time_hours = 38, and on the sample.
func TestOneTruth(t *testing.T) {
	t.Parallel()
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte("[awt]\nfull_time_hours = 38\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("fixture", func(t *testing.T) {
		t.Parallel()
		checkOneTruth(t, scriptDB(t, "testdata/consistency.sql"), "as1", []string{"--config", cfg, "--from", "01/01/2025", "--to", "31/12/2025"})
	})
	t.Run("sample", func(t *testing.T) {
		t.Parallel()
		if testing.Short() {
			t.Skip("the sample takes a minute")
		}
		checkOneTruth(t, sampledb.Write(t, sampledata.Generate(sampledata.DefaultSeed)), "M012", nil)
	})
	// The held-out Ambito of six comuni and seven social workers, where
	// the weighted caseload once had three «FTE necessari».
	t.Run("6 comuni", func(t *testing.T) {
		t.Parallel()
		if testing.Short() {
			t.Skip("the 6-comuni Ambito takes a minute")
		}
		a := sampledata.Generate(sampledata.DefaultSeed).Subset("Ambito di prova", "016194", "016117", "016066", "016003", "016139", "016160")
		operator := ""
		for _, o := range a.Operators {
			if o.Role == carico.RoleSocialWorker && o.End.IsZero() && operator == "" {
				operator = o.ID
			}
		}
		checkOneTruth(t, sampledb.Write(t, a), operator, nil)
	})
	// Another shape of Ambito: a 38-hour week, more part-timers, a social
	// worker (M005, whose statement is checked) and an educator who keep no
	// diario, patron days for four comuni of eleven, a diario line with two
	// bad cells.
	t.Run("other shape", func(t *testing.T) {
		t.Parallel()
		if testing.Short() {
			t.Skip("the other Ambito takes a minute")
		}
		a := sampledata.GenerateShape(sampledata.DefaultSeed, sampledata.OtherShape)
		checkOneTruth(t, sampledb.Write(t, a), "M005", []string{"--config", cfg})
	})
}

// scriptDB is a database file filled by an SQL script.
func scriptDB(t *testing.T, script string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "carico.duckdb")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	sql, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(context.Background(), string(sql)); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func checkOneTruth(t *testing.T, db, operator string, common []string) {
	var m model.Metrics
	cliJSON(t, &m, append([]string{"metrics", "--db", db, "--format", "json"}, common...)...)
	var a analytics.Analysis
	cliJSON(t, &a, append([]string{"analyze", "--db", db, "--format", "json"}, common...)...)
	var plan struct {
		Scenarios []planning.ScenarioResult `json:"scenarios"`
	}
	none := filepath.Join(t.TempDir(), "scenari.toml")
	if err := os.WriteFile(none, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cliJSON(t, &plan, append([]string{"plan", "scenario", "--db", db, "--format", "json", "--scenarios", none, "--at", m.Period.At.Format("02/01/2006")}, configOnly(common)...)...)

	out := t.TempDir()
	for _, aud := range [][]string{{"--audience", "responsabile"}, {"--audience", "politico"}, {"--audience", "operatore", "--operator", operator}} {
		args := append([]string{"report", "--db", db, "--out", out}, common...)
		if code, _, stderr := runCLI(t, append(args, aud...)...); code != exitOK {
			t.Fatalf("report %v: exit %d: %s", aud, code, stderr)
		}
	}
	resp := openXLSX(t, filepath.Join(out, "carico.xlsx"))
	pol := openXLSX(t, filepath.Join(out, "carico-politico.xlsx"))
	stm := openXLSX(t, filepath.Join(out, "carico-operatore-"+operator+".xlsx"))
	dash, err := os.ReadFile(filepath.Join(out, "carico.html"))
	if err != nil {
		t.Fatal(err)
	}
	at := m.Period.At.Format("02/01/2006")
	total := teamOf(t, &m, "totale")
	sw := teamOf(t, &m, "assistente_sociale")
	wisn := m.Staffing.WISN.Category("assistente_sociale")
	if wisn == nil || wisn.Ratio == nil {
		t.Fatal("metrics: no WISN for the social workers")
	}
	if len(plan.Scenarios) == 0 {
		t.Fatal("plan scenario: no baseline")
	}
	base := plan.Scenarios[0].Ambito
	inService := 0
	for _, o := range m.Operators {
		if o.InService {
			inService++
		}
	}
	var op *model.OperatorMetrics
	for i := range m.Operators {
		if m.Operators[i].ID == operator {
			op = &m.Operators[i]
		}
	}
	if op == nil {
		t.Fatalf("metrics: no operator %s", operator)
	}

	agree(t, "cartelle aperte al "+at, float64(total.OpenCases), 0, map[string]float64{
		"analyze flow_totals.open_end":         float64(a.FlowTotals.OpenEnd),
		"responsabile Sintesi":                 sintesi(t, resp, "Cartelle aperte al "+at),
		"politico Sintesi":                     sintesi(t, pol, "Cartelle aperte al "+at),
		"responsabile Flussi, Periodo":         tableValue(t, resp, "Flussi", "Mese", "Periodo", "Aperte a fine mese"),
		"responsabile LEPS per comune, Ambito": tableValue(t, resp, "LEPS per comune", "Comune", ambitoRow(m.Ambito.Name), "Cartelle aperte"),
		"dashboard Sintesi":                    dashboard(t, dash, "Cartelle aperte al "+at),
	})
	agree(t, "cartelle senza attività da un anno", float64(m.Quality.DormantCases), 0, map[string]float64{
		"analyze audit dormant":                 float64(auditCount(t, &a, "dormant")),
		"responsabile Sintesi":                  sintesi(t, resp, "Cartelle aperte senza attività da un anno"),
		"politico Sintesi":                      shown(t, pol, "Cartelle aperte senza attività da un anno", m.Quality.DormantCases),
		"responsabile Controlli sulla cartella": tableValue(t, resp, "Controlli sulla cartella", "Controllo", "Cartelle senza attività da un anno", "Casi"),
		"responsabile Carico per operatore":     tableSum(t, resp, "Carico per operatore", "Operatore", "Cartelle senza attività da un anno") + float64(dormantWithoutHolder(&m)),
	})
	agree(t, "operatori in servizio al "+at, float64(inService), 0, map[string]float64{
		"metrics teams totale": float64(total.Operators),
		"responsabile Sintesi": sintesi(t, resp, "Operatori in servizio"),
		"politico Sintesi":     sintesi(t, pol, "Operatori in servizio"),
		"dashboard Sintesi":    dashboard(t, dash, "Operatori in servizio"),
	})
	// WISN counts the staff time net of the capacity register's reductions.
	var swCapacityFTE float64
	for _, o := range m.Operators {
		if o.Role == "assistente_sociale" {
			swCapacityFTE += o.FTE * o.CapacityFactor()
		}
	}
	agree(t, "FTE di assistenti sociali al netto delle riduzioni di capacità", swCapacityFTE, 0.05, map[string]float64{
		"metrics WISN assistente sociale": wisn.ActualFTE,
		"responsabile Fabbisogno":         tableValue(t, resp, "Fabbisogno di personale", "Metodo", "WISN — Assistente sociale", "FTE effettivi"),
	})
	agree(t, "FTE di assistenti sociali", sw.FTE, 0.05, map[string]float64{
		"plan baseline": base.SocialWorkerFTE,
	})
	agree(t, "FTE mancanti a 1:5.000", m.Ambito.FTEMissingLEP, 0.05, map[string]float64{
		"plan baseline":        base.FTEMissingLEP,
		"responsabile Sintesi": sintesi(t, resp, "FTE mancanti al livello essenziale 1:5.000"),
		"politico Sintesi":     sintesi(t, pol, "FTE mancanti al livello essenziale 1:5.000"),
		"responsabile Scenari": tableValue(t, resp, "Scenari", "Scenario", "Situazione attuale", "FTE mancanti a 1:5.000"),
		"dashboard Sintesi":    dashboard(t, dash, "FTE mancanti al livello essenziale 1:5.000"),
	})
	agree(t, "rapporto WISN degli assistenti sociali", *wisn.Ratio, 0.005, map[string]float64{
		"plan baseline":           deref(base.WISNRatio),
		"responsabile Fabbisogno": tableValue(t, resp, "Fabbisogno di personale", "Metodo", "WISN — Assistente sociale", "Rapporto effettivi/necessari"),
		"responsabile Sintesi":    sintesi(t, resp, "Rapporto WISN degli assistenti sociali (in servizio su necessari)"),
		"politico Sintesi":        sintesi(t, pol, "Rapporto WISN degli assistenti sociali (in servizio su necessari)"),
		"responsabile Scenari":    tableValue(t, resp, "Scenari", "Scenario", "Situazione attuale", "Rapporto WISN assistenti sociali"),
	})
	agree(t, "ore disponibili di "+operator, op.AvailableHours, 0.05, map[string]float64{
		"prospetto Sintesi":               sintesi(t, stm, "Ore disponibili nel periodo"),
		"responsabile Tempo di lavoro":    tableValue(t, resp, "Tempo di lavoro", "Operatore", op.Name, "Ore disponibili"),
		"metrics AWT dell'anno":           awtHours(op, m.Period.To.Year()),
		"metrics ore annue per il carico": op.YearlyHours,
	})
	checkCapacity(t, db, &m, op, resp, common)
	// One status per check per operator, the same in the JSON, the CLI
	// table and the workbook; a load that does not apply says so.
	_, table, _ := runCLI(t, append([]string{"metrics", "--db", db}, common...)...)
	cliLoad := map[string]string{}
	for _, line := range strings.Split(table, "\n") {
		if f := regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(line), -1); len(f) == 12 {
			cliLoad[f[0]] = f[7]
		}
	}
	sheetLoad := tableColumn(t, resp, "Carico per operatore", "Operatore", "Stato")
	for _, o := range m.Operators {
		c := o.Check("load")
		if c == nil {
			t.Errorf("metrics JSON: %s has no load check", o.ID)
			continue
		}
		want := c.Status.Label()
		if got, ok := sheetLoad[o.Name]; ok && got != want {
			t.Errorf("%s: load status %q in the JSON, %q in the workbook", o.Name, want, got)
		}
		if got := cliLoad[o.Name]; got != want {
			t.Errorf("%s: load status %q in the JSON, %q in the CLI table", o.Name, want, got)
		}
	}
	// One observed need: the calibrated set's, in the JSON and the workbook.
	for _, set := range m.Weights.Sets {
		if set.Name == model.SetObserved {
			agree(t, "FTE necessari con i pesi osservati", set.RequiredFTE, 0.005, map[string]float64{
				"responsabile Fabbisogno":       tableValue(t, resp, "Fabbisogno di personale", "Metodo", "Carico ponderato — "+strings.ToLower(set.Label[:1])+set.Label[1:], "FTE necessari"),
				"responsabile Pesi a confronto": tableValue(t, resp, "Pesi a confronto", "Pesi", set.Label, "FTE necessari (carico ponderato)"),
			})
		}
	}
	// One «FTE necessari» for the weighted caseload under the weights in
	// use: the staffing figure, the comparison of the weight sets, the
	// workbook's two sheets and the CLI table.
	for _, set := range m.Weights.Sets {
		if set.InUse {
			agree(t, "FTE necessari per il carico ponderato con i pesi in uso", m.Staffing.WeightedCaseload.RequiredFTE, 0.005, map[string]float64{
				"metrics Pesi a confronto":      set.RequiredFTE,
				"responsabile Fabbisogno":       tableValue(t, resp, "Fabbisogno di personale", "Metodo", "Carico ponderato — pesi standard (valori di progetto)", "FTE necessari"),
				"responsabile Pesi a confronto": tableValue(t, resp, "Pesi a confronto", "Pesi", set.Label, "FTE necessari (carico ponderato)"),
				"CLI metrics Fabbisogno":        cliRowNumber(t, table, "Carico ponderato, pesi standard (valori di progetto)", 1),
			})
		}
	}
	if _, ok := tableColumn(t, resp, "Fabbisogno di personale", "Metodo", "FTE necessari")["Carico ponderato — ore osservate nel diario"]; ok {
		t.Error("Fabbisogno di personale still shows a second observed need")
	}
	for _, c := range m.Comuni {
		agree(t, "residenti di "+c.Name, float64(c.Residents), 0, map[string]float64{
			"plan baseline":                baselineResidents(plan.Scenarios[0], c.ISTAT),
			"responsabile LEPS per comune": tableValue(t, resp, "LEPS per comune", "Comune", c.Name, "Residenti"),
		})
	}

	stmt := statementOf(t, db, operator, common)
	checkRejected(t, &m, resp, stmt, table)
	swInService := 0
	for _, o := range m.Operators {
		if o.InService && o.Role == carico.RoleSocialWorker {
			swInService++
		}
	}
	agree(t, "assistenti sociali in servizio al "+at, float64(swInService), 0, map[string]float64{
		"metrics teams assistente sociale": float64(sw.Operators),
		"analyze Equità":                   float64(balanceOperators(&a, carico.RoleSocialWorker)),
		"responsabile Equità del carico":   tableValue(t, resp, "Equità del carico", "Profilo", carico.RoleSocialWorker.Label(), "Operatori"),
	})
	agree(t, "ore disponibili nell'anno di "+operator, op.YearlyHours, 0.05, map[string]float64{
		"prospetto personale": statementHours(t, stmt),
	})
	checkPatron(t, op, stmt)
	if pdf := statementPDFText(t, db, operator, common); pdf != "" {
		agree(t, "ore disponibili nell'anno di "+operator+" (PDF)", op.YearlyHours, 0.05, map[string]float64{
			"prospetto personale, PDF": statementHours(t, strings.Join(strings.Fields(pdf), " ")),
		})
		checkPatron(t, op, strings.Join(strings.Fields(pdf), " "))
	}
	checkAllocate(t, db, &m, common)
	checkForecastLabels(t, db)
}

// statementOf writes the personal statement of operator and returns its
// HTML.
func statementOf(t *testing.T, db, operator string, common []string) string {
	t.Helper()
	out := t.TempDir()
	args := append([]string{"statement", "--db", db, "--operator", operator, "--out", out}, common...)
	if code, _, stderr := runCLI(t, args...); code != exitOK {
		t.Fatalf("statement: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "prospetto-"+operator+".html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// statementPDFText prints the statement to PDF with the installed browser
// and returns its text (pdftotext, poppler-utils); "" when either is
// missing, outside CI.
func statementPDFText(t *testing.T, db, operator string, common []string) string {
	t.Helper()
	pdftotext, err := exec.LookPath("pdftotext")
	if err == nil {
		_, err = exec.LookPath("/usr/bin/chromium")
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the statement's PDF is checked under CI: %v", err)
		}
		t.Logf("statement PDF not checked: %v", err)
		return ""
	}
	out := t.TempDir()
	args := append([]string{"statement", "--db", db, "--operator", operator, "--out", out, "--pdf"}, common...)
	if code, _, stderr := runCLI(t, args...); code != exitOK {
		t.Fatalf("statement --pdf: exit %d: %s", code, stderr)
	}
	text, err := exec.Command(pdftotext, filepath.Join(out, "prospetto-"+operator+".pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(text)
}

// checkRejected: the rejected rows of each file are lines, the same in
// the metrics (sources and quality, JSON and table), «Qualità dei dati»,
// «Metodo e fonti» and the statement's sources. A file imported twice (the cartelle
// workbook: cases and assignments) is added up.
func checkRejected(t *testing.T, m *model.Metrics, resp *excelize.File, stmt, table string) {
	t.Helper()
	cli := map[string]float64{}
	for _, r := range cliRejected.FindAllStringSubmatch(table, -1) {
		cli[r[1]] += italianNumber(r[2])
	}
	want, quality := map[string]float64{}, map[string]float64{}
	for _, src := range m.Sources {
		want[src.File] += float64(src.Rejected)
	}
	for _, r := range m.Quality.Rejected {
		quality[r.File] += float64(r.Rejected)
	}
	method := tableSums(t, resp, "Metodo e fonti", "File", "Scartate")
	qual := tableSums(t, resp, "Qualità dei dati", "File", "Righe scartate")
	stmtRej := statementRejected(stmt)
	for file, n := range want {
		if n == 0 {
			continue
		}
		agree(t, "righe scartate di "+file, n, 0, map[string]float64{
			"metrics quality":    quality[file],
			"«Metodo e fonti»":   method[file],
			"«Qualità dei dati»": qual[file],
			"prospetto, fonti":   stmtRej[file],
			"metrics, tabella":   cli[file],
		})
	}
}

// tableSums adds up column col by the key column of the first table of
// sheet that has both: rows with the same key add up.
func tableSums(t *testing.T, f *excelize.File, sheet, keyCol, col string) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	for _, kv := range tablePairs(t, f, sheet, keyCol, col) {
		out[kv[0]] += number(kv[1])
	}
	return out
}

var cliRejected = regexp.MustCompile(`Righe scartate in (.+) \(importazione \d+\): ([\d.]+)`)

var stmtSourceRow = regexp.MustCompile(`<tr><td>([^<]*)</td><td>[^<]*</td><td class="n">[^<]*</td><td class="n">([^<]*)</td><td class="sha">`)

// statementRejected is the rejected rows of each file the statement
// lists among its sources.
func statementRejected(stmt string) map[string]float64 {
	out := map[string]float64{}
	for _, m := range stmtSourceRow.FindAllStringSubmatch(stmt, -1) {
		out[html.UnescapeString(m[1])] += italianNumber(m[2])
	}
	return out
}

var stmtHours = regexp.MustCompile(`= ([\d.,]+) ore disponibili nell(?:'|&#39;)anno`)

func statementHours(t *testing.T, stmt string) float64 {
	t.Helper()
	m := stmtHours.FindStringSubmatch(stmt)
	if m == nil {
		t.Error("statement: no yearly available hours")
		return math.NaN()
	}
	return italianNumber(m[1])
}

func balanceOperators(a *analytics.Analysis, role carico.Role) int {
	for _, r := range a.Balance.Roles {
		if r.Role == role {
			return max(r.WeightedCaseloadPerFTE.N, r.CommunityShare.N)
		}
	}
	return -1
}

// checkPatron: the statement counts the patron day when the model knows
// it for the operator's comune, and says it is missing when not.
func checkPatron(t *testing.T, op *model.OperatorMetrics, stmt string) {
	t.Helper()
	if len(op.AWT) == 0 {
		return
	}
	known := op.AWT[len(op.AWT)-1].PatronDay != ""
	missing := strings.Contains(stmt, "il giorno della festa patronale del comune non è indicato")
	if known == missing {
		t.Errorf("statement of %s: patron day known %v, statement says it is missing %v", op.ID, known, missing)
	}
}

// checkAllocate: allocate's load before the new cartella is the load the
// metrics give each operator.
func checkAllocate(t *testing.T, db string, m *model.Metrics, common []string) {
	t.Helper()
	if len(m.Comuni) == 0 {
		return
	}
	var ranked []allocate.Candidate
	cliJSON(t, &ranked, append([]string{"allocate", "--db", db, "--format", "json", "--area", string(carico.AreaElderly), "--complexity", "media",
		"--comune", m.Comuni[0].ISTAT, "--at", m.Period.At.Format("02/01/2006")}, configOnly(common)...)...)
	loads := map[string]*float64{}
	for _, o := range m.Operators {
		loads[o.ID] = o.Load
	}
	for _, c := range ranked {
		if c.LoadBefore == nil || loads[c.ID] == nil {
			if (c.LoadBefore == nil) != (loads[c.ID] == nil) {
				t.Errorf("allocate %s: load %v, metrics %v", c.ID, c.LoadBefore, loads[c.ID])
			}
			continue
		}
		agree(t, "carico di "+c.ID, *loads[c.ID], 1e-9, map[string]float64{"allocate": *c.LoadBefore})
	}
}

// checkForecastLabels: the bands are labelled 80 % and 95 %, and the
// backtest of the method chosen must not contradict the labels.
func checkForecastLabels(t *testing.T, db string) {
	t.Helper()
	for _, measure := range []string{"new", "open"} {
		var out struct {
			Series []planning.SeriesForecast `json:"series"`
		}
		cliJSON(t, &out, "plan", "forecast", "--db", db, "--format", "json", "--measure", measure)
		for _, s := range out.Series {
			for _, b := range s.Backtest {
				if b.Method != s.Method || b.Coverage80 == nil {
					continue
				}
				if !b.Calibrated {
					if !strings.Contains(s.Warning, "copertura osservata") {
						t.Errorf("forecast %s %s: bands not calibrated, and no warning says their coverage", measure, s.Name)
					}
					continue
				}
				if math.Abs(*b.Coverage80-0.80) > 0.05 || *b.Coverage95 < 0.94 {
					t.Errorf("forecast %s %s: bands labelled 80 %% and 95 %% cover %.2f and %.2f", measure, s.Name, *b.Coverage80, *b.Coverage95)
				}
			}
		}
	}
}

// agree fails when a source's value differs from want by more than tol
// (the precision at which the outputs show it).
func agree(t *testing.T, figure string, want, tol float64, got map[string]float64) {
	t.Helper()
	var diff []string
	for src, v := range got {
		if math.IsNaN(v) || math.Abs(v-want) > tol+1e-9 {
			diff = append(diff, fmt.Sprintf("%s = %v", src, v))
		}
	}
	if len(diff) > 0 {
		t.Errorf("%s: %v, but %s", figure, want, strings.Join(diff, "; "))
	}
}

func cliJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, args...)
	if code != exitOK {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), v); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
}

// configOnly keeps --config from the common flags (plan has no period).
func configOnly(args []string) []string {
	for i := 0; i+1 < len(args); i++ {
		if args[i] == "--config" {
			return args[i : i+2]
		}
	}
	return nil
}

func openXLSX(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func rawRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	return rows
}

// sintesi is the value beside label on the first sheet.
func sintesi(t *testing.T, f *excelize.File, label string) float64 {
	t.Helper()
	for _, r := range rawRows(t, f, "Sintesi") {
		if len(r) > 1 && r[0] == label {
			return number(r[1])
		}
	}
	t.Errorf("Sintesi: no row %q", label)
	return math.NaN()
}

// shown is sintesi for a count the council's version may suppress: a
// count under 3 shown as «n.d.» reads as the true value.
func shown(t *testing.T, f *excelize.File, label string, want int) float64 {
	t.Helper()
	for _, r := range rawRows(t, f, "Sintesi") {
		if len(r) > 1 && r[0] == label {
			if r[1] == "n.d." && want > 0 && want < 3 {
				return float64(want)
			}
			return number(r[1])
		}
	}
	t.Errorf("Sintesi: no row %q", label)
	return math.NaN()
}

// ambitoRow is how the LEPS table labels the Ambito's row.
func ambitoRow(name string) string {
	if strings.HasPrefix(strings.ToLower(name), "ambito") {
		return name
	}
	return strings.TrimSpace("Ambito " + name)
}

// tableValue is the cell in column col of the row whose key column holds
// key, in the first table of sheet that has both columns.
func tableValue(t *testing.T, f *excelize.File, sheet, keyCol, key, col string) float64 {
	t.Helper()
	vals := tableColumn(t, f, sheet, keyCol, col)
	v, ok := vals[key]
	if !ok {
		t.Errorf("%s: no row %q under %q", sheet, key, keyCol)
		return math.NaN()
	}
	return number(v)
}

// tableSum adds up column col of the first table with keyCol (a
// «Totale» row excluded).
func tableSum(t *testing.T, f *excelize.File, sheet, keyCol, col string) float64 {
	t.Helper()
	var sum float64
	for k, v := range tableColumn(t, f, sheet, keyCol, col) {
		if !strings.HasPrefix(k, "Totale") {
			sum += number(v)
		}
	}
	return sum
}

func tableColumn(t *testing.T, f *excelize.File, sheet, keyCol, col string) map[string]string {
	t.Helper()
	pairs := tablePairs(t, f, sheet, keyCol, col)
	if pairs == nil {
		return nil
	}
	out := map[string]string{}
	for _, kv := range pairs {
		out[kv[0]] = kv[1]
	}
	return out
}

// tablePairs is the key and the value of column col, row by row, in the
// first table of sheet with both columns; nil (and an error) when none.
func tablePairs(t *testing.T, f *excelize.File, sheet, keyCol, col string) [][2]string {
	t.Helper()
	rows := rawRows(t, f, sheet)
	for i, r := range rows {
		ki, ci := index(r, keyCol), index(r, col)
		if ki < 0 || ci < 0 {
			continue
		}
		out := [][2]string{}
		for _, row := range rows[i+1:] {
			if len(row) <= ki || row[ki] == "" {
				break
			}
			if ci < len(row) {
				out = append(out, [2]string{row[ki], row[ci]})
			}
		}
		return out
	}
	t.Errorf("%s: no table with columns %q and %q", sheet, keyCol, col)
	return nil
}

func index(row []string, name string) int {
	for i, c := range row {
		if c == name {
			return i
		}
	}
	return -1
}

var headlineRow = regexp.MustCompile(`<th scope="row">([^<]*)</th><td[^>]*>([^<]*)</td>`)

// dashboard is the value beside label in the dashboard's Sintesi table.
func dashboard(t *testing.T, page []byte, label string) float64 {
	t.Helper()
	for _, m := range headlineRow.FindAllSubmatch(page, -1) {
		if html.UnescapeString(string(m[1])) == label {
			return italianNumber(html.UnescapeString(string(m[2])))
		}
	}
	t.Errorf("dashboard: no Sintesi row %q", label)
	return math.NaN()
}

// number reads a raw workbook value.
func number(s string) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// italianNumber reads a number as the dashboard prints it: 1.462; 2,50.
func italianNumber(s string) float64 {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	return number(strings.TrimPrefix(s, "€ "))
}

func teamOf(t *testing.T, m *model.Metrics, role string) *model.TeamMetrics {
	t.Helper()
	for i := range m.Teams {
		if m.Teams[i].Role == role {
			return &m.Teams[i]
		}
	}
	t.Fatalf("metrics: no team %q", role)
	return nil
}

func auditCount(t *testing.T, a *analytics.Analysis, rule string) int {
	t.Helper()
	for _, r := range a.Audit {
		if r.Rule == rule {
			return r.Count
		}
	}
	t.Errorf("analyze: no audit rule %q", rule)
	return -1
}

func dormantWithoutHolder(m *model.Metrics) int {
	n := 0
	for _, d := range m.Quality.Dormant {
		if d.OperatorID == "" {
			n++
		}
	}
	return n
}

func awtHours(o *model.OperatorMetrics, year int) float64 {
	for _, a := range o.AWT {
		if a.Year == year {
			return a.Hours
		}
	}
	return math.NaN()
}

func baselineResidents(r planning.ScenarioResult, istat string) float64 {
	for _, c := range r.Comuni {
		if c.ISTAT == istat {
			return float64(c.Residents)
		}
	}
	return math.NaN()
}

func deref(v *float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return *v
}

// checkCapacity: the hours for case work of operator op, net of her
// capacity reductions, and the load they give are the same in the metrics
// JSON (capacity.case_hours, the weight sets' case_hours), the
// responsabile's workbook, the personal statement and allocate; and they
// are the hours without reductions × the capacity factor, exactly.
func checkCapacity(t *testing.T, db string, m *model.Metrics, op *model.OperatorMetrics, resp *excelize.File, common []string) {
	t.Helper()
	if op.Capacity == nil || op.Load == nil {
		t.Fatalf("metrics: %s has no capacity or load", op.ID)
	}
	cp := op.Capacity
	full := model.CaseHours(op.YearlyHours, m.Config.Thresholds.CaseTimeShare, 1)
	if math.Abs(cp.CaseHours-full*cp.Factor) > 1e-9 {
		t.Errorf("metrics: case hours %v, want %v × %v", cp.CaseHours, full, cp.Factor)
	}
	if math.Abs(*op.Load-op.WeightedCaseload/cp.CaseHours) > 1e-12 {
		t.Errorf("metrics: load %v is not weighted caseload ÷ capacity.case_hours (%v)", *op.Load, op.WeightedCaseload/cp.CaseHours)
	}
	var weighting float64
	for _, ow := range m.Weights.Operators {
		if ow.ID == op.ID && ow.CaseHours != nil {
			weighting = *ow.CaseHours
		}
	}
	var ranked []struct {
		ID         string
		LoadBefore *float64
	}
	cliJSON(t, &ranked, append([]string{"allocate", "--db", db, "--format", "json", "--area", "anziani", "--complexity", "media",
		"--comune", m.Comuni[0].ISTAT, "--at", m.Period.At.Format("02/01/2006")}, configOnly(common)...)...)
	var allocLoad float64
	for _, c := range ranked {
		if c.ID == op.ID {
			allocLoad = deref(c.LoadBefore)
		}
	}
	out := t.TempDir()
	if code, _, stderr := runCLI(t, append([]string{"statement", "--db", db, "--operator", op.ID, "--out", out}, common...)...); code != exitOK {
		t.Fatalf("statement: exit %d: %s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.html"))
	if len(files) != 1 {
		t.Fatalf("statement: files %v", files)
	}
	page, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	text := html.UnescapeString(string(page))
	stmHours := regexp.MustCompile(`a fronte di <strong>([0-9.]+) ore all'anno</strong>`).FindStringSubmatch(text)
	if stmHours == nil {
		t.Fatal("statement: no hours for case work in the summary")
	}
	agree(t, "ore annue per i casi di "+op.ID, cp.CaseHours, 0.5, map[string]float64{
		"metrics weights.operators case_hours": weighting,
		"responsabile Carico per operatore":    tableValue(t, resp, "Carico per operatore", "Operatore", op.Name, "Ore annue per i casi"),
		"prospetto personale":                  italianNumber(stmHours[1]),
	})
	agree(t, "carico sul tempo per i casi di "+op.ID, *op.Load, 0.0005, map[string]float64{
		"responsabile Carico per operatore": tableValue(t, resp, "Carico per operatore", "Operatore", op.Name, "Carico ponderato sul tempo per i casi"),
		"allocate":                          allocLoad,
	})
	for _, r := range cp.Reductions {
		if !strings.Contains(text, r.Sentence()) {
			t.Errorf("statement does not say %q", r.Sentence())
		}
	}
}

// cliRowNumber is the number in column col (0 = the label) of the line of
// a CLI table that starts with label; NaN when there is none.
func cliRowNumber(t *testing.T, table, label string, col int) float64 {
	t.Helper()
	for _, line := range strings.Split(table, "\n") {
		f := regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(line), -1)
		if f[0] != label || len(f) <= col {
			continue
		}
		v, err := italian.ParseNumber(f[col])
		if err != nil {
			t.Errorf("CLI %s: %q is not a number: %v", label, f[col], err)
			return math.NaN()
		}
		return v
	}
	t.Errorf("CLI table: no line %q", label)
	return math.NaN()
}
