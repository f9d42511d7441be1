package main

import (
	"context"
	"fmt"

	"github.com/carico/carico/evidence"
	"github.com/carico/carico/reports"
)

func reportCommand() command {
	return command{
		name:    "report",
		summary: "scrive la cartella di lavoro Excel e il cruscotto HTML per il responsabile, un operatore o gli amministratori",
		run:     runReport,
	}
}

func runReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report", "--db FILE --out CARTELLA [--from DATA --to DATA] [--at DATA] [--audience operatore|responsabile|politico] [--operator ID] [--scenarios FILE] [--adjacency FILE [--zones-comune ISTAT] [--zones N]]")
	var df dbFlags
	df.register(fs, "data di riferimento per cartelle aperte e rapporto LEPS (gg/mm/aaaa o aaaa-mm-gg; predefinita: fine periodo)", true, false)
	out := fs.String("out", "", "`CARTELLA` in cui scrivere i file (obbligatoria)")
	audience := fs.String("audience", string(reports.Responsabile), "destinatario: responsabile (gruppo con i nomi), operatore (prospetto personale) o politico (solo dati aggregati)")
	operator := fs.String("operator", "", "identificativo dell'operatore, per --audience operatore")
	small := fs.Int("small-cell", reports.DefaultSmallCell, "per --audience politico: i conteggi positivi sotto questa soglia non sono diffusi («n.d.»)")
	title := fs.String("title", "", "titolo del rapporto (predefinito: uno per destinatario)")
	panelPath := panelWeightsFlag(fs)
	var ep evidence.Params
	fs.StringVar(&ep.Scenarios, "scenarios", "", "`FILE` TOML degli scenari di personale (predefiniti: personale attuale e assunzioni per 1:5.000 e 1:4.000)")
	fs.StringVar(&ep.Adjacency, "adjacency", "", "`FILE` delle adiacenze tra quartieri (quartiere;confinante): con questo, il rapporto propone zone territoriali")
	fs.StringVar(&ep.ZoneComune, "zones-comune", "", "codice `ISTAT` del comune di cui raggruppare i quartieri (predefinito: quello con più cartelle con quartiere)")
	fs.IntVar(&ep.Zones, "zones", 3, "numero di zone da proporre")
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
	if aud == reports.Politico && df.parquet != "" {
		return usagef("%s", councilParquet)
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
	if ep.Zones < 1 {
		return usagef("--zones deve essere almeno 1")
	}
	ep.At, ep.From, ep.To, _ = df.dates()
	if ep.Config, err = df.loadConfig(); err != nil {
		return err
	}
	db, err := df.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if ep.PanelWeights, err = loadPanelSet(*panelPath); err != nil {
		return err
	}
	ev, err := evidence.Build(ctx, db, ep)
	if err != nil {
		return computeErr(err)
	}
	files, err := ev.Write(*out, reports.Options{Audience: aud, OperatorID: *operator, Title: *title, SmallCell: *small})
	if err != nil {
		return err
	}
	m := ev.Metrics
	fmt.Fprintf(e.stdout, "Rapporto per %s, periodo dal %s al %s, situazione al %s:\n", aud,
		m.Period.From.Format("02/01/2006"), m.Period.To.Format("02/01/2006"), m.Period.At.Format("02/01/2006"))
	for _, f := range files {
		fmt.Fprintf(e.stdout, "  %s\n", f)
	}
	return nil
}
