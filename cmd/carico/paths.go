package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/carico/carico/internal/userdir"
)

// dbUsage explains --db's default the same way in every command.
const dbUsage = "`FILE` del database di carico (predefinito: CARICO_DB, oppure carico.duckdb in %APPDATA%\\carico su Windows e in ~/.local/share/carico su Linux)"

// orDefaultDB returns path, or the user's database when path is empty.
func orDefaultDB(path string) (string, error) {
	if path != "" {
		return path, nil
	}
	return userdir.DefaultDB()
}

// exists reports whether a file is there; an unreadable one counts as
// there, so that carico never announces a file it did not create.
func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

// announceFirstRun tells the user, the first time carico creates the
// database or the pseudonym key, where they are and that a backup needs
// both: the key alone links the pseudonyms in the database to people.
func announceFirstRun(e *env, db, key string, newDB, newKey bool) {
	if !newDB && !newKey {
		return
	}
	fmt.Fprintln(e.stderr, "carico: primo avvio con questi file:")
	if newDB {
		fmt.Fprintf(e.stderr, "  database (dati importati):   %s\n", db)
	}
	if newKey {
		fmt.Fprintf(e.stderr, "  chiave degli pseudonimi:     %s\n", key)
	}
	fmt.Fprintln(e.stderr, "Per il backup copiare il database e la chiave in due luoghi diversi, a programma chiuso:\nsenza la chiave le nuove importazioni non si collegano più alle persone già registrate.")
}
