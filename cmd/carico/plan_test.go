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

// planDB writes a small Ambito to a database file: two comuni, three social
// workers, 900 cartelle opened one a day from 1/1/2023 in four quartieri of
// Alfa and in Beta.
func planDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "carico.duckdb")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`INSERT INTO comune (istat, name) VALUES ('000001', 'Alfa'), ('000002', 'Beta')`,
		`INSERT INTO residents VALUES ('000001', 2025, 40800), ('000002', 2025, 20400)`,
		`INSERT INTO operator VALUES
			('o1', 'Uno', 'assistente_sociale', 36, 'indeterminato', NULL, NULL),
			('o2', 'Due', 'assistente_sociale', 36, 'indeterminato', NULL, NULL),
			('o3', 'Tre', 'assistente_sociale', 18, 'determinato', NULL, NULL),
			('o4', 'Quattro', 'educatore', 36, 'indeterminato', NULL, NULL)`,
		`INSERT INTO allocation VALUES ('o1', '000001', 1), ('o2', '000001', 0.5), ('o2', '000002', 0.5), ('o3', '000002', 1), ('o4', '000001', 1)`,
		`INSERT INTO cases (id, person, istat, zone, area, complexity, opened, closed)
		 SELECT 'c' || i, 'p' || i,
		        CASE WHEN i % 3 = 0 THEN '000002' ELSE '000001' END,
		        CASE WHEN i % 3 = 0 THEN NULL ELSE ['Centro', 'Nord', 'Sud', 'Est'][i % 4 + 1] END,
		        CASE WHEN i % 2 = 0 THEN 'anziani' ELSE 'famiglia_minori' END,
		        i % 3 + 1,
		        DATE '2023-01-01' + CAST(i AS INTEGER),
		        CASE WHEN i % 2 = 0 AND i < 600 THEN DATE '2023-01-01' + CAST(i + 200 AS INTEGER) END
		 FROM range(0, 900) t(i)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return path
}

func TestPlanCLI(t *testing.T) {
	dbPath := planDB(t)
	dir := t.TempDir()
	adj := filepath.Join(dir, "adiacenze.csv")
	os.WriteFile(adj, []byte("quartiere;confinante\nCentro;Nord\nCentro;Sud\nCentro;Est\nNord;Est\n"), 0o644)
	scen := filepath.Join(dir, "scenari.toml")
	os.WriteFile(scen, []byte("[[scenario]]\nname = \"Uno in più\"\n[[scenario.staff]]\naction = \"hire\"\nrole = \"assistente_sociale\"\nfte = 1\n"), 0o644)

	t.Run("forecast json", func(t *testing.T) {
		code, out, errOut := runCLI(t, "plan", "forecast", "--db", dbPath, "--format", "json", "--horizon", "12")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got struct {
			From, To, Source string
			Series           []struct {
				Name   string   `json:"name"`
				Method string   `json:"method"`
				MASE   *float64 `json:"mase"`
				Points []struct {
					Month      string
					Value      float64
					Lo80, Hi80 float64
					Lo95, Hi95 float64
				} `json:"points"`
			} `json:"series"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Series) != 3 || got.Series[0].Name != "ambito" || got.Series[0].Method == "" || len(got.Series[0].Points) != 12 {
			t.Fatalf("series %+v", got.Series)
		}
		// The whole archive: openings from January 2023 (the first closure
		// comes in July) to May 2025 (the last opening is of 19 June).
		if got.From != "2023-01" || got.To != "2025-05" || got.Source != "aperture dalle cartelle, gen 2023 – mag 2025" {
			t.Errorf("history %s–%s %q", got.From, got.To, got.Source)
		}
		// 30 cartelle a month, every month: the forecast stays near 30.
		if v := got.Series[0].Points[0].Value; v < 25 || v > 35 {
			t.Errorf("first forecast %v, want about 30", v)
		}
	})
	t.Run("forecast table", func(t *testing.T) {
		code, out, errOut := runCLI(t, "plan", "forecast", "--db", dbPath, "--measure", "open")
		if code != exitOK || !strings.Contains(out, "Casi aperti a fine mese") || !strings.Contains(out, "FTE necessari") {
			t.Fatalf("exit %d: %s %s", code, out, errOut)
		}
		_, out, _ = runCLI(t, "plan", "forecast", "--db", dbPath, "--measure", "open", "--format", "json")
		if !strings.Contains(out, `"fte_needed": {`) {
			t.Errorf("open caseload forecast without fte_needed: %.300s", out)
		}
	})
	t.Run("scenario", func(t *testing.T) {
		code, out, errOut := runCLI(t, "plan", "scenario", "--db", dbPath, "--scenarios", scen, "--at", "31/12/2024", "--format", "json")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got struct {
			Scenarios []struct {
				Name   string
				Ambito map[string]any
				Comuni []map[string]any
			}
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Scenarios) != 2 || got.Scenarios[0].Name != "Situazione attuale" || len(got.Scenarios[1].Comuni) != 2 {
			t.Fatalf("scenarios %+v", got.Scenarios)
		}
		for _, key := range []string{"social_worker_fte", "permanent_social_worker_fte", "residents_per_permanent_social_worker", "fte_missing_lep", "fte_missing_target", "contribution_eur", "added_cost_eur", "net_cost_eur"} {
			if _, ok := got.Scenarios[1].Ambito[key]; !ok {
				t.Errorf("ambito lacks %s", key)
			}
		}
		// 2 permanent FTE (the half-time one is fixed-term) + 1 hired: 61,200 / 3.
		if v := got.Scenarios[1].Ambito["residents_per_permanent_social_worker"].(float64); v != 20400 {
			t.Errorf("residents per permanent FTE %v", v)
		}
	})
	t.Run("default scenarios", func(t *testing.T) {
		code, out, errOut := runCLI(t, "plan", "scenario", "--db", dbPath, "--at", "31/12/2024", "--format", "json")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got struct {
			Scenarios []struct {
				Name   string
				Ambito struct {
					PermanentFTE float64 `json:"permanent_social_worker_fte"`
					MissingLEP   float64 `json:"fte_missing_lep"`
					MissingGoal  float64 `json:"fte_missing_target"`
				}
			}
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		// 61,200 residents and 2 permanent FTE: 10.24 missing to 1:5,000,
		// 13.30 to 1:4,000.
		if len(got.Scenarios) != 3 || got.Scenarios[1].Name != "Assunzioni per 1:5.000" || got.Scenarios[2].Name != "Assunzioni per 1:4.000" {
			t.Fatalf("scenarios %+v", got.Scenarios)
		}
		b, lep, goal := got.Scenarios[0].Ambito, got.Scenarios[1].Ambito, got.Scenarios[2].Ambito
		if b.MissingLEP < 10.239 || b.MissingLEP > 10.241 || lep.MissingLEP != 0 || goal.MissingGoal != 0 || lep.PermanentFTE < 12.239 || lep.PermanentFTE > 12.241 {
			t.Errorf("baseline %+v, 1:5.000 %+v, 1:4.000 %+v", b, lep, goal)
		}
	})
	t.Run("zones", func(t *testing.T) {
		code, out, errOut := runCLI(t, "plan", "zones", "--db", dbPath, "--comune", "000001", "--k", "2", "--adjacency", adj, "--at", "2025-06-30", "--format", "json")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got struct {
			Current struct {
				Basis string
				CV    float64
			}
			Proposed struct {
				Zones []struct {
					ID            string
					Units         []string
					WorkloadHours float64 `json:"workload_hours"`
					FTENeeded     float64 `json:"fte_needed"`
				}
				CV float64
			}
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Proposed.Zones) != 2 || got.Current.Basis != "area" || got.Proposed.Zones[0].FTENeeded <= 0 {
			t.Fatalf("zones %+v", got)
		}
		code, out, _ = runCLI(t, "plan", "zones", "--db", dbPath, "--comune", "000001", "--k", "2", "--adjacency", adj)
		if code != exitOK || !strings.Contains(out, "Dispersione del carico") || !strings.Contains(out, "Minori e famiglia") {
			t.Errorf("table: %s", out)
		}
		cur := filepath.Join(dir, "zone-attuali.csv")
		os.WriteFile(cur, []byte("quartiere;zona\nCentro;Uno\nNord;Uno\nSud;Uno\nEst;Due\n"), 0o644)
		code, out, errOut = runCLI(t, "plan", "zones", "--db", dbPath, "--comune", "000001", "--k", "2", "--adjacency", adj, "--current", cur, "--format", "json")
		if code != exitOK || !strings.Contains(out, `"basis": "zone"`) || !strings.Contains(out, `"id": "Due"`) {
			t.Errorf("current zones from a file: exit %d %s %.400s", code, errOut, out)
		}
	})
	t.Run("usage errors", func(t *testing.T) {
		for _, args := range [][]string{
			{"plan"},
			{"plan", "boh"},
			{"plan", "forecast", "argomento"},
			{"plan", "forecast", "--db", dbPath, "--horizon", "60"},
			{"plan", "forecast", "--db", dbPath, "--format", "xml"},
			{"plan", "zones", "--db", dbPath, "--adjacency", adj},
		} {
			if code, _, errOut := runCLI(t, args...); code != exitUsage {
				t.Errorf("%v: exit %d, want 2 (%s)", args, code, errOut)
			}
		}
		if code, _, errOut := runCLI(t, "plan", "zones", "--db", dbPath, "--comune", "000001", "--k", "9", "--adjacency", adj); code != exitRuntime || !strings.Contains(errOut, "non bastano") {
			t.Errorf("k too large: exit %d %s", code, errOut)
		}
	})
}
