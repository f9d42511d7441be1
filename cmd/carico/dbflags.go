package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/carico/carico/analytics"
	"github.com/carico/carico/store"
)

// dbFlags are the options shared by the commands that read a carico
// database — metrics, analyze, plan, report — so that they are spelt,
// checked and explained the same way everywhere.
type dbFlags struct {
	db, at, from, to, format, config string
	hasPeriod, hasFormat             bool
	parquetFlags
}

// register adds --db; --at when atUsage is not empty; --from and --to when
// period; --format when format.
func (f *dbFlags) register(fs *flag.FlagSet, atUsage string, period, format bool) {
	fs.StringVar(&f.db, "db", "", dbUsage+"; in alternativa --parquet")
	f.parquetFlags.register(fs)
	fs.StringVar(&f.config, "config", "", "`FILE` TOML di configurazione (pesi, soglie, tempo disponibile, termini dei procedimenti): sostituisce i valori predefiniti chiave per chiave; lo stesso file vale per tutti i comandi")
	if atUsage != "" {
		fs.StringVar(&f.at, "at", "", atUsage)
	}
	if period {
		f.hasPeriod = true
		fs.StringVar(&f.from, "from", "", "inizio del periodo, gg/mm/aaaa o aaaa-mm-gg (predefinito: l'ultimo anno solare completo nei dati)")
		fs.StringVar(&f.to, "to", "", "fine del periodo, gg/mm/aaaa o aaaa-mm-gg")
	}
	if format {
		f.hasFormat = true
		fs.StringVar(&f.format, "format", "table", "formato di uscita: json o table")
	}
}

// check validates what the shared options say, after parsing.
func (f *dbFlags) check(fs *flag.FlagSet) error {
	switch {
	case fs.NArg() > 0:
		return usagef("argomento inatteso: %q", fs.Arg(0))
	case f.db != "" && f.parquet != "":
		return usagef("--db e --parquet sono alternativi: indicarne uno")
	case f.ambito != "" && f.parquet == "":
		return usagef("--ambito vale solo con --parquet")
	case f.hasFormat && f.format != "json" && f.format != "table":
		return usagef("formato %q non valido: usare json o table", f.format)
	case f.hasPeriod && (f.from == "") != (f.to == ""):
		return usagef("--from e --to vanno indicati insieme")
	}
	if _, _, _, err := f.dates(); err != nil {
		return err
	}
	if f.parquet != "" {
		return nil
	}
	var err error
	f.db, err = orDefaultDB(f.db)
	return err
}

// dates parses --at, --from and --to; an absent one is the zero time,
// which the computations read as "the default".
func (f *dbFlags) dates() (at, from, to time.Time, err error) {
	for _, d := range []struct {
		flag, value string
		dst         *time.Time
	}{{"--at", f.at, &at}, {"--from", f.from, &from}, {"--to", f.to, &to}} {
		if d.value == "" {
			continue
		}
		t, perr := parseDay(d.value)
		if perr != nil {
			return at, from, to, usagef("%s: %v", d.flag, perr)
		}
		*d.dst = t
	}
	return at, from, to, nil
}

// loadConfig reads --config: one file for the model and the analysis.
func (f *dbFlags) loadConfig() (*analytics.Config, error) {
	return analytics.LoadConfig(f.config)
}

// open opens the database read-only, which must exist: a command that
// reads never creates an empty one by mistake, nor changes one, and works
// on a file it may not write.
func (f *dbFlags) open(ctx context.Context) (*store.DB, error) {
	if f.parquet != "" {
		return f.openParquet(ctx)
	}
	if _, err := os.Stat(f.db); err != nil {
		return nil, fmt.Errorf("database %s non trovato: indicarne un altro con --db, o importare prima i dati con «carico import»", f.db)
	}
	return store.OpenReadOnly(ctx, f.db) // its errors name the file
}

// json reports whether the output is JSON rather than tables.
func (f *dbFlags) json() bool { return f.format == "json" }

// parseDay accepts dd/mm/yyyy and yyyy-mm-dd.
func parseDay(s string) (time.Time, error) {
	for _, layout := range []string{"02/01/2006", "2/1/2006", time.DateOnly} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("data %q non valida: usare gg/mm/aaaa o aaaa-mm-gg", s)
}

// writeJSON writes v as indented JSON: the documented contracts in docs/.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
