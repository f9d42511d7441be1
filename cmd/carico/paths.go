package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/carico/carico/internal/userdir"
)

// dbUsage explains --db's default the same way in every command.
const dbUsage = "`FILE` del database di carico (predefinito: CARICO_DB, oppure carico.duckdb in %LOCALAPPDATA%\\carico su Windows e in ~/.local/share/carico su Linux)"

// orDefaultDB returns path, or the user's database when path is empty.
func orDefaultDB(path string) (string, error) {
	if path != "" {
		return path, nil
	}
	return userdir.DefaultDB()
}

// keyPath returns the pseudonym key a command uses with the database at
// dbPath: the --secret flag when given; the demo's own key when the
// database is in a folder written by «carico demo», so that synthetic data
// never share the installation's key; otherwise the installation's key.
func keyPath(flag, dbPath string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if dbPath != "" && exists(filepath.Join(filepath.Dir(dbPath), demoMark)) {
		return filepath.Join(filepath.Dir(dbPath), demoKey), nil
	}
	return userdir.DefaultKey()
}

// progName is how the user runs carico, for the commands carico suggests:
// "carico" on Windows, and on Linux when found on the PATH (or started by
// an absolute path, as go run does); as typed, such as "./carico", when
// started by a relative path.
func progName() string {
	return progNameFor(runtime.GOOS, os.Args[0])
}

func progNameFor(goos, arg0 string) string {
	if goos == "windows" || !strings.Contains(arg0, "/") || filepath.IsAbs(arg0) {
		return "carico"
	}
	return arg0
}

// exists reports whether a file is there; an unreadable one counts as
// there, so that carico never announces a file it did not create.
func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

// announceFirstRun tells the user, the first time carico creates the
// database or the pseudonym key, where both are and that a backup needs
// both: the key alone links the pseudonyms in the database to people. A key
// created earlier (by the demo, or for another database) is named too, so
// the notice after a demo still says where the key is.
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
	} else {
		fmt.Fprintf(e.stderr, "  chiave degli pseudonimi:     %s (già esistente, creata da un avvio precedente)\n", key)
	}
	fmt.Fprintln(e.stderr, "Per il backup copiare il database e la chiave in due luoghi diversi, a programma chiuso:\nsenza la chiave le nuove importazioni non si collegano più alle persone già registrate.")
}

// moveFromRoaming brings, on Windows, the database and key of a release
// that kept them in roaming %APPDATA%\carico to %LOCALAPPDATA%\carico, and
// says so; a move that fails stops carico before it creates a new, empty
// database and a new key.
func moveFromRoaming(e *env) error {
	m, err := userdir.MoveFromRoaming()
	if m != nil && len(m.Files) > 0 {
		fmt.Fprintf(e.stderr, "carico: spostati da %s a %s (cartella locale, non copiata sui server con il profilo utente): %s\n",
			m.From, m.To, strings.Join(m.Files, ", "))
	}
	if m != nil && len(m.Left) > 0 {
		fmt.Fprintf(e.stderr, "carico: in %s restano %s di una versione precedente: carico usa quelli in %s.\n"+
			"Se non servono più, cancellarli (la chiave solo dopo aver controllato di averne una copia).\n",
			m.From, strings.Join(m.Left, ", "), m.To)
	}
	if err != nil {
		return fmt.Errorf("%w\nI file sono rimasti al loro posto; spostarli a mano nella nuova cartella, a programma chiuso", err)
	}
	return nil
}
