package planning

import (
	_ "embed"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/tomlerr"
	"github.com/carico/carico/model"
)

// Baseline is the Ambito as it stands at the reference date: what every
// scenario changes.
type Baseline struct {
	At   time.Time // reference date
	Year int
	// HoursPerFTE is the available working time of a full-time worker in
	// a year: the model's hours per FTE (both staffing methods).
	HoursPerFTE float64
	Comuni      []BaseComune
	Staff       []StaffShare
	Cases       []CaseGroup
	// WISN is the model's WISN worksheet of the social workers: the
	// yearly workload of the period and its activity standards. Every
	// scenario's WISN starts from it, so the baseline's ratio is the
	// model's.
	WISN model.WISNInput
}

// BaseComune is a comune and its residents at 1 January of the year.
type BaseComune struct {
	ISTAT     string
	Name      string
	Residents int
}

// StaffShare is the part of an operator's FTE allocated to one comune;
// ISTAT is empty for the part allocated to none, which counts for the
// Ambito only.
type StaffShare struct {
	OperatorID string
	Role       carico.Role
	Contract   carico.Contract
	ISTAT      string
	FTE        float64
	// Capacity is the operator's capacity factor (model.Capacity): the
	// part of her FTE the load and WISN count after the capacity
	// register's reductions; 0 is read as 1 (a hire has none).
	Capacity float64
}

// caseFTE is the share's FTE net of the capacity register's reductions.
func (s StaffShare) caseFTE() float64 {
	if s.Capacity == 0 {
		return s.FTE
	}
	return s.FTE * s.Capacity
}

// CaseGroup counts the open cases of one comune, area and complexity.
type CaseGroup struct {
	ISTAT      string
	Area       carico.Area
	Complexity int
	Open       float64
}

// ScenarioFile is the TOML scenario file (sample-data/scenari-esempio.toml
// is the commented example).
type ScenarioFile struct {
	// ShareKey divides the net cost among the comuni: "residents" or "use"
	// (their share of the weighted caseload).
	ShareKey string `toml:"share_key"`
	// Costs overrides the yearly cost per FTE by role and contract.
	Costs     map[carico.Role]map[carico.Contract]float64 `toml:"costs"`
	Scenarios []Scenario                                  `toml:"scenario"`
}

// Scenario is one named set of changes to the baseline.
type Scenario struct {
	Name        string        `toml:"name"`
	Description string        `toml:"description"`
	Staff       []StaffChange `toml:"staff"`
	// Population is the percentage change of residents by ISTAT code.
	Population map[string]float64 `toml:"population"`
	// Arrivals is the percentage change of new cases by area.
	Arrivals map[carico.Area]float64 `toml:"arrivals"`
	// Weights replaces case weights (hours per case-year, complexity 1–3).
	Weights map[carico.Area][3]float64 `toml:"weights"`
	// CommunityTarget is the share of social workers' time reserved for
	// community work; nil keeps the model's target.
	CommunityTarget *float64 `toml:"community_target"`
}

// StaffChange hires, reduces or moves FTE.
type StaffChange struct {
	Action   string          `toml:"action"` // hire | reduce | move
	Role     carico.Role     `toml:"role"`
	Contract carico.Contract `toml:"contract"` // hire: default indeterminato; reduce/move: empty = every contract pro rata
	FTE      float64         `toml:"fte"`
	Operator string          `toml:"operator"` // reduce/move one operator's FTE
	From     string          `toml:"from"`     // reduce/move: ISTAT of the comune giving the FTE
	// Comuni is the allocation of hired or moved FTE (shares summing to 1);
	// empty spreads it by residents.
	Comuni map[string]float64 `toml:"comuni"`
}

//go:embed costs.toml
var costsTOML string

// DefaultCosts is the yearly cost of one FTE by role and contract, from
// costs.toml (with its CCNL source).
func DefaultCosts() map[carico.Role]map[carico.Contract]float64 {
	var f struct {
		Costs map[carico.Role]map[carico.Contract]float64 `toml:"costs"`
	}
	if _, err := toml.Decode(costsTOML, &f); err != nil {
		panic(fmt.Sprintf("embedded costs.toml: %v", err)) // a build defect, caught by tests
	}
	return f.Costs
}

// ParseScenarios reads a scenario file and checks it against the baseline's
// comuni.
func ParseScenarios(name string, text []byte) (*ScenarioFile, error) {
	f := &ScenarioFile{ShareKey: "residents"}
	md, err := toml.Decode(string(text), f)
	if err != nil {
		return nil, fmt.Errorf("scenari %s: %w", name, tomlerr.Italian(string(text), err))
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = k.String()
		}
		return nil, fmt.Errorf("scenari %s: chiavi sconosciute: %s", name, strings.Join(names, ", "))
	}
	if f.ShareKey != "residents" && f.ShareKey != "use" {
		return nil, fmt.Errorf("scenari %s: share_key deve essere \"residents\" o \"use\", non %q", name, f.ShareKey)
	}
	seen := map[string]bool{}
	for i, s := range f.Scenarios {
		if s.Name == "" || seen[s.Name] {
			return nil, fmt.Errorf("scenari %s: lo scenario n. %d ha un nome vuoto o ripetuto", name, i+1)
		}
		seen[s.Name] = true
		for _, c := range s.Staff {
			if err := c.check(); err != nil {
				return nil, fmt.Errorf("scenari %s, %q: %w", name, s.Name, err)
			}
		}
		for istat, pct := range s.Population {
			if err := PopulationRange.Check(pct); err != nil {
				return nil, fmt.Errorf("scenari %s, %q: residenti di %s: %w", name, s.Name, istat, err)
			}
		}
		for a, pct := range s.Arrivals {
			if !a.Valid() {
				return nil, fmt.Errorf("scenari %s, %q: area di utenza sconosciuta %q", name, s.Name, a)
			}
			if err := ArrivalsRange.Check(pct); err != nil {
				return nil, fmt.Errorf("scenari %s, %q: nuovi casi dell'area %s: %w", name, s.Name, a.Label(), err)
			}
		}
		for a, w := range s.Weights {
			if !a.Valid() {
				return nil, fmt.Errorf("scenari %s, %q: area di utenza sconosciuta nei pesi %q", name, s.Name, a)
			}
			for _, x := range w {
				if err := WeightRange.Check(x); err != nil {
					return nil, fmt.Errorf("scenari %s, %q: pesi dell'area %s: %w", name, s.Name, a.Label(), err)
				}
			}
		}
		if t := s.CommunityTarget; t != nil && (*t < 0 || *t >= 1) {
			return nil, fmt.Errorf("scenari %s, %q: community_target deve essere tra 0 e 1", name, s.Name)
		}
	}
	return f, nil
}

func (c StaffChange) check() error {
	switch c.Action {
	case "hire", "reduce", "move":
	default:
		return fmt.Errorf("azione sul personale sconosciuta %q (hire, reduce, move)", c.Action)
	}
	if c.Operator == "" && !c.Role.Valid() {
		return fmt.Errorf("%s: ruolo sconosciuto %q", c.Action, c.Role)
	}
	if c.Contract != "" && !c.Contract.Valid() {
		return fmt.Errorf("%s: contratto sconosciuto %q", c.Action, c.Contract)
	}
	if c.FTE <= 0 && c.Operator == "" {
		return fmt.Errorf("%s: fte deve essere positivo", c.Action)
	}
	if c.FTE != 0 {
		if err := StaffFTERange.Check(c.FTE); err != nil {
			return fmt.Errorf("%s: %w", c.Action, err)
		}
	}
	var sum float64
	for _, s := range c.Comuni {
		sum += s
	}
	if len(c.Comuni) > 0 && math.Abs(sum-1) > 1e-6 {
		return fmt.Errorf("%s: le quote dei comuni sommano a %.3f invece di 1", c.Action, sum)
	}
	return nil
}

// ScenarioResult is one scenario recomputed, in the JSON contract.
type ScenarioResult struct {
	Name        string         `json:"name"`
	Description string         `json:"description,omitempty"`
	Ambito      AmbitoResult   `json:"ambito"`
	Comuni      []ComuneResult `json:"comuni"`
}

// Figures are the measures computed for the Ambito and for each comune.
type Figures struct {
	Residents                         int              `json:"residents"`
	SocialWorkerFTE                   float64          `json:"social_worker_fte"`
	PermanentSocialWorkerFTE          float64          `json:"permanent_social_worker_fte"`
	ResidentsPerSocialWorker          *float64         `json:"residents_per_social_worker"`
	ResidentsPerPermanentSocialWorker *float64         `json:"residents_per_permanent_social_worker"`
	FTEMissingLEP                     float64          `json:"fte_missing_lep"`
	FTEMissingTarget                  float64          `json:"fte_missing_target"`
	LEPS                              model.Assessment `json:"leps"`
	// WeightedCaseloadHours is Σ open cases × case weight, hours per year.
	WeightedCaseloadHours float64 `json:"weighted_caseload_hours"`
	// WeightedCaseloadPerFTE is those hours per social-worker FTE; Load
	// compares it with the hours one FTE has for case work.
	WeightedCaseloadPerFTE *float64         `json:"weighted_caseload_per_fte"`
	Load                   *float64         `json:"load"`
	LoadStatus             model.Assessment `json:"load_status"`
	// The social workers' WISN (the model's worksheet of the category
	// assistente sociale, with the scenario's workload and staff): the
	// ratio that answers "how many social workers are missing for the
	// work". For a comune, the Ambito's need is split by the comune's share
	// of the weighted caseload.
	WISNRatio       *float64         `json:"social_worker_wisn_ratio"`
	WISNRequiredFTE float64          `json:"social_worker_wisn_required_fte"`
	WISN            model.Assessment `json:"social_worker_wisn"`
}

// AmbitoResult adds the money to the Ambito's figures.
type AmbitoResult struct {
	Figures
	ContributionEUR float64 `json:"contribution_eur"`
	// AddedCostEUR is the yearly cost of the FTE the scenario adds (negative
	// when it reduces staff); NetCostEUR subtracts the change in contribution.
	AddedCostEUR float64 `json:"added_cost_eur"`
	NetCostEUR   float64 `json:"net_cost_eur"`
}

// ComuneResult adds the comune's share of the net cost.
type ComuneResult struct {
	ISTAT string `json:"istat"`
	Name  string `json:"name"`
	Figures
	NetCostShareEUR float64 `json:"net_cost_share_eur"`
}

// RunScenarios computes the baseline and every scenario of f, baseline
// first, using the model's LEPS, WISN and weighted-caseload functions and
// thresholds.
//
// How each lever works (design choices, stated in docs/planning.md):
// population changes scale residents and, proportionally, the comune's open
// cases (arrivals follow residents); a change in arrivals of an area scales
// its open cases by the same percentage (steady state, Little's law: open =
// arrivals × mean duration); the community-time target lowers the share of
// time left for case work one for one (model thresholds.case_time_share),
// which is also the WISN category allowance (CAS% = 1 − case share).
func RunScenarios(base Baseline, f *ScenarioFile, cfg *model.Config) ([]ScenarioResult, error) {
	costs := DefaultCosts()
	for role, m := range f.Costs {
		if costs[role] == nil {
			costs[role] = map[carico.Contract]float64{}
		}
		for c, v := range m {
			costs[role][c] = v
		}
	}
	baseRes, err := evaluate(base, Scenario{Name: "Situazione attuale"}, costs, f.ShareKey, cfg, nil)
	if err != nil {
		return nil, err
	}
	out := []ScenarioResult{baseRes}
	for _, s := range f.Scenarios {
		r, err := evaluate(base, s, costs, f.ShareKey, cfg, &baseRes)
		if err != nil {
			return nil, fmt.Errorf("scenario %q: %w", s.Name, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func evaluate(base Baseline, s Scenario, costs map[carico.Role]map[carico.Contract]float64, shareKey string, cfg *model.Config, baseline *ScenarioResult) (ScenarioResult, error) {
	comuni := map[string]*BaseComune{}
	var order []string
	for _, c := range base.Comuni {
		c := c
		comuni[c.ISTAT] = &c
		order = append(order, c.ISTAT)
	}
	sort.Strings(order)
	for istat, pct := range s.Population {
		c := comuni[istat]
		if c == nil {
			return ScenarioResult{}, fmt.Errorf("popolazione: comune %s non presente nell'Ambito", istat)
		}
		c.Residents = int(math.Round(float64(c.Residents) * (1 + pct/100)))
	}
	staff := append([]StaffShare(nil), base.Staff...)
	var added float64
	for _, ch := range s.Staff {
		var err error
		var cost float64
		staff, cost, err = applyStaff(staff, ch, comuni, order, costs)
		if err != nil {
			return ScenarioResult{}, err
		}
		added += cost
	}

	weights := cfg.Caseload
	if len(s.Weights) > 0 {
		w := map[carico.Area][3]float64{}
		for a, v := range cfg.Caseload.Weights {
			w[a] = v
		}
		for a, v := range s.Weights {
			w[a] = v
		}
		weights.Weights = w
	}
	caseShare := cfg.Thresholds.CaseTimeShare
	if s.CommunityTarget != nil {
		caseShare -= *s.CommunityTarget - cfg.Thresholds.CommunityShareTarget
		if caseShare <= 0 {
			return ScenarioResult{}, fmt.Errorf("community_target %.2f non lascia tempo per il lavoro sul caso", *s.CommunityTarget)
		}
	}
	w := scenarioWorkload(base, s, weights, cfg.Caseload)
	hours, totalHours := w.byComune, w.total
	wisn := scenarioWISN(base.WISN, w.baseByArea, w.byArea, (cfg.Thresholds.CaseTimeShare-caseShare)*100)

	if unknown := unknownComuni(staff, comuni); unknown != "" {
		return ScenarioResult{}, fmt.Errorf("personale assegnato a un comune fuori dall'Ambito: %s", unknown)
	}
	fte := socialWorkerFTE(staff)
	res := ScenarioResult{Name: s.Name, Description: s.Description}
	var totalRes int
	var totalAll, totalPerm, totalNet float64
	for _, istat := range slices.Sorted(maps.Keys(fte)) {
		totalAll += fte[istat][0]
		totalPerm += fte[istat][1]
		totalNet += fte[istat][2]
	}
	for _, istat := range order {
		c := comuni[istat]
		var share float64
		if totalHours > 0 {
			share = hours[istat] / totalHours
		}
		fig := figures(c.Residents, fte[istat], hours[istat], scaleWISN(wisn, share), base.HoursPerFTE, caseShare, cfg)
		res.Comuni = append(res.Comuni, ComuneResult{ISTAT: istat, Name: c.Name, Figures: fig})
		totalRes += c.Residents
	}
	res.Ambito.Figures = figures(totalRes, [3]float64{totalAll, totalPerm, totalNet}, totalHours, wisn, base.HoursPerFTE, caseShare, cfg)
	res.Ambito.ContributionEUR = model.Contribution(totalRes, totalPerm, cfg.LEPS)
	res.Ambito.AddedCostEUR = added
	res.Ambito.NetCostEUR = added
	if baseline != nil {
		res.Ambito.NetCostEUR -= res.Ambito.ContributionEUR - baseline.Ambito.ContributionEUR
	}
	for i := range res.Comuni {
		c := &res.Comuni[i]
		var share float64
		switch {
		case shareKey == "use" && totalHours > 0:
			share = c.WeightedCaseloadHours / totalHours
		case totalRes > 0:
			share = float64(c.Residents) / float64(totalRes)
		}
		c.NetCostShareEUR = res.Ambito.NetCostEUR * share
	}
	return res, nil
}

// workload is the weighted caseload of a scenario, hours per year.
type workload struct {
	byComune   map[string]float64
	byArea     map[carico.Area]float64
	baseByArea map[carico.Area]float64 // the baseline's, with the model's weights
	total      float64
}

// scenarioWorkload weighs the baseline's open cases under scenario s:
// population changes scale a comune's cases, arrival changes an area's, and
// weights are the scenario's.
func scenarioWorkload(base Baseline, s Scenario, weights, baseWeights model.CaseloadConfig) workload {
	w := workload{byComune: map[string]float64{}, byArea: map[carico.Area]float64{}, baseByArea: map[carico.Area]float64{}}
	for _, g := range base.Cases {
		open := g.Open
		if pct, ok := s.Population[g.ISTAT]; ok {
			open *= 1 + pct/100
		}
		open *= 1 + s.Arrivals[g.Area]/100
		h := open * weights.Weight(g.Area, g.Complexity)
		w.byComune[g.ISTAT] += h
		w.byArea[g.Area] += h
		w.baseByArea[g.Area] += g.Open * baseWeights.Weight(g.Area, g.Complexity)
		w.total += h
	}
	return w
}

// figures computes the measures of one population and its staff (the
// social workers' FTE: all, permanent, net of capacity reductions); wisn
// is the social workers' WISN worksheet of that population.
func figures(residents int, fte [3]float64, hours float64, wisn model.WISNInput, hoursPerFTE, caseShare float64, cfg *model.Config) Figures {
	all, perm, net := fte[0], fte[1], fte[2]
	leps := model.LEPS(residents, perm, cfg.LEPS)
	f := Figures{
		Residents:                         residents,
		SocialWorkerFTE:                   all,
		PermanentSocialWorkerFTE:          perm,
		ResidentsPerSocialWorker:          model.ResidentsPer(residents, all),
		ResidentsPerPermanentSocialWorker: leps.ResidentsPerFTE,
		FTEMissingLEP:                     leps.FTEMissingLEP,
		FTEMissingTarget:                  leps.FTEMissingTarget,
		LEPS:                              leps.Assessment,
		WeightedCaseloadHours:             hours,
	}
	// The load of one FTE: its weighted caseload on its hours for case
	// work, the FTE counted net of the capacity register's reductions.
	per, caseHours := hours, 0.0
	if all > 0 {
		per = hours / all
		f.WeightedCaseloadPerFTE = &per
		caseHours = model.CaseHours(hoursPerFTE, caseShare, net/all)
		f.Load = model.Load(per, caseHours)
	}
	f.LoadStatus = assessLoad(per, caseHours, cfg.Thresholds)
	wisn.ActualFTE = net
	w := model.WISN(wisn, cfg.Thresholds)
	f.WISNRatio, f.WISNRequiredFTE, f.WISN = w.Ratio, w.RequiredFTE, w.Assessment
	return f
}

// scenarioWISN is the model's WISN worksheet of the social workers under
// a scenario: each area's case work scaled by the change of that area's
// weighted caseload (arrivals, population and case weights all act on it),
// and the support share raised by extraCAS percentage points when the
// community-work target rises. Access contacts and individual activities
// stay as the model measured them.
func scenarioWISN(in model.WISNInput, baseHours, hours map[carico.Area]float64, extraCAS float64) model.WISNInput {
	areaOf := map[string]carico.Area{}
	for _, a := range append(slices.Clone(carico.Areas), "") {
		areaOf[model.CaseWorkActivity(a)] = a
	}
	out := in
	out.Main = slices.Clone(in.Main)
	for i := range out.Main {
		if a, ok := areaOf[out.Main[i].Name]; ok && baseHours[a] > 0 {
			out.Main[i].Units *= hours[a] / baseHours[a]
		}
	}
	out.Support = slices.Clone(in.Support)
	if extraCAS != 0 {
		out.Support = append(out.Support, model.WISNSupport{Name: "Lavoro di comunità oltre l'obiettivo attuale", Percent: extraCAS})
	}
	return out
}

// scaleWISN is the part share of a WISN worksheet: workloads and
// individual hours times share, the support percentages unchanged, so its
// required FTE is share × the whole's.
func scaleWISN(in model.WISNInput, share float64) model.WISNInput {
	out := in
	out.Main = slices.Clone(in.Main)
	for i := range out.Main {
		out.Main[i].Units *= share
	}
	out.Individual = slices.Clone(in.Individual)
	for i := range out.Individual {
		out.Individual[i].Hours *= share
	}
	return out
}

// assessLoad gives the status of a weighted caseload against the hours
// for case work, by the one rule of model.LoadStatus, with its reason.
func assessLoad(weighted, caseHours float64, th model.ThresholdsConfig) model.Assessment {
	src := "soglie di progetto; UK probation Workload Measurement Tool: 110 %"
	st := model.LoadStatus(weighted, caseHours, th)
	load := model.Load(weighted, caseHours)
	switch {
	case load == nil && st == model.StatusCritical:
		return model.Assessment{Status: st, Rule: "Casi aperti senza assistenti sociali assegnati."}
	case load == nil:
		return model.Assessment{Status: st, Rule: "Nessun caso aperto e nessun assistente sociale: il carico non si applica."}
	case st == model.StatusCritical:
		return model.Assessment{Status: st, Rule: fmt.Sprintf("Carico ponderato al %.0f %% del tempo per il lavoro sul caso, oltre il %.0f %% (%s).", *load*100, th.CaseloadRed*100, src)}
	case st == model.StatusWarning:
		return model.Assessment{Status: st, Rule: fmt.Sprintf("Carico ponderato al %.0f %% del tempo per il lavoro sul caso, oltre il %.0f %% (%s).", *load*100, th.CaseloadAmber*100, src)}
	}
	return model.Assessment{Status: st, Rule: fmt.Sprintf("Carico ponderato al %.0f %% del tempo per il lavoro sul caso (%s).", *load*100, src)}
}

// socialWorkerFTE sums the social workers' FTE by comune ("" for the part
// allocated to none): all contracts first, permanent ones second.
// socialWorkerFTE is, by comune, the social workers' FTE: all, permanent,
// and all net of the capacity register's reductions (the FTE the load and
// WISN count).
func socialWorkerFTE(staff []StaffShare) map[string][3]float64 {
	sum := map[string]model.SocialWorkerFTE{}
	net := map[string]float64{}
	for _, s := range staff {
		f := sum[s.ISTAT]
		f.Add(s.Role, s.Contract, s.FTE)
		sum[s.ISTAT] = f
		if s.Role == carico.RoleSocialWorker {
			net[s.ISTAT] += s.caseFTE()
		}
	}
	out := map[string][3]float64{}
	for istat, f := range sum {
		out[istat] = [3]float64{f.All, f.Permanent, net[istat]}
	}
	return out
}

func unknownComuni(staff []StaffShare, comuni map[string]*BaseComune) string {
	for _, s := range staff {
		if s.ISTAT != "" && comuni[s.ISTAT] == nil {
			return s.ISTAT
		}
	}
	return ""
}

// applyStaff applies one staff change and returns the staff and the yearly
// cost it adds (negative when FTE are cut; moves cost nothing).
func applyStaff(staff []StaffShare, ch StaffChange, comuni map[string]*BaseComune, order []string, costs map[carico.Role]map[carico.Contract]float64) ([]StaffShare, float64, error) {
	costOf := func(role carico.Role, contract carico.Contract, fte float64) (float64, error) {
		c, ok := costs[role][contract]
		if !ok {
			return 0, fmt.Errorf("costo annuo non configurato per %s, %s", role.Label(), strings.ToLower(contract.Label()))
		}
		return c * fte, nil
	}
	alloc := ch.Comuni
	if len(alloc) == 0 {
		alloc = byResidents(comuni, order)
	}
	for istat := range alloc {
		if comuni[istat] == nil {
			return nil, 0, fmt.Errorf("%s: comune %s non presente nell'Ambito", ch.Action, istat)
		}
	}
	if ch.Action == "hire" {
		contract := ch.Contract
		if contract == "" {
			contract = carico.ContractPermanent
		}
		cost, err := costOf(ch.Role, contract, ch.FTE)
		if err != nil {
			return nil, 0, err
		}
		for _, istat := range slices.Sorted(maps.Keys(alloc)) {
			staff = append(staff, StaffShare{OperatorID: "nuovo", Role: ch.Role, Contract: contract, ISTAT: istat, FTE: ch.FTE * alloc[istat]})
		}
		return staff, cost, nil
	}
	// reduce and move take FTE from the matching shares, pro rata.
	match := func(s StaffShare) bool {
		if ch.Operator != "" {
			return s.OperatorID == ch.Operator && (ch.From == "" || s.ISTAT == ch.From)
		}
		return s.Role == ch.Role && (ch.Contract == "" || s.Contract == ch.Contract) && (ch.From == "" || s.ISTAT == ch.From)
	}
	var avail float64
	for _, s := range staff {
		if match(s) {
			avail += s.FTE
		}
	}
	take := ch.FTE
	if ch.Operator != "" && take == 0 {
		take = avail
	}
	if avail == 0 || take > avail+1e-9 {
		return nil, 0, fmt.Errorf("%s: richiesti %.2f FTE ma ne risultano %.2f corrispondenti", ch.Action, take, avail)
	}
	frac := take / avail
	var cost float64
	var moved []StaffShare
	next := staff[:0:0]
	for _, s := range staff {
		if !match(s) {
			next = append(next, s)
			continue
		}
		part := s.FTE * frac
		if s.FTE-part > 1e-12 {
			rest := s
			rest.FTE -= part
			next = append(next, rest)
		}
		if ch.Action == "reduce" {
			c, err := costOf(s.Role, s.Contract, part)
			if err != nil {
				return nil, 0, err
			}
			cost -= c
			continue
		}
		for _, istat := range slices.Sorted(maps.Keys(alloc)) {
			m := s
			m.ISTAT, m.FTE = istat, part*alloc[istat]
			moved = append(moved, m)
		}
	}
	return append(next, moved...), cost, nil
}

func byResidents(comuni map[string]*BaseComune, order []string) map[string]float64 {
	var total float64
	for _, c := range comuni {
		total += float64(c.Residents)
	}
	out := map[string]float64{}
	for _, istat := range order {
		if total > 0 {
			out[istat] = float64(comuni[istat].Residents) / total
		}
	}
	return out
}
