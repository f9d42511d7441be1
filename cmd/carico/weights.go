package main

import (
	"context"
	"fmt"
	"github.com/carico/carico/evidence"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/weights"
)

func weightsCommand() command {
	return command{
		name:    "weights",
		summary: "calcola i pesi delle cartelle dalle ore registrate nel diario e li fa rivedere a un pannello di operatori",
		run:     runWeights,
	}
}

// listFlag is a repeatable option.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func runWeights(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "weights", "--db FILE --out CARTELLA [--from DATA --to DATA] [--config FILE] [--min-cartelle N] [--panel FILE ...] [--format json|table]")
	var df dbFlags
	df.register(fs, "", true, true)
	out := fs.String("out", "", "`CARTELLA` in cui scrivere pesi-osservati.toml e pannello-pesi.xlsx (o, con --panel, pesi-pannello.toml) (obbligatoria)")
	minCartelle := fs.Int("min-cartelle", 10, "cartelle minime perché una cella abbia un peso proprio; sotto, il peso è preso dall'area o dall'intero servizio")
	var panels listFlag
	fs.Var(&panels, "panel", "`FILE` del pannello compilato (foglio «"+weights.PanelSheet+"»); ripetibile, uno per partecipante o uno per tutti")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := df.check(fs); err != nil {
		return err
	}
	if *out == "" {
		return usagef("manca --out")
	}
	if *minCartelle < 1 {
		return usagef("--min-cartelle deve essere almeno 1")
	}
	db, p, err := df.modelParams(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	m, err := evidence.Workload(ctx, db, p)
	if err != nil {
		return computeErr(err)
	}
	cal, err := weights.CalibrateCached(ctx, db, m, weights.Options{MinCartelle: *minCartelle})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("cartella di destinazione: %w", err)
	}
	var files []string
	var adj []weights.Adjusted
	if len(panels) > 0 {
		panel, err := weights.ReadPanel(panels...)
		if err != nil {
			return err
		}
		adj = weights.Adjust(cal, panel)
		path := filepath.Join(*out, "pesi-pannello.toml")
		if err := writeWeightsFile(path, weights.PanelHeader(cal, panel), weights.PanelRowsTOML(adj)); err != nil {
			return err
		}
		files = append(files, path)
	} else {
		path := filepath.Join(*out, "pesi-osservati.toml")
		if err := writeWeightsFile(path, cal.Header(), cal.CalibrationRows()); err != nil {
			return err
		}
		xlsx := filepath.Join(*out, "pannello-pesi.xlsx")
		if err := weights.WritePanel(xlsx, cal); err != nil {
			return err
		}
		files = append(files, path, xlsx)
	}
	if df.json() {
		return writeJSON(e.stdout, struct {
			*weights.Calibration
			Panel []weights.Adjusted `json:"panel,omitempty"`
			Files []string           `json:"files"`
		}{cal, adj, files})
	}
	if err := writeCalibrationTable(e.stdout, cal, adj); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "\nFile scritti:")
	for _, f := range files {
		fmt.Fprintf(e.stdout, "  %s\n", f)
	}
	return nil
}

func writeWeightsFile(path string, header []string, rows []weights.Row) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("salva %s: %w", path, err)
	}
	if err := weights.WriteTOML(f, header, rows); err != nil {
		f.Close()
		return fmt.Errorf("salva %s: %w", path, err)
	}
	return f.Close()
}

func writeCalibrationTable(out io.Writer, cal *weights.Calibration, adj []weights.Adjusted) error {
	fmt.Fprintf(out, "Pesi delle cartelle osservati nel diario, dal %s al %s\n", italian.Date(cal.From.Time), italian.Date(cal.To.Time))
	fmt.Fprintf(out, "Mesi-operatore con diario adeguato (copertura ≥ %s %%): %s su %s; cartelle senza area o complessità escluse: %s.\n\n",
		italian.Number(cal.CoverageLow*100, 0), italian.Count(cal.MonthsUsed), italian.Count(cal.MonthsTotal), italian.Count(cal.Unclassified))
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	header := "Area\tComplessità\tCartelle\tCartelle-anno\tOre osservate\tIntervallo 90 %\tPeso standard\tPeso calibrato\tOrigine\t"
	if adj != nil {
		header += "Risposte\tPeso del pannello\t"
	}
	fmt.Fprintln(w, header)
	for i, c := range cal.Cells {
		interval := "—"
		if c.Low != nil {
			interval = italian.Number(*c.Low, 1) + "–" + italian.Number(*c.High, 1)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t", c.Area.Label(), carico.ComplexityLabel(c.Complexity), italian.Count(c.Cartelle),
			italian.Number(c.CaseYears, 1), optNum(c.Observed, 1), interval, italian.Number(c.Standard, 1), italian.Number(c.Weight, 1), c.Source)
		if adj != nil {
			fmt.Fprintf(w, "%d\t%s\t", len(adj[i].Answers), italian.Number(adj[i].Panel, 1))
		}
		fmt.Fprintln(w)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nUna cella con meno di %d cartelle prende il peso standard × il rapporto tra ore osservate e standard della sua area (origine «area») o, se l'area non ha celle sufficienti, dell'intero servizio («complessivo»).\n", cal.MinCartelle)
	return nil
}
