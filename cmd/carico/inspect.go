package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/carico/carico/ingest"
	"github.com/carico/carico/ingest/table"
)

func inspectCommand() command {
	return command{
		name:    "inspect",
		summary: "descrive un file da importare e ne propone il profilo",
		run:     runInspect,
	}
}

func runInspect(ctx context.Context, e *env, args []string) error {
	flags := newFlags(e, "inspect", "FILE [--kind TIPO] [--sheet FOGLIO] [--write-profile PROFILO]")
	kind := flags.String("kind", "", "tipo di importazione: "+strings.Join(kinds(), ", ")+" (dedotto se assente)")
	sheet := flags.String("sheet", "", "XLSX: nome o numero (da 1) del foglio")
	profile := flags.String("write-profile", "", "scrive il profilo proposto in questo file (TOML), che non deve esistere")
	files, err := parseInterspersed(flags, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usagef("inspect vuole un file, ne ha ricevuti %d", len(files))
	}
	if _, ok := ingest.Fields[*kind]; *kind != "" && !ok {
		return usagef("tipo %q non valido (%s)", *kind, strings.Join(kinds(), ", "))
	}
	in, err := ingest.Inspect(files[0], table.Options{Sheet: *sheet}, *kind)
	if err != nil {
		return err
	}
	if err := in.WriteReport(e.stdout); err != nil {
		return err
	}
	header := make([]string, len(in.Columns))
	for i, c := range in.Columns {
		header[i] = c.Name
	}
	if name, p := ingest.RecogniseBuiltin(header, *kind); p != nil {
		fmt.Fprint(e.stdout, in.DescribeBuiltin(name, p))
	}
	if *profile == "" {
		return nil
	}
	f, err := os.OpenFile(*profile, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s esiste già: scegliere un altro nome per non sovrascrivere un profilo", *profile)
	}
	if err != nil {
		return err
	}
	if err := in.WriteProfile(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nProfilo proposto scritto in %s: controllarlo prima di importare.\n", *profile)
	return nil
}

// parseInterspersed parses flags that may come before or after the file
// names, as in "carico inspect diario.csv --kind activities".
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func kinds() []string {
	out := make([]string, 0, len(ingest.Fields))
	for k := range ingest.Fields {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
