package main

import (
	"context"
	"fmt"
	"os"
	"os/user"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/allocate"
	"github.com/carico/carico/evidence"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
	"github.com/carico/carico/store"
)

// queueFlags are allocate's options for the queue and its decisions.
type queueFlags struct {
	queue               bool
	absentDays, newDays int
	decide, to, reason  string
	note, export        string
}

// runQueue prints the queue at the reference date, records a decision
// taken from it (--decide) or writes the decisions waiting for the
// cartella software (--export-decisions).
func runQueue(ctx context.Context, e *env, df *dbFlags, qf queueFlags) error {
	qc := allocate.QueueConfig{AbsentDays: qf.absentDays, NewDays: qf.newDays}
	if qc.AbsentDays < 1 || qc.NewDays < 0 {
		return usagef("--absent-days deve essere almeno 1 e --new-days non negativo")
	}
	if qf.decide != "" && df.parquet != "" {
		return usagef("--decide registra la decisione nel database: indicare --db, non --parquet")
	}
	p, err := df.params()
	if err != nil {
		return err
	}
	var db *store.DB
	if qf.decide != "" {
		db, err = store.Open(ctx, df.db) // a decision is written
	} else {
		db, err = df.open(ctx)
	}
	if err != nil {
		return err
	}
	defer db.Close()
	items, at, err := evidence.Queue(ctx, db, p, qc)
	if err != nil {
		return computeErr(err)
	}
	if qf.decide != "" {
		if err := decide(ctx, db, p, items, qf); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Decisione registrata: cartella %s a %s. Resta segnata nella coda finché un'importazione delle cartelle non mostra l'assegnazione.\n", qf.decide, qf.to)
		return nil
	}
	if qf.export != "" {
		f, err := os.Create(qf.export)
		if err != nil {
			return err
		}
		write := allocate.WriteDecisionsCSV
		if strings.HasSuffix(strings.ToLower(qf.export), ".xlsx") {
			write = allocate.WriteDecisionsXLSX
		}
		if err := write(f, items); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	if df.json() {
		return writeJSON(e.stdout, items)
	}
	w := e.stdout
	fmt.Fprintf(w, "Coda di assegnazione al %s: %d elementi (cartelle senza titolare in servizio e istanze in attesa di decisione).\n\n", italian.Date(at), len(items))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Tipo\tCartella\tArea\tComplessità\tComune\tIn attesa (giorni)\tGiorni al termine\tDecisione\t")
	for _, it := range items {
		left, dec := "—", ""
		if it.DaysLeft != nil {
			left = fmt.Sprint(*it.DaysLeft)
		}
		if it.Decision != nil {
			dec = "assegnata a " + it.Decision.Name + " il " + italian.Date(it.Decision.At.In(italian.Rome))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t\n", allocate.KindLabel(it.Kind), it.Number(), it.Area.Label(),
			carico.ComplexityLabel(it.Complexity), it.Comune, it.DaysWaiting, left, dec)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nUn titolare senza annotazioni nel diario da più di %d giorni è considerato assente (carico non conosce le assenze datate). I giorni al termine sono negativi per le istanze oltre il termine della L. 241/1990.\n", qc.AbsentDays)
	return nil
}

// decide records the responsabile's choice for the queue item of a
// cartella: the operator, the reason, her load before and after.
func decide(ctx context.Context, db *store.DB, p evidence.Params, items []allocate.Item, qf queueFlags) error {
	// The responsabile types the number the table shows; the stored key
	// (with its source) also works, and tells apart two programs' numbers.
	var item *allocate.Item
	matches := 0
	for i := range items {
		if items[i].Cartella == qf.decide {
			item, matches = &items[i], 1
			break
		}
		if items[i].Number() == qf.decide {
			item = &items[i]
			matches++
		}
	}
	switch {
	case item == nil:
		return usagef("la cartella %q non è nella coda", qf.decide)
	case matches > 1:
		return usagef("il numero %q è di più cartelle della coda, di programmi diversi: indicarlo con la sua origine, come in --format json (per esempio %q)", qf.decide, item.Cartella)
	}
	m, err := evidence.Workload(ctx, db, p)
	if err != nil {
		return computeErr(err)
	}
	holdings, err := model.OpenHoldings(ctx, db, m.Period.At.Time)
	if err != nil {
		return err
	}
	team := allocate.Team(m, holdings, items)
	if err := allocate.CheckDecision(qf.to, qf.reason, qf.note, team); err != nil {
		return usagef("%v", err)
	}
	cfg := m.Config
	ranked := allocate.Rank(team, allocate.Request{Area: item.Area, Complexity: item.Complexity, ISTAT: item.ISTAT, ComuneName: item.Comune}, cfg.Caseload, cfg.Thresholds)
	d := app.Decision{CaseID: item.Cartella, Kind: item.Kind, Operator: qf.to, Reason: qf.reason, Note: qf.note, By: "riga di comando: " + osUser(), At: time.Now()}
	for _, c := range ranked {
		if c.ID == qf.to {
			d.LoadBefore, d.LoadAfter = c.LoadBefore, c.LoadAfter
		}
	}
	return app.InsertDecision(ctx, db, d)
}

func osUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "sconosciuto"
}
