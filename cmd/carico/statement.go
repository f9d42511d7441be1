package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/carico/carico/analytics"
	"github.com/carico/carico/evidence"
	"os"
	"path/filepath"
	"time"

	"github.com/carico/carico/model"
	"github.com/carico/carico/reports"
	"github.com/carico/carico/store"
)

func statementCommand() command {
	return command{
		name:    "statement",
		summary: "scrive il prospetto personale di un operatore da allegare a una segnalazione, in HTML e in PDF",
		run:     runStatement,
	}
}

func runStatement(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "statement", "--db FILE --operator ID --out CARTELLA [--responsabile TESTO] [--luogo LUOGO] [--data DATA] [--remarks FILE] [--pdf] [--from DATA --to DATA] [--config FILE] [--panel-weights FILE]")
	var df dbFlags
	df.register(fs, "", true, false)
	operator := fs.String("operator", "", "identificativo dell'operatore (obbligatorio)")
	out := fs.String("out", "", "`CARTELLA` in cui scrivere il prospetto (obbligatoria)")
	addressee := fs.String("responsabile", "", "destinatario, come va scritto nella lettera (es. «Dott.ssa Anna Bianchi, Responsabile del Servizio sociale»)")
	place := fs.String("luogo", "", "luogo della firma")
	dateFlag := fs.String("data", "", "data della lettera, gg/mm/aaaa (predefinita: oggi)")
	remarks := fs.String("remarks", "", "`FILE` con le proprie osservazioni, in testo semplice o Markdown")
	pdf := fs.Bool("pdf", false, "scrive anche il PDF, con il Chrome, Chromium o Edge installato")
	panelPath := panelWeightsFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := df.check(fs); err != nil {
		return err
	}
	switch {
	case *operator == "":
		return usagef("manca --operator")
	case *out == "":
		return usagef("manca --out")
	}
	opt := reports.StatementOptions{OperatorID: *operator, Addressee: *addressee, Place: *place}
	if *dateFlag != "" {
		d, err := parseDay(*dateFlag)
		if err != nil {
			return usagef("--data: %v", err)
		}
		opt.Date = d
	}
	if *remarks != "" {
		b, err := os.ReadFile(*remarks)
		if err != nil {
			return fmt.Errorf("osservazioni %s: file non leggibile", *remarks)
		}
		opt.Remarks = string(b)
	}
	panel, err := loadPanelSet(*panelPath)
	if err != nil {
		return err
	}
	db, p, err := df.modelParams(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	p.PanelWeights = panel
	m, _, err := evidence.Metrics(ctx, db, p)
	if err != nil {
		return computeErr(err)
	}
	if opt.History, err = yearlyMetrics(ctx, db, p.Config); err != nil {
		return err
	}
	html, err := reports.Statement(m, opt)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("cartella di destinazione: %w", err)
	}
	base := filepath.Join(*out, "prospetto-"+safeFileName(*operator))
	if err := os.WriteFile(base+".html", html, 0o644); err != nil {
		return fmt.Errorf("salva %s: %w", base+".html", err)
	}
	fmt.Fprintf(e.stdout, "Prospetto personale scritto:\n  %s\n", base+".html")
	if *pdf {
		if err := reports.PrintPDF(ctx, html, base+".pdf"); err != nil {
			if errors.Is(err, reports.ErrNoBrowser) {
				return fmt.Errorf("%w. Il prospetto HTML è comunque in %s: aprirlo nel browser e stamparlo in PDF", err, base+".html")
			}
			return err
		}
		fmt.Fprintf(e.stdout, "  %s\n", base+".pdf")
	}
	return nil
}

// yearlyMetrics computes the model for each calendar year of the diario,
// the last one possibly partial.
func yearlyMetrics(ctx context.Context, db *store.DB, cfg *analytics.Config) ([]*model.Metrics, error) {
	first, last, err := model.DiarioSpan(ctx, db)
	if err != nil || first.IsZero() {
		return nil, err
	}
	var out []*model.Metrics
	for y := first.Year(); y <= last.Year(); y++ {
		to := time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
		if to.After(last) {
			to = last
		}
		m, err := evidence.Workload(ctx, db, evidence.Params{From: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), To: to, Config: cfg})
		if err != nil {
			return nil, fmt.Errorf("storico %d: %w", y, err)
		}
		out = append(out, m)
	}
	return out, nil
}

// safeFileName keeps an identifier usable in a file name.
func safeFileName(id string) string {
	b := []byte(id)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b[i] = '_'
		}
	}
	return string(b)
}
