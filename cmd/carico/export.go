package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/carico/carico/clickhouse"
	"github.com/carico/carico/ingest"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/store"
)

func exportCommand() command {
	return command{
		name:    "export",
		summary: "esporta le tabelle pseudonimizzate in Parquet o CSV, o le carica in un cluster ClickHouse, per l'analisi regionale",
		run:     runExport,
	}
}

func runExport(ctx context.Context, e *env, args []string) error {
	flags := newFlags(e, "export", "--db FILE (--parquet CARTELLA | --csv CARTELLA | --clickhouse URL[,URL…] [--cluster NOME]) [--secret FILE]")
	var df dbFlags
	flags.StringVar(&df.db, "db", "", dbUsage)
	parquet := flags.String("parquet", "", "`CARTELLA` in cui scrivere i file Parquet (formato a colonne), una sottocartella per tabella, Ambito e anno; le esportazioni di più Ambiti possono stare nella stessa cartella")
	csvDir := flags.String("csv", "", "`CARTELLA` in cui scrivere un file CSV con intestazione per tabella, con il codice dell'Ambito come ultima colonna")
	chURLs := flags.String("clickhouse", "", "`URL` HTTP dei nodi del cluster ClickHouse (base di dati a colonne distribuita su più server), separati da virgole, es. http://127.0.0.1:8123/: le tabelle grandi vanno ripartite tra i nodi attraverso le tabelle Distributed del primo, le piccole intere in ogni nodo")
	cluster := flags.String("cluster", "carico", "`NOME` del cluster ClickHouse nella configurazione remote_servers dei nodi")
	secretPath := flags.String("secret", "", "`FILE` della chiave degli pseudonimi, con cui i numeri di cartella e di intervento escono pseudonimizzati e di cui il manifesto Parquet riporta l'impronta (mai la chiave); predefinito: quello dell'importazione, cioè dell'installazione o, per il database di una demo, della demo")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	targets := 0
	for _, v := range []string{*parquet, *csvDir, *chURLs} {
		if v != "" {
			targets++
		}
	}
	switch {
	case flags.NArg() > 0:
		return usagef("argomento inatteso: %q", flags.Arg(0))
	case targets != 1:
		return usagef("indicare una sola destinazione: --parquet, --csv o --clickhouse")
	}
	var err error
	if df.db, err = orDefaultDB(df.db); err != nil {
		return err
	}
	db, err := df.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	// The key pseudonymises the case numbers of every export.
	key, err := readSecret(*secretPath, df.db)
	if err != nil {
		return err
	}
	switch {
	case *parquet != "":
		return exportParquet(ctx, e, db, *parquet, key)
	case *csvDir != "":
		tables, err := store.ExportCSV(ctx, db, *csvDir, key)
		if err != nil {
			return fmt.Errorf("esportazione CSV: %w", err)
		}
		for _, t := range tables {
			fmt.Fprintf(e.stdout, "%s\n", t.Path)
		}
		return nil
	}
	tmp, err := os.MkdirTemp("", "carico-clickhouse-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	tables, err := store.ExportCSV(ctx, db, tmp, key)
	if err != nil {
		return fmt.Errorf("esportazione CSV: %w", err)
	}
	cl := clickhouse.Cluster{Name: *cluster}
	for _, u := range strings.Split(*chURLs, ",") {
		cl.Nodes = append(cl.Nodes, clickhouse.Node{URL: strings.TrimSpace(u)})
	}
	if err := cl.Load(ctx, tables); err != nil {
		return fmt.Errorf("caricamento in ClickHouse: %w", err)
	}
	fmt.Fprintf(e.stdout, "Tabelle caricate nel cluster %s (%d nodi).\n", cl.Name, len(cl.Nodes))
	return nil
}

func exportParquet(ctx context.Context, e *env, db *store.DB, dir string, key []byte) error {
	ms, err := store.ExportParquet(ctx, db, dir, key)
	if err != nil {
		return fmt.Errorf("esportazione Parquet: %w", err)
	}
	for _, m := range ms {
		fmt.Fprintf(e.stdout, "%s (%s): manifesto %s\n", m.AmbitoName, m.Ambito, store.ManifestPath(dir, m.Ambito))
		for _, t := range m.Tables {
			fmt.Fprintf(e.stdout, "  %-12s %12s righe in %d file\n", t.Name, italian.Count(int(t.Rows)), len(t.Files))
		}
	}
	return nil
}

// readSecret reads the pseudonym key the database at dbPath uses (see
// keyPath) without ever creating one. A missing key is nil, which the
// exports refuse (store.ErrNoKey).
func readSecret(flag, dbPath string) ([]byte, error) {
	path, err := keyPath(flag, dbPath)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return ingest.LoadOrCreateSecret(path)
}
