package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	sampledata "github.com/carico/carico/sample-data"
)

// kindNames are the Italian names of the exports' import kinds.
var kindNames = map[string]string{
	"population":  "popolazione",
	"staff":       "personale",
	"absences":    "assenze",
	"cases":       "cartelle",
	"assignments": "assegnazioni",
	"activities":  "diario",
	"zones":       "quartieri",
}

func sampleCommand() command {
	return command{
		name:    "sample",
		summary: "scrive le esportazioni di un Ambito sintetico (dati di prova)",
		run: func(ctx context.Context, e *env, args []string) error {
			fs := newFlags(e, "sample", "--out CARTELLA [--seed N]")
			out := fs.String("out", "", "cartella in cui scrivere le esportazioni")
			seed := fs.Int64("seed", sampledata.DefaultSeed, "seme del generatore: lo stesso seme dà gli stessi file")
			if err := parseFlags(fs, args); err != nil {
				return err
			}
			if *out == "" {
				return usagef("manca --out: indicare la cartella in cui scrivere le esportazioni")
			}
			if fs.NArg() > 0 {
				return usagef("argomenti inattesi: %s", strings.Join(fs.Args(), " "))
			}
			a := sampledata.Generate(*seed)
			exps, err := a.WriteExports(*out)
			if err != nil {
				return fmt.Errorf("scrittura dei dati di prova: %w", err)
			}
			fmt.Fprintf(e.stdout, "%s (sintetico, seme %d): %d comuni, %d operatori, %s cartelle, %s interventi dal %s al %s.\n",
				a.Name, *seed, len(a.Comuni), len(a.Operators), thousands(len(a.Cases)), thousands(len(a.Activities)),
				a.From.Format("02/01/2006"), a.To.Format("02/01/2006"))
			fmt.Fprintf(e.stdout, "File scritti in %s, nell'ordine di importazione:\n", *out)
			for _, x := range exps {
				profile := "nessun profilo"
				if x.Profile != "" {
					profile = "profilo " + filepath.Base(x.Profile)
				}
				fmt.Fprintf(e.stdout, "  %-13s %-42s %s\n", kindNames[x.Kind], filepath.Base(x.Path), profile)
			}
			fmt.Fprintf(e.stdout, "Contengono %d righe volutamente errate o da saltare, per provare gli scarti dell'importazione.\n", len(a.Bad))
			return nil
		},
	}
}

// thousands writes n with the Italian thousands separator.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}
