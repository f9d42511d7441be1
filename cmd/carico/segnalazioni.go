package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/carico/carico/evidence"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/segnalazioni"
)

func segnalazioniCommand() command {
	return command{
		name:    "segnalazioni",
		summary: "elenca il registro delle segnalazioni di carico eccessivo con le risposte del responsabile (per il salvataggio e l'archivio)",
		run:     runSegnalazioni,
	}
}

func runSegnalazioni(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "segnalazioni", "--db FILE [--operatore CODICE] [--format json|table]")
	var df dbFlags
	df.register(fs, "", false, true)
	operator := fs.String("operatore", "", "solo le segnalazioni dell'operatore con questo `CODICE`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := df.check(fs); err != nil {
		return err
	}
	db, err := df.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	reg, err := evidence.Register(ctx, db, strings.TrimSpace(*operator))
	if err != nil {
		return err
	}
	if df.json() {
		return writeJSON(e.stdout, reg)
	}
	w := e.stdout
	fmt.Fprintf(w, "Registro delle segnalazioni: %d.\n\n", len(reg))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "N.\tOperatore\tPresentata il\tPeriodo\tStato\tProtocollo\tVerifica\tGiorni al piano\t")
	for _, s := range reg {
		follow, days := "", ""
		if s.FollowUp != nil {
			follow = italian.Date(s.FollowUp.Time)
		}
		if s.DaysToPlan != nil {
			days = fmt.Sprint(*s.DaysToPlan)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s–%s\t%s\t%s\t%s\t%s\t\n", s.ID, s.Name, italian.Date(s.FiledAt.In(italian.Rome)),
			italian.Date(s.From.Time), italian.Date(s.To.Time), s.Status.Label(), s.Protocol, follow, days)
	}
	tw.Flush()
	for _, s := range reg {
		fmt.Fprintf(w, "\nSegnalazione n. %d di %s: %s.\n", s.ID, s.Name, s.Figures.Sentence())
		for _, st := range s.Steps {
			fmt.Fprintf(w, "  %s — %s (%s)", st.At.In(italian.Rome).Format("02/01/2006 15:04"), st.Status.Label(), st.By)
			for _, a := range st.Plan {
				fmt.Fprintf(w, "; %s entro il %s: %s", segnalazioni.ActionLabel(a.Kind), italian.Date(a.Date.Time), a.Text)
			}
			if st.FollowUp != nil {
				fmt.Fprintf(w, "; verifica il %s", italian.Date(st.FollowUp.Time))
			}
			if st.Note != "" {
				fmt.Fprintf(w, "; nota: %s", st.Note)
			}
			fmt.Fprintln(w)
		}
	}
	return nil
}
