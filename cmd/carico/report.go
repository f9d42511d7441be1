package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/carico/carico/model"
	"github.com/carico/carico/reports"
	"github.com/carico/carico/weights"
)

func reportCommand() command {
	return command{
		name:    "report",
		summary: "scrive la cartella di lavoro Excel e il cruscotto HTML per il responsabile, un operatore o gli amministratori",
		run:     runReport,
	}
}

func runReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report", "--db FILE --out CARTELLA [--from DATA --to DATA] [--audience operatore|responsabile|politico] [--operator ID]")
	var df dbFlags
	df.register(fs, "", true, false)
	out := fs.String("out", "", "`CARTELLA` in cui scrivere i file (obbligatoria)")
	audience := fs.String("audience", string(reports.Responsabile), "destinatario: responsabile (gruppo con i nomi), operatore (prospetto personale) o politico (solo dati aggregati)")
	operator := fs.String("operator", "", "identificativo dell'operatore, per --audience operatore")
	cfgPath := fs.String("config", "", "`FILE` TOML che sostituisce soglie e pesi predefiniti, chiave per chiave")
	small := fs.Int("small-cell", reports.DefaultSmallCell, "per --audience politico: i conteggi inferiori a questa soglia sono mostrati come «<N»")
	title := fs.String("title", "", "titolo del rapporto (predefinito: uno per destinatario)")
	panelPath := fs.String("panel-weights", "", "`FILE` dei pesi del pannello (scritto da carico weights --panel), da confrontare con i pesi standard e osservati")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := df.check(fs); err != nil {
		return err
	}
	if *out == "" {
		return usagef("manca --out")
	}
	aud, err := reports.ParseAudience(*audience)
	if err != nil {
		return usagef("%v", err)
	}
	if aud == reports.Operatore && *operator == "" {
		return usagef("con --audience operatore serve --operator ID")
	}
	if aud != reports.Operatore && *operator != "" {
		return usagef("--operator vale solo con --audience operatore")
	}
	if *small < 1 {
		return usagef("--small-cell deve essere almeno 1")
	}
	var p model.Params
	_, p.From, p.To, _ = df.dates()
	if p.Config, err = model.LoadConfig(*cfgPath); err != nil {
		return err
	}
	db, err := df.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	panel, err := loadPanelSet(*panelPath)
	if err != nil {
		return err
	}
	m, cal, err := weights.Compute(ctx, db, p, panel, weights.Options{})
	if errors.Is(err, model.ErrNoData) {
		return err
	}
	if err != nil {
		return fmt.Errorf("calcolo delle misure: %w", err)
	}
	files, err := reports.Write(*out, m, reports.Options{
		Audience: aud, OperatorID: *operator, Title: *title, SmallCell: *small, Calibration: cal,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Rapporto per %s, periodo dal %s al %s:\n", aud, m.Period.From.Format("02/01/2006"), m.Period.To.Format("02/01/2006"))
	for _, f := range files {
		fmt.Fprintf(e.stdout, "  %s\n", f)
	}
	return nil
}
