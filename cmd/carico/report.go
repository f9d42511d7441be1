package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/carico/carico/model"
	"github.com/carico/carico/reports"
	"github.com/carico/carico/store"
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
	dbPath := fs.String("db", "", "database di carico (obbligatorio)")
	out := fs.String("out", "", "cartella in cui scrivere i file (obbligatoria)")
	from := fs.String("from", "", "inizio del periodo, gg/mm/aaaa o aaaa-mm-gg (predefinito: l'ultimo anno solare completo nei dati)")
	to := fs.String("to", "", "fine del periodo; è anche la data di riferimento delle cartelle aperte")
	audience := fs.String("audience", string(reports.Responsabile), "destinatario: responsabile (gruppo con i nomi), operatore (prospetto personale) o politico (solo dati aggregati)")
	operator := fs.String("operator", "", "identificativo dell'operatore, per --audience operatore")
	cfgPath := fs.String("config", "", "file TOML che sostituisce soglie e pesi predefiniti, chiave per chiave")
	small := fs.Int("small-cell", reports.DefaultSmallCell, "per --audience politico: i conteggi inferiori a questa soglia sono mostrati come «<N»")
	title := fs.String("title", "", "titolo del rapporto (predefinito: uno per destinatario)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("argomento inatteso: %q", fs.Arg(0))
	}
	if *dbPath == "" || *out == "" {
		return usagef("servono --db e --out")
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
	if (*from == "") != (*to == "") {
		return usagef("--from e --to vanno indicati insieme")
	}
	var p model.Params
	for _, d := range []struct {
		flag, value string
		dst         *time.Time
	}{{"--from", *from, &p.From}, {"--to", *to, &p.To}} {
		if d.value == "" {
			continue
		}
		t, err := parseDay(d.value)
		if err != nil {
			return usagef("%s: %v", d.flag, err)
		}
		*d.dst = t
	}
	if p.Config, err = model.LoadConfig(*cfgPath); err != nil {
		return err
	}
	if _, err := os.Stat(*dbPath); err != nil {
		return fmt.Errorf("database %s non trovato", *dbPath)
	}
	db, err := store.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	m, err := model.Compute(ctx, db, p)
	if errors.Is(err, model.ErrNoData) {
		return err
	}
	if err != nil {
		return fmt.Errorf("calcolo delle misure: %w", err)
	}
	files, err := reports.Write(*out, m, reports.Options{
		Audience: aud, OperatorID: *operator, Title: *title, SmallCell: *small,
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
