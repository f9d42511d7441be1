package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/reports"
	"github.com/carico/carico/sioss"
)

// siossCommand is `carico sioss`: the Ambito's annual return for the L.
// 178/2020 contribution, the FTE of the year (docs/planning.md).
func siossCommand() command {
	return command{
		name:    "sioss",
		summary: "prospetto annuale per il contributo L. 178/2020 (SIOSS): FTE dell'anno, chi conta, contributo",
		run:     runSioss,
	}
}

func runSioss(ctx context.Context, e *env, args []string) error {
	var f dbFlags
	fs := newFlags(e, "sioss", "--db FILE --year ANNO [--out CARTELLA] [--format json|table] [--scenari FILE --scenario NOME --dal DATA]")
	f.register(fs, "", false, true)
	year := fs.Int("year", time.Now().Year()-1, "anno del prospetto (predefinito: l'anno scorso, quello da inserire in SIOSS entro il 28 febbraio)")
	out := fs.String("out", "", "`CARTELLA` in cui scrivere la cartella di lavoro (sioss-ANNO.xlsx) e il PDF (sioss-ANNO.pdf)")
	file := fs.String("scenari", "", "`FILE` TOML degli scenari (come per «carico plan scenario») da cui prendere le assunzioni della previsione")
	name := fs.String("scenario", "", "nome dello scenario di cui contare le assunzioni di assistenti sociali a tempo indeterminato")
	from := fs.String("dal", "", "data da cui contare le assunzioni dello scenario (predefinita: 1° luglio dell'anno della previsione)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := f.check(fs); err != nil {
		return err
	}
	if f.parquet != "" {
		return usagef("--parquet non vale per sioss: i periodi di contratto sono solo nel database (--db)")
	}
	if *year < 2000 || *year > 2100 {
		return usagef("anno %d non valido", *year)
	}
	c, err := f.loadConfig()
	if err != nil {
		return err
	}
	p := sioss.Params{Year: *year, AWT: c.Model.AWT, LEPS: c.Model.LEPS, Scenario: *name}
	if p.Hires, err = scenarioHires(*file, *name, *from, *year+1); err != nil {
		return err
	}
	db, err := f.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	recs, err := facts.LoadSioss(ctx, db, *year)
	if err != nil {
		return err
	}
	r := sioss.Build(sioss.FromFacts(recs), p)
	if *out != "" {
		if err := writeSioss(ctx, e, *out, r); err != nil {
			return err
		}
	}
	if f.json() {
		return writeJSON(e.stdout, r)
	}
	printSioss(e.stdout, r)
	return nil
}

// scenarioHires reads the hires of permanent social workers of the named
// scenario, counted from the given date.
func scenarioHires(file, name, from string, year int) ([]sioss.Hire, error) {
	if (file == "") != (name == "") {
		return nil, usagef("--scenari e --scenario vanno indicati insieme")
	}
	if file == "" {
		if from != "" {
			return nil, usagef("--dal vale solo con --scenari e --scenario")
		}
		return nil, nil
	}
	day := time.Date(year, 7, 1, 0, 0, 0, 0, time.UTC)
	if from != "" {
		var err error
		if day, err = parseDay(from); err != nil {
			return nil, usagef("--dal: %v", err)
		}
	}
	text, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("lettura degli scenari: %w", err)
	}
	sf, err := planning.ParseScenarios(file, text)
	if err != nil {
		return nil, err
	}
	if sc, ok := sioss.FindScenario(sf, name); ok {
		return sioss.ScenarioHires(sc, day), nil
	}
	return nil, usagef("scenario %q non trovato in %s", name, file)
}

// writeSioss writes the workbook and, when a browser is at hand, the PDF.
func writeSioss(ctx context.Context, e *env, dir string, r sioss.Return) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cartella %s: %w", dir, err)
	}
	now := time.Now()
	xlsx := filepath.Join(dir, "sioss-"+strconv.Itoa(r.Year)+".xlsx")
	if err := reports.WriteSiossWorkbook(xlsx, r, now); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "Scritto %s\n", xlsx)
	html, err := reports.SiossHTML(r, now)
	if err != nil {
		return err
	}
	pdf := filepath.Join(dir, "sioss-"+strconv.Itoa(r.Year)+".pdf")
	if err := reports.PrintPDF(ctx, html, pdf); err != nil {
		fmt.Fprintf(e.stderr, "PDF non scritto: %v\n", err)
		return nil
	}
	fmt.Fprintf(e.stderr, "Scritto %s\n", pdf)
	return nil
}

// printSioss writes the return as tables.
func printSioss(w io.Writer, r sioss.Return) {
	fmt.Fprintf(w, "Contributo L. 178/2020 — assistenti sociali a tempo indeterminato, anno %d\n%s\n", r.Year, reports.ReadyText(r))
	for _, p := range r.Problems {
		fmt.Fprintf(w, "  - %s\n", p)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw)
	for _, l := range reports.SiossLines(r) {
		fmt.Fprintf(tw, "%s\t%s\n", l.Label, l.Value)
	}
	fmt.Fprintf(tw, "\nComune\tResidenti\tFTE dell'anno\tFTE al %s\tResidenti per FTE\n", r.SnapshotDate)
	for _, c := range r.Comuni {
		per := "—"
		if c.ResidentsPerFTE != nil {
			per = "1:" + italian.Number(*c.ResidentsPerFTE, 0)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.Name, italian.Count(c.Residents), italian.Number(c.FTEYear, 4), italian.Number(c.FTESnapshot, 4), per)
	}
	fmt.Fprintf(tw, "\nMatricola\tCognome e nome\tFTE dell'anno\tFTE al %s\tConta\n", r.SnapshotDate)
	for _, p := range r.People {
		counts := "sì"
		if !p.Counted {
			counts = "no: " + p.Reason
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.ID, p.Name, italian.Number(p.FTEYear, 4), italian.Number(p.FTESnapshot, 4), counts)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nRiconciliazione con la fotografia al %s (FTE dell'anno − FTE al %s = %s):\n", r.SnapshotDate, r.SnapshotDate, italian.Number(r.FTEYear-r.FTESnapshot, 4))
	for _, d := range r.Reconciliation {
		fmt.Fprintf(w, "  %s %s: %s — %s\n", d.ID, d.Name, italian.Number(d.Difference, 4), d.Reason)
	}
	fmt.Fprintln(w, "\nScadenze:")
	for _, c := range r.Calendar {
		fmt.Fprintf(w, "  %s  %s\n", c.Date, c.What)
	}
}
