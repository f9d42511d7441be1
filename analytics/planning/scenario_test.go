package planning

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/carico/carico"
	"github.com/carico/carico/model"
)

// handBaseline: an Ambito of 61,200 residents in two comuni (A 40,800,
// B 20,400) with 6 permanent social-worker FTE (4 in A, 2 in B) plus a
// fixed-term half-time one in B; 150 open famiglia/minori cases of medium
// complexity in A (default weight 20 h → 3,000 h) and 200 anziani cases of
// low complexity in B (5 h → 1,000 h); 1,500 available hours per FTE.
func handBaseline() Baseline {
	sw, perm, fixed := carico.RoleSocialWorker, carico.ContractPermanent, carico.ContractFixedTerm
	return Baseline{
		Year:        2025,
		HoursPerFTE: 1500,
		Comuni:      []BaseComune{{"000001", "Alfa", 40800}, {"000002", "Beta", 20400}},
		Staff: []StaffShare{
			{"a1", sw, perm, "000001", 1, 1}, {"a2", sw, perm, "000001", 1, 1}, {"a3", sw, perm, "000001", 1, 1}, {"a4", sw, perm, "000001", 1, 1},
			{"b1", sw, perm, "000002", 1, 1}, {"b2", sw, perm, "000002", 1, 1}, {"b3", sw, fixed, "000002", 0.5, 1},
			{"e1", carico.RoleEducator, perm, "000001", 1, 1},
		},
		Cases: []CaseGroup{
			{"000001", carico.AreaFamily, 2, 150},
			{"000002", carico.AreaElderly, 1, 200},
		},
		// The model's worksheet for the same workload: a year of the open
		// cases, 30 % of time on support activities.
		WISN: model.WISNInput{
			Category: string(sw), AWTHours: 1500, ActualFTE: 6.5,
			Main: []model.WISNActivity{
				{Name: model.CaseWorkActivity(carico.AreaFamily), Units: 150, HoursPerUnit: 20},
				{Name: model.CaseWorkActivity(carico.AreaElderly), Units: 200, HoursPerUnit: 5},
			},
			Support: []model.WISNSupport{{Name: "Comunità, amministrazione, formazione", Percent: 30}},
		},
	}
}

func runHand(t *testing.T, text string) []ScenarioResult {
	t.Helper()
	f, err := ParseScenarios("test", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	res, err := RunScenarios(handBaseline(), f, model.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func approx(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.4f, want %.4f", what, got, want)
	}
}

// The worked example: 61,200 residents, 6 permanent FTE. Hiring 3
// gives 9 FTE, 1:6,800, still below 1:6,500: no contribution. Hiring 4 gives
// 10 FTE, 1:6,120, and 40,000 × (10 − 61,200/6,500) = €23,384.62 a year.
func TestScenarioLEPSWorkedExample(t *testing.T) {
	res := runHand(t, `
[[scenario]]
name = "tre"
[[scenario.staff]]
action = "hire"
role = "assistente_sociale"
fte = 3
comuni = { "000002" = 1.0 }

[[scenario]]
name = "quattro"
[[scenario.staff]]
action = "hire"
role = "assistente_sociale"
contract = "indeterminato"
fte = 4
comuni = { "000001" = 0.5, "000002" = 0.5 }
`)
	if len(res) != 3 || res[0].Name != "Situazione attuale" {
		t.Fatalf("want baseline first and two scenarios, got %d", len(res))
	}
	base, three, four := res[0].Ambito, res[1].Ambito, res[2].Ambito
	approx(t, "baseline permanent FTE", base.PermanentSocialWorkerFTE, 6, 1e-12)
	approx(t, "baseline all FTE", base.SocialWorkerFTE, 6.5, 1e-12)
	approx(t, "baseline contribution", base.ContributionEUR, 0, 1e-9)
	approx(t, "3 hired: ratio", *three.ResidentsPerPermanentSocialWorker, 6800, 1e-9)
	approx(t, "3 hired: contribution", three.ContributionEUR, 0, 1e-9)
	approx(t, "3 hired: added cost", three.AddedCostEUR, 3*34100, 1e-9)
	approx(t, "3 hired: net cost", three.NetCostEUR, 3*34100, 1e-9)
	approx(t, "4 hired: ratio", *four.ResidentsPerPermanentSocialWorker, 6120, 1e-9)
	approx(t, "4 hired: contribution", four.ContributionEUR, 23384.615, 0.001)
	approx(t, "4 hired: net cost", four.NetCostEUR, 4*34100-23384.615, 0.001)
	// 1:5,000 needs 12.24 FTE: 2.24 still missing; 1:4,000 needs 15.3.
	approx(t, "4 hired: missing to LEP", four.FTEMissingLEP, 61200.0/5000-10, 1e-9)
	approx(t, "4 hired: missing to target", four.FTEMissingTarget, 61200.0/4000-10, 1e-9)
	// Net cost shared by residents: Alfa two thirds, Beta one third.
	approx(t, "Alfa's share", res[2].Comuni[0].NetCostShareEUR, four.NetCostEUR*2/3, 1e-6)
	approx(t, "Beta's share", res[2].Comuni[1].NetCostShareEUR, four.NetCostEUR/3, 1e-6)
	// Beta's permanent FTE: 2 + 2 = 4, 20,400 / 4 = 5,100.
	approx(t, "Beta ratio", *res[2].Comuni[1].ResidentsPerPermanentSocialWorker, 5100, 1e-9)
	if res[2].Comuni[1].LEPS.Status != model.StatusCritical {
		t.Errorf("Beta at 1:5,100 should be critico, got %v", res[2].Comuni[1].LEPS)
	}
}

// Workload levers. Baseline: 4,000 weighted hours, 6.5 FTE, 1,500 h per
// FTE, 70 % of time for cases: load = (4,000/6.5)/(1,500 × 0.7) = 0.5861;
// WISN required = 4,000/1,500 ÷ 0.7 = 3.8095, ratio 6.5/3.8095 = 1.7063.
func TestScenarioWorkloadLevers(t *testing.T) {
	res := runHand(t, `
share_key = "use"

[[scenario]]
name = "comunità"
community_target = 0.20

[[scenario]]
name = "arrivi"
[scenario.arrivals]
famiglia_minori = 10.0

[[scenario]]
name = "pesi"
[scenario.weights]
anziani = [8.0, 16.0, 32.0]

[[scenario]]
name = "popolazione"
[scenario.population]
"000002" = -10.0

[[scenario]]
name = "spostamento"
[[scenario.staff]]
action = "move"
role = "assistente_sociale"
contract = "indeterminato"
fte = 1
from = "000001"
comuni = { "000002" = 1.0 }

[[scenario]]
name = "riduzione"
[[scenario.staff]]
action = "reduce"
role = "assistente_sociale"
fte = 1.3
from = "000002"
`)
	base := res[0].Ambito
	approx(t, "baseline load", *base.Load, 4000/6.5/1050, 1e-12)
	approx(t, "baseline WISN required", base.WISNRequiredFTE, 4000.0/1500/0.7, 1e-12)
	approx(t, "baseline WISN ratio", *base.WISNRatio, 6.5/(4000.0/1500/0.7), 1e-12)

	// Community target 20 % instead of 10 %: 60 % left for cases.
	approx(t, "community: load", *res[1].Ambito.Load, 4000/6.5/900, 1e-12)
	approx(t, "community: WISN required", res[1].Ambito.WISNRequiredFTE, 4000.0/1500/0.6, 1e-12)
	// Arrivals +10 % in famiglia/minori: 3,000 → 3,300 h in Alfa.
	approx(t, "arrivals: hours", res[2].Ambito.WeightedCaseloadHours, 4300, 1e-9)
	approx(t, "arrivals: Alfa hours", res[2].Comuni[0].WeightedCaseloadHours, 3300, 1e-9)
	// Weights of low-complexity anziani 5 → 8 h: Beta 1,600 h.
	approx(t, "weights: Beta hours", res[3].Comuni[1].WeightedCaseloadHours, 1600, 1e-9)
	// Beta −10 %: 18,360 residents and 180 cases.
	if r := res[4].Comuni[1].Residents; r != 18360 {
		t.Errorf("population: Beta residents %d, want 18,360", r)
	}
	approx(t, "population: Beta hours", res[4].Comuni[1].WeightedCaseloadHours, 900, 1e-9)
	approx(t, "population: Ambito residents", float64(res[4].Ambito.Residents), 59160, 0)
	// Move: the Ambito is unchanged, Alfa 3 FTE and Beta 3.5, no cost.
	approx(t, "move: Ambito FTE", res[5].Ambito.SocialWorkerFTE, 6.5, 1e-12)
	approx(t, "move: Alfa FTE", res[5].Comuni[0].SocialWorkerFTE, 3, 1e-12)
	approx(t, "move: Beta permanent", res[5].Comuni[1].PermanentSocialWorkerFTE, 3, 1e-12)
	approx(t, "move: cost", res[5].Ambito.AddedCostEUR, 0, 1e-9)
	// Reduce 1.3 of Beta's 2.5 FTE pro rata: 52 % of each share; permanent
	// 2 → 0.96, fixed-term 0.5 → 0.24; saving 1.3 × 34,100.
	approx(t, "reduce: Beta permanent", res[6].Comuni[1].PermanentSocialWorkerFTE, 0.96, 1e-12)
	approx(t, "reduce: Beta all", res[6].Comuni[1].SocialWorkerFTE, 1.2, 1e-12)
	approx(t, "reduce: cost", res[6].Ambito.AddedCostEUR, -1.3*34100, 1e-6)
	// share_key = "use": net cost split by weighted hours, Alfa 3/4.
	approx(t, "reduce: Alfa share", res[6].Comuni[0].NetCostShareEUR, res[6].Ambito.NetCostEUR*0.75, 1e-6)
}

func TestScenarioErrors(t *testing.T) {
	for name, text := range map[string]string{
		"unknown key":    "[[scenario]]\nname = \"x\"\nfoo = 1\n",
		"bad action":     "[[scenario]]\nname = \"x\"\n[[scenario.staff]]\naction = \"fire\"\nrole = \"assistente_sociale\"\nfte = 1\n",
		"bad role":       "[[scenario]]\nname = \"x\"\n[[scenario.staff]]\naction = \"hire\"\nrole = \"medico\"\nfte = 1\n",
		"shares":         "[[scenario]]\nname = \"x\"\n[[scenario.staff]]\naction = \"hire\"\nrole = \"educatore\"\nfte = 1\ncomuni = { \"000001\" = 0.5 }\n",
		"duplicate name": "[[scenario]]\nname = \"x\"\n[[scenario]]\nname = \"x\"\n",
		"bad share key":  "share_key = \"abitanti\"\n",
		"bad area":       "[[scenario]]\nname = \"x\"\n[scenario.arrivals]\nmarziani = 5.0\n",
		"bad community":  "[[scenario]]\nname = \"x\"\ncommunity_target = 1.5\n",
	} {
		if _, err := ParseScenarios("test", []byte(text)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	for name, text := range map[string]string{
		"unknown comune":  "[[scenario]]\nname = \"x\"\n[scenario.population]\n\"999999\" = 3.0\n",
		"reduce too much": "[[scenario]]\nname = \"x\"\n[[scenario.staff]]\naction = \"reduce\"\nrole = \"assistente_sociale\"\nfte = 9\n",
	} {
		f, err := ParseScenarios("test", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := RunScenarios(handBaseline(), f, model.DefaultConfig()); err == nil {
			t.Errorf("%s: error %v", name, err)
		}
	}
}

// The example file shipped with the sample data must parse and run.
func TestExampleScenarioFile(t *testing.T) {
	text, err := os.ReadFile("../../sample-data/scenari-esempio.toml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseScenarios("scenari-esempio.toml", text)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Scenarios) < 3 {
		t.Errorf("example has %d scenarios", len(f.Scenarios))
	}
}

func TestDefaultCosts(t *testing.T) {
	c := DefaultCosts()
	for _, r := range carico.Roles {
		for _, k := range []carico.Contract{carico.ContractPermanent, carico.ContractFixedTerm} {
			if c[r][k] <= 0 {
				t.Errorf("no default cost for %s %s", r, k)
			}
		}
	}
}

// Without a scenario file: the FTE the Ambito misses to 1:5,000 (12.24 −
// 6 = 6.24) and to 1:4,000 (15.3 − 6 = 9.3), placed where the comuni miss
// them — Alfa 4.16 of 6.24 (2/3) and 6.2 of 9.3, Beta the rest.
func TestDefaultScenarios(t *testing.T) {
	cfg := model.DefaultConfig()
	base := handBaseline()
	f := DefaultScenarios(base, cfg)
	if len(f.Scenarios) != 2 || f.Scenarios[0].Name != "Assunzioni per 1:5.000" || f.Scenarios[1].Name != "Assunzioni per 1:4.000" {
		t.Fatalf("scenarios %+v", f.Scenarios)
	}
	// Hundredths of FTE, rounded up: one more where the shares, summed
	// again, fall a hair short of the level.
	hire := f.Scenarios[0].Staff[0]
	approx(t, "1:5.000 hire", hire.FTE, 6.245, 0.0051)
	approx(t, "Alfa's part", hire.Comuni["000001"], 2.0/3, 1e-12)
	approx(t, "1:4.000 hire", f.Scenarios[1].Staff[0].FTE, 9.305, 0.0051)
	approx(t, "Alfa's part", f.Scenarios[1].Staff[0].Comuni["000001"], 6.2/9.3, 1e-12)
	res, err := RunScenarios(base, f, cfg)
	if err != nil {
		t.Fatal(err)
	}
	lep, goal := res[1], res[2]
	if r := *lep.Ambito.ResidentsPerPermanentSocialWorker; r > 5000 || lep.Ambito.FTEMissingLEP != 0 || lep.Ambito.LEPS.Status != model.StatusWarning {
		t.Errorf("1:5.000 scenario: 1:%.2f, %.4f missing, %s", r, lep.Ambito.FTEMissingLEP, lep.Ambito.LEPS.Status)
	}
	if r := *goal.Ambito.ResidentsPerPermanentSocialWorker; r > 4000 || goal.Ambito.FTEMissingTarget != 0 || goal.Ambito.LEPS.Status != model.StatusOK {
		t.Errorf("1:4.000 scenario: 1:%.2f, %.4f missing, %s", r, goal.Ambito.FTEMissingTarget, goal.Ambito.LEPS.Status)
	}
	// Each comune reaches the level too: the hires go where they miss.
	for _, c := range goal.Comuni {
		approx(t, c.Name+" missing to 1:4.000", c.FTEMissingTarget, 0, 1e-9)
	}
	approx(t, "1:5.000 cost", lep.Ambito.AddedCostEUR, hire.FTE*34100, 1e-6)

	// An Ambito at the level hires nobody, and says so.
	base.Comuni[0].Residents, base.Comuni[1].Residents = 16000, 8000
	f = DefaultScenarios(base, cfg)
	if len(f.Scenarios[1].Staff) != 0 || f.Scenarios[1].Description == "" {
		t.Errorf("24,000 residents for 6 permanent FTE: %+v", f.Scenarios[1])
	}
}

// TestScenarioRanges checks that a lever outside its stated range is
// refused with the value and the range in Italian, and that the bounds
// themselves are accepted.
func TestScenarioRanges(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, text, want string
	}{
		{"billion hires", "[[scenario]]\nname = \"x\"\n[[scenario.staff]]\naction = \"hire\"\nrole = \"assistente_sociale\"\nfte = 1e9\n", "1.000.000.000 fuori dall'intervallo ammesso (più di 0, fino a 100 FTE)"},
		{"residents gone", "[[scenario]]\nname = \"x\"\n[scenario.population]\n\"016198\" = -100.0\n", "residenti di 016198: -100 fuori dall'intervallo ammesso (da -50 a 50 %)"},
		{"arrivals", "[[scenario]]\nname = \"x\"\n[scenario.arrivals]\nanziani = 301.0\n", "301 fuori"},
		{"zero weight", "[[scenario]]\nname = \"x\"\n[scenario.weights]\nanziani = [0.0, 10.0, 20.0]\n", "0 fuori"},
		{"huge weight", "[[scenario]]\nname = \"x\"\n[scenario.weights]\nanziani = [1.0, 10.0, 1000.5]\n", "1.000,5 fuori"},
	} {
		_, err := ParseScenarios("test", []byte(c.text))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to contain %q", c.name, err, c.want)
		}
	}
	ok := "[[scenario]]\nname = \"x\"\n[[scenario.staff]]\naction = \"hire\"\nrole = \"assistente_sociale\"\nfte = 100.0\n" +
		"[scenario.population]\n\"016198\" = -50.0\n[scenario.arrivals]\nanziani = 300.0\n[scenario.weights]\nanziani = [0.5, 10.0, 1000.0]\n"
	if _, err := ParseScenarios("test", []byte(ok)); err != nil {
		t.Errorf("the bounds themselves: %v", err)
	}
}
