package main

import (
	"context"
	"fmt"
	"github.com/carico/carico/evidence"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/analytics"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/regional"
)

func analyzeCommand() command {
	return command{
		name:    "analyze",
		summary: "analizza flussi delle cartelle, tempi dei procedimenti, qualità della cartella sociale ed equità del carico",
		run:     runAnalyze,
	}
}

func runAnalyze(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "analyze", "--db FILE|--parquet CARTELLA [--ambito AMBITI] [--at DATA] [--from DATA --to DATA] [--config FILE] [--audience responsabile] [--format json|table]")
	var df dbFlags
	df.register(fs, "data di riferimento per cartelle aperte, procedimenti in corso e controlli (gg/mm/aaaa o aaaa-mm-gg; predefinita: fine periodo)", true, true)
	audience := fs.String("audience", "responsabile", "destinatario: responsabile (con l'elenco delle segnalazioni); per la Giunta e il Consiglio usare carico report --audience politico")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := df.check(fs); err != nil {
		return err
	}
	if *audience == string(analytics.Politico) && df.parquet != "" {
		return usagef("%s", councilParquet)
	}
	if *audience == string(analytics.Politico) {
		// Tables and JSON print the raw counts: only the report goes
		// through the disclosure audit of the whole output (issue 22).
		return usagef("il destinatario politico non è disponibile per analyze: le tabelle e il JSON mostrano i conteggi senza il controllo della riservatezza; la versione per la Giunta e il Consiglio si produce con carico report --audience politico")
	}
	if *audience != string(analytics.Responsabile) {
		return usagef("destinatario %q non valido: usare responsabile (per la Giunta e il Consiglio: carico report --audience politico)", *audience)
	}
	db, p, err := df.modelParams(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	m, err := evidence.Workload(ctx, db, p)
	if err != nil {
		return fmt.Errorf("analisi: %w", err)
	}
	a, err := evidence.Analyze(ctx, db, p, m)
	if err != nil {
		return err
	}
	e.log.Info("analysis computed", "elapsed", time.Since(start))
	ambiti, err := df.compare(ctx, db, m, a)
	if err != nil {
		return err
	}
	a = a.For(analytics.Audience(*audience))
	if df.json() {
		return writeJSON(e.stdout, struct {
			*analytics.Analysis
			Ambiti []regional.AmbitoFigures `json:"ambiti,omitempty"`
		}{a, ambiti})
	}
	if err := writeAnalysisTable(e.stdout, a); err != nil {
		return err
	}
	return writeAmbitiTable(e.stdout, ambiti)
}

// findingsShown is how many offending records per rule the table prints;
// the JSON carries up to audit.max_findings.
const findingsShown = 5

// writeAnalysisTable prints the analysis as readable Italian tables.
func writeAnalysisTable(out io.Writer, a *analytics.Analysis) error {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	from, _ := time.Parse(time.DateOnly, a.Period.From)
	to, _ := time.Parse(time.DateOnly, a.Period.To)
	at, _ := time.Parse(time.DateOnly, a.Period.At)
	fmt.Fprintf(w, "Analisi dal %s al %s, riferimento al %s (destinatario: %s)\n", italian.Date(from), italian.Date(to), italian.Date(at), a.Audience)

	fmt.Fprintln(w, "\nFlussi delle cartelle")
	fmt.Fprintln(w, "Mese\tAperte\tChiuse\tAperte a fine mese\tAperte/chiuse")
	for _, m := range a.Flows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", italian.ShortMonthOf(m.Month), italian.Count(m.Opened), italian.Count(m.Closed), italian.Count(m.OpenEnd), optNum(m.InflowOutflow, 2))
	}
	t := a.FlowTotals
	fmt.Fprintf(w, "Periodo\t%s\t%s\t%s\t%s\n", italian.Count(t.Opened), italian.Count(t.Closed), italian.Count(t.OpenEnd), optNum(t.InflowOutflow, 2))
	fmt.Fprintf(w, "Aperte all'inizio del periodo: %s\n", italian.Count(t.OpenStart))

	fmt.Fprintln(w, "\nChiusure per motivo")
	for _, r := range carico.CloseReasons {
		fmt.Fprintf(w, "%s\t%s\n", r.Label(), italian.Count(a.ClosedByReason[string(r)]))
	}
	if n := a.ClosedByReason["non_indicato"]; n > 0 {
		fmt.Fprintf(w, "Motivo non indicato\t%s\n", italian.Count(n))
	}

	fmt.Fprintln(w, "\nTempo dall'apertura alla chiusura (giorni)")
	fmt.Fprintln(w, "Area\tChiuse\tMediana\t90° percentile")
	for _, c := range a.TimeToClose.ByArea {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", c.Label, italian.Count(c.Closed), optNum(c.Median, 0), optNum(c.P90, 0))
	}
	all := a.TimeToClose.All
	fmt.Fprintf(w, "Tutte\t%s\t%s\t%s\n", italian.Count(all.Closed), optNum(all.Median, 0), optNum(all.P90, 0))
	r := a.Reopenings
	fmt.Fprintf(w, "Riaperture entro %d mesi da una chiusura: %s su %s cartelle aperte (%s)\n", r.WindowMonths, italian.Count(r.Reopened), italian.Count(r.Opened), pct(r.Share))

	fmt.Fprintln(w, "\nSegretariato sociale nel periodo")
	fmt.Fprintln(w, "Comune\tAccessi\tOre")
	type access struct {
		n       int
		minutes int64
	}
	byComune := map[string]*access{}
	var names []string
	for _, v := range a.Access {
		name := v.Comune
		if name == "" {
			name = "Comune non indicato"
		}
		if byComune[name] == nil {
			byComune[name] = &access{}
			names = append(names, name)
		}
		byComune[name].n += v.Activities
		byComune[name].minutes += v.Minutes
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "%s\t%s\t%s\n", n, italian.Count(byComune[n].n), italian.Number(float64(byComune[n].minutes)/60, 1))
	}

	tm := a.Timeliness
	fmt.Fprintf(w, "\nTempi dei procedimenti (L. 241/1990, art. 2; termine predefinito %d giorni)\n", tm.TermDays)
	fmt.Fprintln(w, "Iniziativa\tTermine\tDecisioni\tOltre il termine\tMediana giorni\t90° percentile\tIn corso\tIn corso oltre il termine")
	row := func(label, term string, f analytics.TimelinessFigures) {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", label, term, italian.Count(f.Decisions), italian.Count(f.OverTerm),
			optNum(f.MedianDays, 1), optNum(f.P90Days, 1), italian.Count(f.Pending), italian.Count(f.PendingOverTerm))
	}
	for _, i := range tm.ByInitiative {
		row(i.Label, strconv.Itoa(i.TermDays), i.TimelinessFigures)
	}
	row("Tutte", "", tm.TimelinessFigures)
	if tm.DecisionBeforeApplication > 0 {
		fmt.Fprintf(w, "Escluse %d decisioni datate prima dell'istanza.\n", tm.DecisionBeforeApplication)
	}

	fmt.Fprintln(w, "\nControlli sulla cartella sociale")
	fmt.Fprintln(w, "Regola\tGravità\tCasi\tSu\tQuota\tDescrizione")
	for _, r := range a.Audit {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s %s\t%s\t%s\n", r.Rule, r.Severity, italian.Count(r.Count), italian.Count(r.Denominator), r.Base, pct(r.Share), r.Description)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for _, r := range a.Audit {
		if len(r.Findings) == 0 {
			continue
		}
		fmt.Fprintf(out, "\n%s: primi %d di %d\n", r.Rule, min(findingsShown, len(r.Findings)), r.Count)
		for _, f := range r.Findings[:min(findingsShown, len(r.Findings))] {
			fmt.Fprintf(out, "  %s\n", findingLine(f))
		}
	}

	b := a.Balance
	fmt.Fprintf(w, "\nEquità del carico (carico pesato per FTE al %s; lavoro di comunità, obiettivo %s)\n", italian.Date(at), pct(&b.CommunityTarget))
	fmt.Fprintln(w, "Ruolo\tOperatori\tMediana\tMax/mediana\tCV\tGini\tComunità mediana\tSotto l'obiettivo")
	for _, r := range b.Roles {
		c := r.WeightedCaseloadPerFTE
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%d\n", r.Label, c.N, optNum(c.Median, 1), optNum(c.MaxOverMedian, 2),
			optNum(c.CV, 2), optNum(c.Gini, 2), pct(r.CommunityShare.Median), r.BelowCommunityTarget)
	}
	if len(b.Operators) > 0 {
		fmt.Fprintln(w, "\nOperatore\tRuolo\tCarico pesato/FTE\tScarto dalla mediana\tQuota comunità\tScarto dall'obiettivo")
		for _, o := range b.Operators {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", o.Name, o.Role.Label(), optNum(o.WeightedCaseloadPerFTE, 1),
				signedPct(o.CaseloadRelative), pct(o.CommunityShare), signedPct(o.CommunityFromTarget))
		}
	}
	return w.Flush()
}

func findingLine(f analytics.Finding) string {
	var parts []string
	for _, p := range []struct{ label, v string }{
		{"cartella", carico.DisplayID(f.CaseID)}, {"attività", carico.DisplayID(f.ActivityID)}, {"operatore", f.OperatorID}, {"mese", f.Month}, {"data", f.Date},
	} {
		if p.v != "" {
			parts = append(parts, p.label+" "+p.v)
		}
	}
	return strings.Join(parts, ", ") + ": " + f.Detail
}

// signedPct prints a share difference with its sign, e.g. "+12 %".
func signedPct(v *float64) string {
	if v == nil {
		return "n.d."
	}
	s := pct(v)
	if *v >= 0 {
		s = "+" + s
	}
	return s
}
