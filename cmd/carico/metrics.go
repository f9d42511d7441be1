package main

import (
	"context"
	"fmt"
	"github.com/carico/carico/evidence"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
	"github.com/carico/carico/regional"
)

func metricsCommand() command {
	return command{
		name:    "metrics",
		summary: "calcola carichi di lavoro, tempo disponibile, fabbisogno di personale e rapporto LEPS",
		run:     runMetrics,
	}
}

func runMetrics(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "metrics", "--db FILE|--parquet CARTELLA [--ambito AMBITI] [--at DATA] [--from DATA --to DATA] [--config FILE] [--panel-weights FILE] [--format json|table]")
	var df dbFlags
	df.register(fs, "data di riferimento per cartelle aperte e rapporto LEPS (gg/mm/aaaa o aaaa-mm-gg; predefinita: fine periodo)", true, true)
	panelPath := panelWeightsFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := df.check(fs); err != nil {
		return err
	}
	db, p, err := df.modelParams(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	if p.PanelWeights, err = loadPanelSet(*panelPath); err != nil {
		return err
	}
	m, _, err := evidence.Metrics(ctx, db, p)
	if err != nil {
		return computeErr(err)
	}
	e.log.Info("metrics computed", "elapsed", time.Since(start))
	ambiti, err := df.compare(ctx, db, m, nil)
	if err != nil {
		return err
	}
	if df.json() {
		return writeJSON(e.stdout, struct {
			*model.Metrics
			Ambiti []regional.AmbitoFigures `json:"ambiti,omitempty"`
		}{m, ambiti})
	}
	if err := writeMetricsTable(e.stdout, m); err != nil {
		return err
	}
	return writeAmbitiTable(e.stdout, ambiti)
}

func optNum(v *float64, prec int) string {
	if v == nil {
		return "n.d."
	}
	return italian.Number(*v, prec)
}

func pct(v *float64) string {
	if v == nil {
		return "n.d."
	}
	return italian.Number(*v*100, 0) + " %"
}

// checkLabel is the status of o's check of measure, in words; «Non
// applicabile» when o has no such check.
func checkLabel(o *model.OperatorMetrics, measure string) string {
	if c := o.Check(measure); c != nil {
		return c.Status.Label()
	}
	return model.StatusNotApplicable.Label()
}

// writeMetricsTable prints the metrics as readable Italian tables.
func writeMetricsTable(out io.Writer, m *model.Metrics) error {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	p := m.Period
	fmt.Fprintf(w, "Carico di lavoro dei servizi sociali — periodo %s–%s, cartelle aperte al %s\n\n", italian.Date(p.From.Time), italian.Date(p.To.Time), italian.Date(p.At.Time))

	fmt.Fprintln(w, "OPERATORI")
	fmt.Fprintln(w, "Operatore\tRuolo\tFTE\tCartelle aperte\tSenza attività da un anno\tCarico ponderato (h/anno)\tCarico/tempo per i casi\tStato del carico\tOre documentate\tOre disponibili\tCopertura\tStato della copertura\t")
	for _, o := range m.Operators {
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", o.Name, o.Role.Label(), model.FormatFTE(o.FTE), o.OpenCases, o.Dormant,
			italian.Number(o.WeightedCaseload, 0), pct(o.Load), checkLabel(&o, "load"), italian.Number(o.DocumentedHours, 1), italian.Number(o.AvailableHours, 1), pct(o.Coverage), checkLabel(&o, "coverage"))
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "TEMPO DOCUMENTATO PER TIPO DI ATTIVITÀ (ore)")
	header := "Operatore\t"
	for _, k := range carico.Kinds {
		header += k.Label() + "\t"
	}
	fmt.Fprintln(w, header+"Totale\t")
	row := func(name string, ts model.TimeSplit) {
		fmt.Fprintf(w, "%s\t", name)
		for _, k := range carico.Kinds {
			fmt.Fprintf(w, "%s (%s %%)\t", italian.Number(float64(ts.Minutes[k])/60, 1), italian.Number(ts.Shares[k]*100, 0))
		}
		fmt.Fprintf(w, "%s\t\n", italian.Number(ts.DocumentedHours, 1))
	}
	for _, o := range m.Operators {
		row(o.Name, o.TimeSplit)
	}
	for _, t := range m.Teams {
		row(t.Label, t.TimeSplit)
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "GRUPPI PER RUOLO")
	fmt.Fprintln(w, "Gruppo\tOperatori\tFTE\tCartelle aperte\tCartelle per FTE\tCarico ponderato per FTE (h)\tCopertura\tStato\t")
	for _, t := range m.Teams {
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t\n", t.Label, t.Operators, model.FormatFTE(t.FTE), italian.Count(t.OpenCases),
			optNum(t.OpenCasesPerFTE, 1), optNum(t.WeightedCaseloadPerFTE, 0), pct(t.Coverage), t.Status.Label())
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "RAPPORTO ASSISTENTI SOCIALI / RESIDENTI (LEPS, L. 178/2020)")
	fmt.Fprintln(w, "Comune\tResidenti\tAS (FTE)\tdi cui t. indet.\tResidenti per AS\tResidenti per AS t. indet.\tFTE mancanti a 1:5.000\tFTE mancanti a 1:4.000\tStato\t")
	leps := func(name string, f model.LEPSFigures) {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", name, italian.Number(float64(f.Residents), 0), model.FormatFTE(f.SocialWorkerFTE), model.FormatFTE(f.PermanentSocialWorkerFTE),
			optNum(f.ResidentsPerSocialWorker, 0), optNum(f.ResidentsPerPermanentSocialWorker, 0), model.FormatFTE(f.FTEMissingLEP), model.FormatFTE(f.FTEMissingTarget), f.Status.Label())
	}
	for _, c := range m.Comuni {
		leps(c.Name, c.LEPSFigures)
	}
	name := m.Ambito.Name
	if name == "" {
		name = "Ambito"
	}
	leps(name+" (totale)", m.Ambito.LEPSFigures)
	fmt.Fprintf(w, "Contributo statale annuo sulla fotografia alla data di riferimento (non è il prospetto SIOSS, che conta gli FTE medi dell'anno): € %s\n\n", italian.Number(m.Ambito.ContributionEUR, 2))

	fmt.Fprintln(w, "FABBISOGNO DI PERSONALE")
	fmt.Fprintln(w, "Metodo\tFTE necessari\tFTE effettivi\tRapporto\tStato\t")
	ws := m.Staffing.WISN
	for _, c := range ws.Categories {
		label := carico.Role(c.Category).Label()
		if c.Category == "" {
			label = "operatori non in anagrafica"
		}
		fmt.Fprintf(w, "WISN — %s\t%s\t%s\t%s\t%s\t\n", label, model.FormatFTE(c.RequiredFTE), model.FormatFTE(c.ActualFTE), optNum(c.Ratio, 2), c.Status.Label())
	}
	fmt.Fprintf(w, "WISN — totale\t%s\t%s\t%s\t%s\t\n", model.FormatFTE(ws.RequiredFTE), model.FormatFTE(ws.ActualFTE), optNum(ws.Ratio, 2), ws.Status.Label())
	wc := m.Staffing.WeightedCaseload
	fmt.Fprintf(w, "Carico ponderato, %s\t%s\t%s\t%s\t%s\t\n", strings.ToLower(wc.WeightsLabel), model.FormatFTE(wc.RequiredFTE), model.FormatFTE(wc.ActualFTE), optNum(wc.Ratio, 2), wc.Status.Label())
	for _, s := range m.Weights.Sets {
		if s.Name == model.SetObserved {
			fmt.Fprintf(w, "Carico ponderato, %s\t%s\t%s\t%s\t%s\t\n", strings.ToLower(s.Label), model.FormatFTE(s.RequiredFTE), model.FormatFTE(s.ActualFTE), optNum(s.Ratio, 2), s.Status.Label())
		}
	}
	fmt.Fprintf(w, "Ore disponibili per FTE all'anno: %s, di cui per il lavoro sul caso: %s (%s %%)\n\n", italian.Number(wc.HoursPerFTE, 1), italian.Number(wc.CaseHoursPerFTE, 1), italian.Number(m.Config.Thresholds.CaseTimeShare*100, 0))
	writeSensitivity(w, m.Weights)

	fmt.Fprintln(w, "QUALITÀ DEI DATI")
	fmt.Fprintf(w, "Cartelle aperte senza attività da oltre %d giorni: %s\n", m.Config.Caseload.DormantDays, italian.Count(m.Quality.DormantCases))
	for _, r := range m.Quality.Rejected {
		fmt.Fprintf(w, "Righe scartate in %s (importazione %d): %s\n", r.File, r.BatchID, italian.Count(r.Rejected))
	}
	if e := m.Quality.EstimatedSentence(); e != "" {
		fmt.Fprintln(w, e)
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "SEGNALAZIONI E REGOLE")
	for _, o := range m.Operators {
		for _, c := range o.Checks {
			if c.Status.Rank() > 0 {
				fmt.Fprintf(w, "[%s] %s: %s\n", c.Status.Label(), o.Name, c.Rule)
			}
		}
	}
	for _, t := range m.Teams {
		for _, c := range t.Checks {
			if c.Status.Rank() > 0 {
				fmt.Fprintf(w, "[%s] %s: %s\n", c.Status.Label(), t.Label, c.Rule)
			}
		}
	}
	for _, c := range m.Comuni {
		if c.Status.Rank() > 0 {
			fmt.Fprintf(w, "[%s] %s: %s\n", c.Status.Label(), c.Name, c.Rule)
		}
	}
	fmt.Fprintf(w, "[%s] %s: %s\n", m.Ambito.Status.Label(), name, m.Ambito.Rule)
	fmt.Fprintf(w, "[%s] WISN: %s\n", ws.Status.Label(), ws.Rule)
	fmt.Fprintf(w, "\nFonti: %d importazioni; soglie e pesi con le loro fonti nella configurazione predefinita (si può sostituire con --config FILE).\n", len(m.Sources))
	return w.Flush()
}
