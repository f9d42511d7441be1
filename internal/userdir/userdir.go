// Package userdir says where carico keeps a user's data when no path is
// given: under the user's profile, never beside the program, so that a
// program folder replaced by a newer release leaves the data alone.
//
//	Windows  %APPDATA%\carico\carico.duckdb          (database)
//	         %APPDATA%\carico\chiave-pseudonimi      (pseudonym key)
//	Linux    $XDG_DATA_HOME/carico/carico.duckdb     (~/.local/share/carico)
//	         $XDG_CONFIG_HOME/carico/chiave-pseudonimi (~/.config/carico)
//
// The key's place is ingest.DefaultSecretPath's; on Linux the XDG split
// keeps it out of the folder a user copies the database from.
package userdir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// DataDir is the folder of carico's database: %APPDATA%\carico on
// Windows, $XDG_DATA_HOME/carico (by default ~/.local/share/carico)
// elsewhere.
func DataDir() (string, error) {
	if runtime.GOOS == "windows" {
		dir, err := os.UserConfigDir() // %APPDATA%
		if err != nil {
			return "", fmt.Errorf("cartella dei dati: %w", err)
		}
		return filepath.Join(dir, "carico"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "carico"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cartella dei dati: %w", err)
	}
	if home == "" {
		return "", errors.New("cartella dei dati: cartella home sconosciuta")
	}
	return filepath.Join(home, ".local", "share", "carico"), nil
}

// DefaultDB is the database commands use without --db: CARICO_DB when set,
// otherwise carico.duckdb in DataDir.
func DefaultDB() (string, error) {
	if p := os.Getenv("CARICO_DB"); p != "" {
		return p, nil
	}
	dir, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "carico.duckdb"), nil
}
