package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"github.com/carico/carico/ingest"
	"github.com/carico/carico/ingest/profiles"
	"github.com/carico/carico/internal/italian"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

// shownRejections is how many rejections of a file the summary lists; the
// rest are in the database (table rejected_row).
const shownRejections = 10

func importCommand() command {
	return command{
		name:    "import",
		summary: "importa le esportazioni della cartella sociale (diario, cartelle, personale, popolazione…)",
		run:     runImport,
	}
}

func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", "[--db FILE] --kind activities|cases|assignments|staff|absences|population|capacity|istanze [--profile FILE] [--strict] [--force] [--secret FILE] FILE...")
	dbPath := fs.String("db", "", dbUsage+"; creato se non esiste")
	kind := fs.String("kind", "", "tipo di file: activities, cases, assignments, staff, absences, population, capacity, istanze")
	profilePath := fs.String("profile", "", "profilo di mappatura TOML (proporne uno con «carico inspect»), o il nome di un profilo incorporato: "+strings.Join(ingest.BuiltinProfiles(), ", "))
	strict := fs.Bool("strict", false, "non importare nulla del file se anche una sola riga è scartata")
	force := fs.Bool("force", false, "importare un file già importato con un'altra origine (source del profilo): ogni riga sarebbe contata due volte, usarlo solo se è davvero un altro insieme di dati")
	secretPath := fs.String("secret", "", "file della chiave degli pseudonimi (predefinito: cartella di configurazione utente, o CARICO_SECRET_FILE; per il database di una demo, la chiave della demo accanto ad esso)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	files := fs.Args()
	switch {
	case *kind == "":
		return usagef("manca --kind (activities, cases, assignments, staff, absences, population, capacity, istanze)")
	case len(files) == 0:
		return usagef("nessun file da importare")
	}
	if _, ok := ingest.Fields[*kind]; !ok {
		return usagef("--kind %q non valido (activities, cases, assignments, staff, absences, population, capacity, istanze)", *kind)
	}
	var p *ingest.Profile
	var err error
	if *profilePath == "" {
		if p, *profilePath = bundledProfile(*kind, files); p == nil {
			return usagef("manca --profile: proporne uno con «carico inspect --kind %s --write-profile profilo.toml %s», controllarlo e ripetere l'importazione", *kind, files[0])
		}
		fmt.Fprintf(e.stderr, "carico: uso il profilo incorporato %s (i file ne hanno tutte le colonne)\n", *profilePath)
	} else if p, err = loadProfile(*profilePath); err != nil {
		return err
	}
	if p.Kind != *kind {
		return usagef("il profilo %s è per %q, non per %q", *profilePath, p.Kind, *kind)
	}
	if *dbPath, err = orDefaultDB(*dbPath); err != nil {
		return err
	}
	if *secretPath, err = keyPath(*secretPath, *dbPath); err != nil {
		return err
	}
	newDB, newKey := !exists(*dbPath), !exists(*secretPath)
	if newDB {
		if err := os.MkdirAll(filepath.Dir(*dbPath), 0o700); err != nil {
			return fmt.Errorf("cartella del database: %w", err)
		}
	}
	db, err := store.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	fp, err := ingest.StoredFingerprint(ctx, db)
	if err != nil {
		return err
	}
	secret, err := ingest.OpenSecret(*secretPath, fp)
	if err != nil {
		return err
	}
	announceFirstRun(e, *dbPath, *secretPath, newDB, newKey)
	im := &ingest.Importer{DB: db, Secret: secret, Log: e.log, Strict: *strict, Force: *force}
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		im.Progress = e.stderr
	}
	for _, file := range files {
		res, err := im.Import(ctx, file, p, *profilePath)
		refused := errors.Is(err, ingest.ErrRejected)
		if res != nil {
			printImport(e, res, refused)
		}
		if refused {
			return err
		}
		if err != nil {
			return fmt.Errorf("importazione di %s interrotta, nessuna riga importata: %w", file, err)
		}
	}
	return nil
}

// sampleProfiles names the bundled profile of each kind: those of the
// sample exports (sample-data/profiles).
var sampleProfiles = map[string]string{
	"population": "popolazione.toml", "staff": "personale.toml", "absences": "assenze.toml",
	"cases": "cartelle.toml", "assignments": "assegnazioni.toml", "activities": "diario.toml",
}

// loadProfile reads the profile file at path or, when there is no such
// file, the built-in profile of that name (siso-lista-casi …).
func loadProfile(path string) (*ingest.Profile, error) {
	if !exists(path) {
		if p, ok, err := ingest.BuiltinProfile(path); ok {
			return p, err
		}
	}
	return ingest.LoadProfile(path)
}

// bundledProfile returns the bundled profile of kind when it is obviously
// meant: every file has all the columns it names, those of the sample's
// exports or of a built-in profile (SISO's). Otherwise nil, and the user
// must write or generate one.
func bundledProfile(kind string, files []string) (*ingest.Profile, string) {
	candidates := []string{sampleProfiles[kind]}
	for _, name := range ingest.BuiltinProfiles() {
		if p, _, err := ingest.BuiltinProfile(name); err == nil && p.Kind == kind {
			candidates = append(candidates, name)
		}
	}
	for _, name := range candidates {
		b, err := sampledata.Profile(name)
		if err != nil {
			b, _ = profiles.Get(name)
		}
		p, err := ingest.ParseProfile(b)
		if err != nil || len(b) == 0 {
			continue
		}
		fits := true
		for _, f := range files {
			fits = fits && p.Fits(f)
		}
		if fits {
			return p, name
		}
	}
	return nil, ""
}

// printImport prints the summary of an import; refused, that of a strict
// import that found rejections and imported nothing.
func printImport(e *env, res *ingest.Result, refused bool) {
	if refused {
		fmt.Fprintf(e.stdout, "%s: lette %s, scartate %s: nessuna riga importata (--strict)\n", res.File,
			italian.Count(res.Read), italian.Count(res.Rejected))
	} else {
		fmt.Fprintf(e.stdout, "%s: lette %s, inserite %s, aggiornate %s, invariate %s, scartate %s, saltate %s\n", res.File,
			italian.Count(res.Read), italian.Count(res.Inserted), italian.Count(res.Updated), italian.Count(res.Unchanged), italian.Count(res.Rejected), italian.Count(res.Skipped))
	}
	if res.OutsideAmbito > 0 {
		fmt.Fprintf(e.stdout, "  %s righe con un comune fuori Ambito: importate senza comune\n", italian.Count(res.OutsideAmbito))
	}
	if w := res.OtherRolesWarning(); w != "" {
		fmt.Fprintf(e.stdout, "  %s\n", w)
	}
	if res.Normalized > 0 {
		fmt.Fprintf(e.stdout, "  %s identificativi senza gli zeri iniziali (numeric_ids): coincidono con quelli scritti senza zeri\n", italian.Count(res.Normalized))
	}
	for i, r := range res.Rejections {
		if i == shownRejections {
			where := fmt.Sprintf("vedere la tabella rejected_row (lotto %d)", res.BatchID)
			if refused {
				where = "correggerli e ripetere l'importazione"
			}
			fmt.Fprintf(e.stderr, "  … e altri %s problemi: %s\n", italian.Count(max(res.Problems, len(res.Rejections))-i), where)
			break
		}
		fmt.Fprintf(e.stderr, "  %s\n", r)
	}
}
