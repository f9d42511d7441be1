package main

import (
	"context"
	"fmt"
	"text/tabwriter"
)

func helpCommand() command {
	return command{
		name:    "help",
		summary: "mostra questo aiuto",
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) > 0 {
				for _, c := range commands() {
					if c.name == args[0] && c.name != "help" {
						return c.run(ctx, e, []string{"-h"})
					}
				}
				return usagef("comando sconosciuto: %q", args[0])
			}
			fmt.Fprint(e.stdout, `carico misura il carico di lavoro del servizio sociale comunale e lo
trasforma in dati per le decisioni sul personale.

Uso: carico <comando> [opzioni]

Comandi:
`)
			tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			for _, c := range commands() {
				fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
			}
			tw.Flush()
			fmt.Fprint(e.stdout, "\nUsare «carico help <comando>» per le opzioni di un comando.\n")
			fmt.Fprintf(e.stdout, "In caso di errore, con la variabile d'ambiente %s=1 carico scrive anche il dettaglio tecnico.\n", debugEnv)
			return nil
		},
	}
}
