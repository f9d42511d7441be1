package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/carico/carico/ingest"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/store"
)

func exportCommand() command {
	return command{
		name:    "export",
		summary: "esporta le tabelle pseudonimizzate in Parquet, per Ambito e anno, per l'analisi regionale",
		run:     runExport,
	}
}

func runExport(ctx context.Context, e *env, args []string) error {
	flags := newFlags(e, "export", "--db FILE --parquet CARTELLA [--secret FILE]")
	var df dbFlags
	flags.StringVar(&df.db, "db", "", "`FILE` del database di carico (obbligatorio)")
	dir := flags.String("parquet", "", "`CARTELLA` in cui scrivere i file Parquet (formato a colonne), una sottocartella per tabella, Ambito e anno; le esportazioni di più Ambiti possono stare nella stessa cartella")
	secretPath := flags.String("secret", "", "file della chiave degli pseudonimi, di cui il manifesto riporta l'impronta (mai la chiave); predefinito: quello dell'importazione")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return usagef("argomento inatteso: %q", flags.Arg(0))
	}
	if df.db == "" {
		return usagef("manca --db")
	}
	if *dir == "" {
		return usagef("manca --parquet")
	}
	key, err := readSecret(*secretPath)
	if err != nil {
		return err
	}
	db, err := df.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	ms, err := store.ExportParquet(ctx, db, *dir, key)
	if err != nil {
		return fmt.Errorf("esportazione Parquet: %w", err)
	}
	for _, m := range ms {
		fmt.Fprintf(e.stdout, "%s (%s): manifesto %s\n", m.AmbitoName, m.Ambito, store.ManifestPath(*dir, m.Ambito))
		for _, t := range m.Tables {
			fmt.Fprintf(e.stdout, "  %-12s %12s righe in %d file\n", t.Name, italian.Count(int(t.Rows)), len(t.Files))
		}
		if m.KeyFingerprint == "" {
			fmt.Fprintln(e.stdout, "  chiave degli pseudonimi non trovata: il manifesto non ne riporta l'impronta")
		}
	}
	return nil
}

// readSecret reads the pseudonym key without ever creating one: an export
// only reports its fingerprint. A missing key gives no fingerprint.
func readSecret(path string) ([]byte, error) {
	if path == "" {
		p, err := ingest.DefaultSecretPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return ingest.LoadOrCreateSecret(path)
}
