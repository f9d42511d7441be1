package main

import (
	"context"
	"flag"
	"fmt"
	"github.com/carico/carico/analytics"
	"github.com/carico/carico/evidence"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/internal/usererr"
	"github.com/carico/carico/model"
	"github.com/carico/carico/store"
)

// planCommand is `carico plan forecast|scenario|zones`: the Ufficio di
// Piano's projections, what-if scenarios and territorial zones
// (docs/planning.md has the JSON contract).
func planCommand() command {
	return command{
		name:    "plan",
		summary: "previsioni, scenari e zone territoriali per l'Ufficio di Piano",
		run:     runPlan,
	}
}

func runPlan(ctx context.Context, e *env, args []string) error {
	subs := map[string]func(context.Context, *env, []string) error{
		"forecast": runForecast,
		"scenario": runScenario,
		"zones":    runZones,
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(e.stderr, `Uso: carico plan forecast|scenario|zones [opzioni]

  forecast   previsione mensile di nuove cartelle o casi aperti, con intervalli all'80 % e al 95 %
  scenario   confronto di scenari (assunzioni, spostamenti, popolazione, arrivi) con la situazione attuale
  zones      proposta di k zone contigue con carico bilanciato e dimensionamento delle micro-équipe

«carico plan COMANDO -h» mostra le opzioni di ciascun comando.
`)
		if len(args) == 0 {
			return usagef("manca il comando di plan: forecast, scenario o zones")
		}
		return nil
	}
	run, ok := subs[args[0]]
	if !ok {
		return usagef("comando di plan sconosciuto: %q (forecast, scenario, zones)", args[0])
	}
	return run(ctx, e, args[1:])
}

// planFlags are the options every plan subcommand shares.
type planFlags struct {
	dbFlags
}

func (p *planFlags) register(fs *flag.FlagSet) {
	p.dbFlags.register(fs, "data di riferimento (gg/mm/aaaa o aaaa-mm-gg); predefinita: ultimo giorno dei dati", false, true)
}

// open opens the database and returns the model config and reference date.
func (p *planFlags) open(ctx context.Context) (*store.DB, *model.Config, time.Time, error) {
	c, err := p.loadConfig()
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	cfg := c.Model
	db, err := p.dbFlags.open(ctx)
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	var at time.Time
	if p.at != "" {
		at, _, _, _ = p.dates() // checked with the flags
	} else {
		if _, at, err = planning.DataWindow(ctx, db.DB); err != nil {
			db.Close()
			return nil, nil, at, err
		}
	}
	return db, cfg, at, nil
}

// planBaseline computes the model at date at and takes the planning
// baseline from it, so that FTE, residents, allocation shares, hours per
// FTE and the social workers' WISN are the model's own.
func planBaseline(ctx context.Context, db *store.DB, cfg *model.Config, at time.Time) (planning.Baseline, error) {
	m, err := evidence.Workload(ctx, db, evidence.Params{At: at, Config: &analytics.Config{Model: cfg}})
	if err != nil {
		return planning.Baseline{}, err
	}
	return evidence.Baseline(ctx, db, m)
}

func parseMonth(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01", "01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("mese %q non valido: usare aaaa-mm o mm/aaaa", s)
}

// forecastOutput is the JSON of `plan forecast`.
type forecastOutput struct {
	Measure planning.Measure          `json:"measure"`
	From    string                    `json:"from"`   // first month of history, yyyy-mm
	To      string                    `json:"to"`     // last month of history
	Source  string                    `json:"source"` // which history, in Italian
	Series  []planning.SeriesForecast `json:"series"`
}

func runForecast(ctx context.Context, e *env, args []string) error {
	var p planFlags
	fs := newFlags(e, "plan forecast", "--db FILE [--measure new|open] [--horizon MESI] [--from aaaa-mm] [--to aaaa-mm] [--format json|table]")
	p.register(fs)
	measure := fs.String("measure", "new", "serie da prevedere: new (nuove cartelle nel mese) o open (casi aperti a fine mese)")
	horizon := fs.Int("horizon", 24, "mesi di previsione, da 12 a 36")
	fromS := fs.String("from", "", "primo mese della storia (aaaa-mm); predefinito: il primo mese completo coperto dalle cartelle")
	toS := fs.String("to", "", "ultimo mese della storia (aaaa-mm); predefinito: l'ultimo mese completo coperto dalle cartelle")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := p.check(fs); err != nil {
		return err
	}
	if *horizon < 12 || *horizon > 36 {
		return usagef("--horizon deve essere tra 12 e 36 mesi, non %d", *horizon)
	}
	m := planning.Measure(*measure)
	if m != planning.NewCases && m != planning.OpenCases {
		return usagef("--measure deve essere new o open, non %q", *measure)
	}
	db, cfg, _, err := p.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	hist, err := planning.HistoryWindow(ctx, db.DB, m)
	if err != nil {
		return err
	}
	if *fromS != "" || *toS != "" {
		first, last := hist.First, hist.Last
		if *fromS != "" {
			if first, err = parseMonth(*fromS); err != nil {
				return usagef("--from: %v", err)
			}
		}
		if *toS != "" {
			if last, err = parseMonth(*toS); err != nil {
				return usagef("--to: %v", err)
			}
		}
		hist = hist.Between(first, last)
	}
	first, last := hist.First, hist.Last
	if last.Before(first) {
		return fmt.Errorf("nessun mese completo di dati tra %s e %s", first.Format("01/2006"), last.Format("01/2006"))
	}
	series, err := planning.MonthlySeries(ctx, db.DB, m, first, last)
	if err != nil {
		return err
	}
	opt := planning.DefaultForecastOptions()
	opt.Horizon = *horizon
	out := forecastOutput{Measure: m, From: first.Format("2006-01"), To: last.Format("2006-01"), Source: hist.Source}
	// Open caseload also becomes FTE need, at today's mean case weight.
	var base planning.Baseline
	if m == planning.OpenCases {
		if base, err = planBaseline(ctx, db, cfg, last.AddDate(0, 1, -1)); err != nil {
			return err
		}
	}
	for _, s := range series {
		f, err := planning.ForecastSeries(s, opt)
		if err != nil {
			fmt.Fprintf(e.stderr, "carico: serie %s non prevista: %s\n", seriesLabel(s.Name), usererr.Message(err))
			continue
		}
		f.Basis = &hist
		if m == planning.OpenCases {
			area := carico.Area(s.Name)
			if s.Name == "ambito" {
				area = ""
			}
			planning.ProjectFTE(&f, planning.MeanCaseWeight(base, cfg.Caseload, area), model.CaseHours(base.HoursPerFTE, cfg.Thresholds.CaseTimeShare, 1))
		}
		out.Series = append(out.Series, f)
	}
	if p.json() {
		return writeJSON(e.stdout, out)
	}
	what := "Nuove cartelle al mese"
	if m == planning.OpenCases {
		what = "Casi aperti a fine mese"
	}
	fmt.Fprintf(e.stdout, "%s — storia: %s (%d mesi); previsione a %d mesi\n", what, hist.Source, hist.Months(), *horizon)
	for _, s := range out.Series {
		fmt.Fprintf(e.stdout, "\n%s: %s, MASE %s (rispetto al naive stagionale; sotto 1 fa meglio)\n", seriesLabel(s.Name), s.Method.Label(), optNum(s.MASE, 2))
		for _, b := range s.Backtest {
			if b.Method == s.Method && b.Calibrated {
				fmt.Fprintf(e.stdout, "Intervalli calibrati sugli errori del backtest, copertura osservata: %s (intervallo all'80 %%) e %s (al 95 %%); degli intervalli del modello non calibrati: %s e %s\n",
					optPct(b.Coverage80), optPct(b.Coverage95), optPct(b.ModelCoverage80), optPct(b.ModelCoverage95))
			}
		}
		if s.Warning != "" {
			fmt.Fprintf(e.stdout, "Attenzione: %s\n", s.Warning)
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		head := "Mese\tPrevisione\tInt. 80 %\tInt. 95 %\t"
		if m == planning.OpenCases {
			head += "FTE necessari per il carico ponderato (int. 95 %)\t"
		}
		fmt.Fprintln(tw, head)
		for _, pt := range s.Points {
			fmt.Fprintf(tw, "%s\t%s\t%s–%s\t%s–%s\t", italian.ShortMonthOf(pt.Month), italian.Number(pt.Value, 1), italian.Number(pt.Lo80, 1), italian.Number(pt.Hi80, 1), italian.Number(pt.Lo95, 1), italian.Number(pt.Hi95, 1))
			if f := pt.FTENeeded; f != nil {
				fmt.Fprintf(tw, "%s (%s–%s)\t", italian.Number(f.Value, 1), italian.Number(f.Lo95, 1), italian.Number(f.Hi95, 1))
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
	return nil
}

func seriesLabel(name string) string {
	if name == "ambito" {
		return "Ambito"
	}
	return carico.Area(name).Label()
}

// scenarioOutput is the JSON of `plan scenario`.
type scenarioOutput struct {
	ReferenceDate string                    `json:"reference_date"`
	HoursPerFTE   float64                   `json:"hours_per_fte"`
	ShareKey      string                    `json:"share_key"`
	Scenarios     []planning.ScenarioResult `json:"scenarios"`
}

func runScenario(ctx context.Context, e *env, args []string) error {
	var p planFlags
	fs := newFlags(e, "plan scenario", "--db FILE [--scenarios FILE] [--at DATA] [--config FILE] [--format json|table]")
	p.register(fs)
	file := fs.String("scenarios", "", "file TOML degli scenari (esempio: sample-data/scenari-esempio.toml); senza, il personale attuale e le assunzioni che portano l'Ambito a 1:5.000 e a 1:4.000")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := p.check(fs); err != nil {
		return err
	}
	var sf *planning.ScenarioFile
	if *file != "" {
		text, err := os.ReadFile(*file)
		if err != nil {
			return fmt.Errorf("lettura degli scenari: %w", err)
		}
		if sf, err = planning.ParseScenarios(*file, text); err != nil {
			return err
		}
	}
	db, cfg, at, err := p.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	base, err := planBaseline(ctx, db, cfg, at)
	if err != nil {
		return err
	}
	if sf == nil {
		sf = planning.DefaultScenarios(base, cfg)
	}
	res, err := planning.RunScenarios(base, sf, cfg)
	if err != nil {
		return err
	}
	out := scenarioOutput{ReferenceDate: at.Format(time.DateOnly), HoursPerFTE: base.HoursPerFTE, ShareKey: sf.ShareKey, Scenarios: res}
	if p.json() {
		return writeJSON(e.stdout, out)
	}
	fmt.Fprintf(e.stdout, "Scenari al %s (ore disponibili per FTE nell'anno: %s)\n", at.Format("02/01/2006"), italian.Number(base.HoursPerFTE, 0))
	fmt.Fprint(e.stdout, "AS: assistenti sociali. Rapporto WISN AS: assistenti sociali in servizio ÷ quelli richiesti dal loro carico di lavoro (metodo WISN dell'OMS, lo stesso del fabbisogno in «carico metrics»); sotto 1 ne mancano.\n\n")
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "Scenario\tAS FTE\tAS FTE t.ind.\tResidenti per AS t.ind.\tFTE mancanti 1:5.000\tFTE mancanti 1:4.000\tContributo €\tRapporto WISN AS\tCarico ponderato\tCosto aggiunto €\tCosto netto €\t")
	for _, s := range res {
		a := s.Ambito
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", s.Name,
			model.FormatFTE(a.SocialWorkerFTE), model.FormatFTE(a.PermanentSocialWorkerFTE), optNum(a.ResidentsPerPermanentSocialWorker, 0),
			model.FormatFTE(a.FTEMissingLEP), model.FormatFTE(a.FTEMissingTarget), italian.Number(a.ContributionEUR, 0),
			optNum(a.WISNRatio, 2), optPct(a.Load), italian.Number(a.AddedCostEUR, 0), italian.Number(a.NetCostEUR, 0))
	}
	tw.Flush()
	for _, s := range res {
		fmt.Fprintf(e.stdout, "\n%s — per comune\n", s.Name)
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "Comune\tResidenti\tAS FTE\tAS FTE t.ind.\tResidenti per AS t.ind.\tStato LEPS\tRapporto WISN AS\tCarico ponderato\tQuota costo netto €\t")
		for _, c := range s.Comuni {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", c.Name, italian.Number(float64(c.Residents), 0),
				model.FormatFTE(c.SocialWorkerFTE), model.FormatFTE(c.PermanentSocialWorkerFTE), optNum(c.ResidentsPerPermanentSocialWorker, 0),
				c.LEPS.Status, optNum(c.WISNRatio, 2), optPct(c.Load), italian.Number(c.NetCostShareEUR, 0))
		}
		tw.Flush()
	}
	return nil
}

// zonesOutput is the JSON of `plan zones`.
func runZones(ctx context.Context, e *env, args []string) error {
	var p planFlags
	fs := newFlags(e, "plan zones", "--db FILE --k N --adjacency FILE [--comune ISTAT] [--current area|FILE] [--at DATA] [--format json|table]")
	p.register(fs)
	k := fs.Int("k", 0, "numero di zone (obbligatorio)")
	adjacency := fs.String("adjacency", "", "file delle adiacenze: unità;confinante (obbligatorio)")
	comune := fs.String("comune", "", "codice ISTAT del comune di cui raggruppare i quartieri; senza, le unità sono i comuni dell'Ambito")
	current := fs.String("current", "area", "organizzazione attuale: area (équipe per area di utenza) o un file unità;zona")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := p.check(fs); err != nil {
		return err
	}
	if *k < 1 {
		return usagef("--k deve essere un numero di zone positivo")
	}
	if *adjacency == "" {
		return usagef("manca --adjacency")
	}
	db, cfg, at, err := p.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	base, err := planBaseline(ctx, db, cfg, at)
	if err != nil {
		return err
	}
	out, err := planning.PlanZones(ctx, db.DB, base, at, cfg, planning.ZoneRequest{Comune: *comune, K: *k, Adjacency: *adjacency, Current: *current})
	if err != nil {
		return err
	}
	proposed, cur, level, hours := out.Proposed, out.Current, out.Level, out.HoursPerFTE
	if p.json() {
		return writeJSON(e.stdout, out)
	}
	fmt.Fprintf(e.stdout, "Zone proposte (%d, ricerca %s) per %s al %s; carico ponderato in ore annue, FTE a %s ore di lavoro sul caso per FTE\n\n",
		*k, proposed.Method, level, at.Format("02/01/2006"), italian.Number(hours, 0))
	printZones(e.stdout, proposed.Zones)
	basis := "équipe per area di utenza"
	if cur.Basis == "zone" {
		basis = "zone attuali"
	}
	fmt.Fprintf(e.stdout, "\nOrganizzazione attuale (%s)\n\n", basis)
	printZones(e.stdout, cur.Zones)
	fmt.Fprintf(e.stdout, "\nDispersione del carico tra zone: CV %s (attuale %s), massimo/minimo %s (attuale %s)\n",
		italian.Number(proposed.CV, 3), italian.Number(cur.CV, 3), optNum(proposed.MaxMin, 2), optNum(cur.MaxMin, 2))
	return nil
}

func printZones(w io.Writer, zones []planning.Zone) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Zona\tUnità\tCarico (ore)\tResidenti\tFTE necessari\tdi cui per ruolo")
	for _, z := range zones {
		var roles []string
		for _, r := range carico.Roles {
			if v, ok := z.FTEByRole[r]; ok {
				roles = append(roles, r.Label()+" "+italian.Number(v, 2))
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", z.ID, strings.Join(z.Units, ", "), italian.Number(z.WorkloadHours, 0),
			italian.Number(float64(z.Residents), 0), model.FormatFTE(z.FTENeeded), strings.Join(roles, "; "))
	}
	tw.Flush()
}

func optPct(v *float64) string {
	if v == nil {
		return "n.d."
	}
	return italian.Number(*v*100, 0) + " %"
}
