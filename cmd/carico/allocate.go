package main

import (
	"context"
	"fmt"
	"github.com/carico/carico/evidence"
	"strings"
	"text/tabwriter"

	"github.com/carico/carico"
	"github.com/carico/carico/allocate"
	"github.com/carico/carico/ingest"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

func allocateCommand() command {
	return command{
		name:    "allocate",
		summary: "ordina gli assistenti sociali per il carico che avrebbero prendendo una nuova cartella (aiuto all'assegnazione)",
		run:     runAllocate,
	}
}

func runAllocate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "allocate", "--db FILE --area AREA --complexity bassa|media|alta --comune COMUNE [--zona ZONA] [--cf CODICE_FISCALE] [--at DATA] [--config FILE] [--format json|table]\n  oppure: --db FILE --queue [--at DATA] [--absent-days N] [--format json|table] [--decide CARTELLA --to OPERATORE --reason MOTIVO [--note TESTO]] [--export-decisions FILE.csv|FILE.xlsx]")
	var df dbFlags
	df.register(fs, "data a cui si misura il carico (predefinita: fine dell'ultimo anno completo nei dati)", false, true)
	area := fs.String("area", "", "area di utenza della nuova cartella: "+areaKeys())
	complexity := fs.String("complexity", "", "complessità: bassa, media o alta (o 1, 2, 3)")
	comune := fs.String("comune", "", "comune della persona: codice ISTAT o nome")
	zone := fs.String("zona", "", "zona o quartiere della cartella, se il servizio li usa")
	cf := fs.String("cf", "", "codice fiscale della persona, per trovare chi la segue già; trasformato nel suo pseudonimo con la chiave e mai salvato")
	secretPath := fs.String("secret", "", "`FILE` della chiave degli pseudonimi (predefinito: quello dell'installazione; per il database di una demo, la chiave della demo accanto ad esso)")
	var qf queueFlags
	fs.BoolVar(&qf.queue, "queue", false, "mostra la coda di assegnazione: cartelle senza titolare in servizio e istanze in attesa, ordinate per giorni al termine e giorni di attesa")
	fs.IntVar(&qf.absentDays, "absent-days", allocate.DefaultQueueConfig().AbsentDays, "con --queue: giorni senza annotazioni nel diario dopo i quali il titolare è considerato assente")
	fs.IntVar(&qf.newDays, "new-days", allocate.DefaultQueueConfig().NewDays, "con --queue: giorni entro i quali una cartella mai assegnata è «nuova»")
	fs.StringVar(&qf.decide, "decide", "", "con --queue: registra la decisione di assegnazione per la `CARTELLA` della coda")
	fs.StringVar(&qf.to, "to", "", "con --decide: codice dell'`OPERATORE` scelto")
	fs.StringVar(&qf.reason, "reason", "", "con --decide: motivo della scelta: "+reasonKeys())
	fs.StringVar(&qf.note, "note", "", "con --decide: spiegazione scritta (obbligatoria con il motivo altro)")
	fs.StringVar(&qf.export, "export-decisions", "", "con --queue: scrive in `FILE` (CSV, o Excel se termina in .xlsx) le decisioni in attesa di essere riportate nel software della cartella")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := df.check(fs); err != nil {
		return err
	}
	if qf.queue {
		return runQueue(ctx, e, &df, qf)
	}
	req := allocate.Request{Area: carico.Area(*area), Complexity: carico.ParseComplexity(*complexity), Zone: strings.TrimSpace(*zone)}
	switch {
	case !req.Area.Valid():
		return usagef("--area %q non valida: usare %s", *area, areaKeys())
	case req.Complexity == 0:
		return usagef("--complexity %q non valida: usare bassa, media o alta", *complexity)
	case *comune == "":
		return usagef("manca --comune")
	}
	if *cf != "" {
		dbPath, err := orDefaultDB(df.db)
		if err != nil {
			return err
		}
		secret, err := loadSecret(*secretPath, dbPath)
		if err != nil {
			return err
		}
		if req.Person, err = ingest.PersonPseudonym(secret, *cf); err != nil {
			return usagef("--cf: %v", err)
		}
	}
	db, p, err := df.modelParams(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	cfg := p.Config.Model
	m, err := evidence.Workload(ctx, db, p)
	if err != nil {
		return computeErr(err)
	}
	for _, c := range m.Comuni {
		if c.ISTAT == *comune || strings.EqualFold(c.Name, strings.TrimSpace(*comune)) {
			req.ISTAT, req.ComuneName = c.ISTAT, c.Name
		}
	}
	if req.ISTAT == "" {
		return usagef("comune %q non trovato tra i comuni dell'Ambito", *comune)
	}
	holdings, err := model.OpenHoldings(ctx, db, m.Period.At.Time)
	if err != nil {
		return err
	}
	// A worker the queue finds absent is proposed last, as on the queue
	// at the same date.
	p.At = m.Period.At.Time
	items, _, err := evidence.Queue(ctx, db, p, allocate.DefaultQueueConfig())
	if err != nil {
		return computeErr(err)
	}
	team := allocate.Team(m, holdings, items)
	ranked := allocate.Rank(team, req, cfg.Caseload, cfg.Thresholds)
	if df.json() {
		return writeJSON(e.stdout, ranked)
	}
	w := e.stdout
	fmt.Fprintf(w, "Nuova cartella: %s, complessità %s, %s — peso %s ore/anno. Carichi al %s.\n\n", req.Area.Label(), *complexity, req.ComuneName,
		italian.Number(cfg.Caseload.Weight(req.Area, req.Complexity), 1), italian.Date(m.Period.At.Time))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "N.\tOperatore\tSegue già la persona\tTerritorio\tCarico ora\tCarico dopo\tStato dopo\t")
	for _, c := range ranked {
		cont := ""
		if len(c.Continuity) > 0 {
			cont = "sì"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t\n", c.Rank, c.Name, cont, c.Territory, pct(c.LoadBefore), pct(c.LoadAfter), c.Status.Label())
	}
	tw.Flush()
	fmt.Fprintln(w)
	for _, c := range ranked {
		fmt.Fprintln(w, c.Reason)
	}
	fmt.Fprintf(w, "\nCriteri, in ordine: chi risulta assente per ultimo; continuità con la persona; carico dopo l'assegnazione entro le soglie (%s attenzione, %s critico); comune o zona; carico più basso. La decisione spetta al responsabile.\n",
		pct(&cfg.Thresholds.CaseloadAmber), pct(&cfg.Thresholds.CaseloadRed))
	return nil
}

func reasonKeys() string {
	keys := make([]string, len(allocate.Reasons))
	for i, r := range allocate.Reasons {
		keys[i] = r.Key
	}
	return strings.Join(keys, ", ")
}

func areaKeys() string {
	keys := make([]string, len(carico.Areas))
	for i, a := range carico.Areas {
		keys[i] = string(a)
	}
	return strings.Join(keys, ", ")
}
