package main

import (
	"context"
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/analytics"
	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/evidence"
	"github.com/carico/carico/ingest"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
	"github.com/carico/carico/reports"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

func demoCommand() command {
	return command{
		name:    "demo",
		summary: "dimostrazione sull'Ambito di esempio: genera le esportazioni, le importa, calcola e scrive i report",
		run:     runDemo,
	}
}

// runDemo goes the whole way a user goes — vendor exports, import with
// profiles, model, reports — on the synthetic sample Ambito, so the demo
// can never take a shortcut the real path does not.
func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "[--out CARTELLA] [--seed N] [--as siso] [--overwrite]")
	out := fs.String("out", "demo-out", "`CARTELLA` in cui scrivere esportazioni, database e report")
	seed := fs.Int64("seed", sampledata.DefaultSeed, "seme (`N`) del generatore dei dati di esempio")
	secretPath := fs.String("secret", "", "`FILE` della chiave degli pseudonimi (predefinito: la chiave della demo, scritta accanto al suo database)")
	overwrite := fs.Bool("overwrite", false, "sostituire il contenuto di una cartella --out non vuota")
	as := fs.String("as", "", "«siso»: le esportazioni nelle forme di SISO (listaCasi.xls ed estrazioni dal database), importate con i profili incorporati")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("argomenti inattesi: %s", strings.Join(fs.Args(), " "))
	}
	if *as != "" && *as != "siso" {
		return usagef("--as %q non valido: l'unica forma disponibile è «siso»", *as)
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 && !*overwrite {
		return usagef("la cartella %s non è vuota: indicarne un'altra con --out, o aggiungere --overwrite per sostituirne il contenuto", *out)
	}
	if exists(filepath.Join(*out, "carico.duckdb")) && !exists(filepath.Join(*out, demoMark)) {
		return usagef("la cartella %s contiene un database che non è di una dimostrazione (manca %s): non lo sostituisco; indicare un'altra cartella con --out", *out, demoMark)
	}
	start := time.Now()

	amb := sampledata.Generate(*seed)
	write := amb.WriteExports
	if *as == "siso" {
		write = amb.WriteSISOExports
	}
	exports, err := write(filepath.Join(*out, "esportazioni"))
	if err != nil {
		return fmt.Errorf("scrittura delle esportazioni di esempio: %w", err)
	}

	// The demo owns its database: start from an empty one so that a
	// different seed never mixes with an earlier run.
	dbPath := filepath.Join(*out, "carico.duckdb")
	for _, p := range []string{dbPath, dbPath + ".wal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, iofs.ErrNotExist) {
			return fmt.Errorf("remove old demo database: %w", err)
		}
	}
	if err := os.WriteFile(filepath.Join(*out, demoMark), []byte("Cartella scritta da «carico demo»: dati sintetici.\n"), 0o644); err != nil {
		return err
	}
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()

	keyFile, err := keyPath(*secretPath, dbPath)
	if err != nil {
		return err
	}
	newKey := !exists(keyFile)
	secret, err := ingest.LoadOrCreateSecret(keyFile)
	if err != nil {
		return err
	}
	im := &ingest.Importer{DB: db, Secret: secret, Log: e.log}
	fmt.Fprintf(e.stdout, "Dimostrazione di carico sull'%s (dati sintetici, seme %d)\n\nImportazione delle esportazioni:\n", amb.Name, *seed)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  file\ttipo\tlette\tinserite\taggiornate\tinvariate\tscartate\t")
	for _, x := range exports {
		p, name, err := demoProfile(x)
		if err != nil {
			return err
		}
		if p == nil {
			continue
		}
		res, err := im.Import(ctx, x.Path, p, name)
		if err != nil {
			return fmt.Errorf("import %s: %w", filepath.Base(x.Path), err)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", filepath.Base(x.Path), x.Kind, italian.Count(res.Read), italian.Count(res.Inserted),
			italian.Count(res.Updated), italian.Count(res.Unchanged), italian.Count(res.Rejected))
	}
	tw.Flush()

	ep, err := demoParams(amb, exports)
	if err != nil {
		return err
	}
	weightFiles, err := demoWeights(ctx, db, &ep, *out, *seed)
	if err != nil {
		return err
	}
	ev, err := evidence.Build(ctx, db, ep)
	if err != nil {
		return err
	}
	m, an, plan := ev.Metrics, ev.Analysis, ev.Plan
	written := weightFiles
	for _, opt := range demoReports(m) {
		files, err := ev.Write(*out, opt)
		if err != nil {
			return err
		}
		written = append(written, files...)
	}

	fmt.Fprintln(e.stdout, "\nIn breve:")
	for _, line := range reports.Headline(m, an, plan, false) {
		fmt.Fprintf(e.stdout, "  %s\n", line)
	}
	printDemoSummary(e, m)
	printPlanSummary(e, m, an, plan)
	fmt.Fprintf(e.stdout, "\nFile scritti:\n  %s\n", dbPath)
	for _, f := range written {
		fmt.Fprintf(e.stdout, "  %s\n", f)
	}
	// The demo's key lives beside its database, never the installation's:
	// synthetic data must not share a key with real imports. Say so when
	// --secret chose another.
	if *secretPath == "" {
		fmt.Fprintf(e.stdout, "\nChiave degli pseudonimi della dimostrazione (solo per questi dati sintetici, non per i dati veri):\n  %s\n", keyFile)
	} else if newKey {
		fmt.Fprintf(e.stdout, "\nChiave degli pseudonimi creata ora:\n  %s\n", keyFile)
	} else {
		fmt.Fprintf(e.stdout, "\nChiave degli pseudonimi usata (già esistente):\n  %s\n", keyFile)
	}
	fmt.Fprintf(e.stdout, "\nFatto in %.1f s.\n", time.Since(start).Seconds())
	fmt.Fprintf(e.stdout, "Per consultarli nel browser: %s serve --db %s, poi aprire http://127.0.0.1:8080\n"+
		"(al primo avvio il server stampa il collegamento che crea l'account del responsabile).\n", progName(), dbPath)
	return nil
}

// demoProfile is the profile an export is imported with: the file beside
// it, or the one built into carico (SISO's shapes); nil for none.
func demoProfile(x sampledata.Export) (*ingest.Profile, string, error) {
	switch {
	case x.Builtin != "":
		p, _, err := ingest.BuiltinProfile(x.Builtin)
		return p, x.Builtin, err
	case x.Profile != "":
		p, err := ingest.LoadProfile(x.Profile)
		return p, filepath.Base(x.Profile), err
	}
	return nil, "", nil
}

// demoReports lists the reports the demo writes: the responsabile's, the
// council's, and the personal statement of the most loaded social worker.
func demoReports(m *model.Metrics) []reports.Options {
	opts := []reports.Options{{Audience: reports.Responsabile}, {Audience: reports.Politico}}
	var top *model.OperatorMetrics
	for i, o := range m.Operators {
		if o.Role != carico.RoleSocialWorker || o.Load == nil || !o.InService {
			continue
		}
		if top == nil || *o.Load > *top.Load {
			top = &m.Operators[i]
		}
	}
	if top != nil {
		opts = append(opts, reports.Options{Audience: reports.Operatore, OperatorID: top.ID})
	}
	return opts
}

// printDemoSummary prints the headline figures the reports tell at length.
func printDemoSummary(e *env, m *model.Metrics) {
	w := e.stdout
	fmt.Fprintf(w, "\nPeriodo %s – %s, situazione al %s.\n", m.Period.From.Format("02/01/2006"), m.Period.To.Format("02/01/2006"), m.Period.At.Format("02/01/2006"))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\nCartelle aperte per operatore (assistenti sociali):")
	fmt.Fprintln(tw, "  operatore\tFTE\taperte\tponderate\tstato del carico\t")
	for _, o := range m.Operators {
		if o.Role != carico.RoleSocialWorker || !o.InService {
			continue
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\t%s\t\n", o.Name, model.FormatFTE(o.FTE), o.OpenCases, italian.Number(o.WeightedCaseload, 1), checkLabel(&o, "load"))
	}
	tw.Flush()
	fmt.Fprintln(w, "\nResidenti per assistente sociale (FTE) per comune:")
	for _, c := range m.Comuni {
		ratio := "nessun assistente sociale"
		if c.ResidentsPerSocialWorker != nil {
			ratio = "1:" + italian.Number(*c.ResidentsPerSocialWorker, 0)
		}
		fmt.Fprintf(tw, "  %s\t%s residenti\t%s FTE\t%s\t%s\t\n", c.Name, italian.Number(float64(c.Residents), 0), model.FormatFTE(c.SocialWorkerFTE), ratio, c.Status.Label())
	}
	tw.Flush()
	a := m.Ambito
	perm := "—"
	if a.ResidentsPerPermanentSocialWorker != nil {
		perm = "1:" + italian.Number(*a.ResidentsPerPermanentSocialWorker, 0)
	}
	fmt.Fprintf(w, "\n%s: %s residenti, %s FTE di assistenti sociali a tempo indeterminato al %s (%s); mancano %s FTE per 1:5.000 e %s per 1:4.000; contributo L. 178/2020 calcolato su questa fotografia: € %s l'anno (per il prospetto SIOSS, che conta l'FTE medio dell'anno: carico sioss).\n",
		a.Name, italian.Number(float64(a.Residents), 0), model.FormatFTE(a.PermanentSocialWorkerFTE), m.Period.At.Format("02/01/2006"), perm, model.FormatFTE(a.FTEMissingLEP), model.FormatFTE(a.FTEMissingTarget), italian.Number(a.ContributionEUR, 0))
}

// demoParams points the evidence at the sample's own planning inputs: the
// example scenario file, written beside the exports, and the quartieri of
// the largest comune with their adjacency.
func demoParams(amb *sampledata.Ambito, exports []sampledata.Export) (evidence.Params, error) {
	p := evidence.Params{At: amb.RefDate}
	dir := filepath.Dir(exports[0].Path)
	p.Scenarios = filepath.Join(dir, sampledata.ScenarioFileName)
	if err := os.WriteFile(p.Scenarios, sampledata.ScenarioFile, 0o644); err != nil {
		return p, fmt.Errorf("write example scenarios: %w", err)
	}
	for _, x := range exports {
		if x.Kind == "zones" {
			p.Adjacency = x.Path
		}
	}
	// SISO's list of cases has no quartiere: no zones to plan by.
	if len(amb.Zones) > 0 && p.Adjacency != "" {
		p.ZoneComune = amb.Zones[0].ISTAT
	}
	return p, nil
}

// printPlanSummary prints the analytics and planning figures the new
// report sections tell at length.
func printPlanSummary(e *env, m *model.Metrics, an *analytics.Analysis, plan *reports.Plan) {
	w := e.stdout
	ft := an.FlowTotals
	fmt.Fprintf(w, "\nCartelle aperte nel periodo: %s; chiuse: %s; aperte alla fine: %s.\n",
		italian.Count(ft.Opened), italian.Count(ft.Closed), italian.Count(ft.OpenEnd))
	tl := an.Timeliness
	fmt.Fprintf(w, "Procedimenti decisi oltre il termine: %s su %s; in attesa oltre il termine al %s: %s.\n",
		italian.Count(tl.OverTerm), italian.Count(tl.Decisions), italian.Date(m.Period.At.Time), italian.Count(tl.PendingOverTerm))
	fmt.Fprintf(w, "Cartelle aperte senza attività da un anno: %s.\n", italian.Count(m.Quality.DormantCases))
	for _, r := range an.Audit {
		if r.Severity == analytics.High && r.Count > 0 {
			fmt.Fprintf(w, "%s: %s.\n", strings.TrimSuffix(r.Description, "."), italian.Count(r.Count))
		}
	}
	for _, f := range plan.Forecasts {
		if f.Measure != planning.NewCases || len(f.Points) == 0 {
			continue
		}
		year := f.Points[0].Month[:4]
		var sum float64
		months := 0
		for _, p := range f.Points {
			if p.Month[:4] == year {
				sum += p.Value
				months++
			}
		}
		fmt.Fprintf(w, "Previsione nuove cartelle %s (%d mesi): %s (%s, MASE %s).\n", year, months, italian.Number(sum, 0), f.Method.Label(), optNum(f.MASE, 2))
	}
	if z := plan.Zones; z != nil {
		fmt.Fprintf(w, "Zone proposte per i quartieri di %s: %d, dispersione del carico CV %s (équipe per area attuali: %s).\n",
			z.Comune, len(z.Proposed.Zones), italian.Number(z.Proposed.CV, 2), italian.Number(z.Current.CV, 2))
	}
}

// demoMark names the file that marks a folder as the demo's, whose
// database --overwrite may replace.
const demoMark = ".carico-demo"

// demoKey names the demo's own pseudonym key, beside its database.
const demoKey = "chiave-pseudonimi-demo"

// loadSecret reads the pseudonym key the database at dbPath uses (see
// keyPath), creating it on first use.
func loadSecret(flag, dbPath string) ([]byte, error) {
	path, err := keyPath(flag, dbPath)
	if err != nil {
		return nil, err
	}
	return ingest.LoadOrCreateSecret(path)
}
