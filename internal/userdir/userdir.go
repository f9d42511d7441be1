// Package userdir says where carico keeps a user's data when no path is
// given: under the user's profile, never beside the program, so that a
// program folder replaced by a newer release leaves the data alone.
//
//	Windows  %LOCALAPPDATA%\carico\carico.duckdb        (database)
//	         %LOCALAPPDATA%\carico\chiave-pseudonimi    (pseudonym key)
//	Linux    $XDG_DATA_HOME/carico/carico.duckdb       (~/.local/share/carico)
//	         $XDG_CONFIG_HOME/carico/chiave-pseudonimi (~/.config/carico)
//
// On Windows the local, not the roaming, application data: a roaming
// profile is copied to the domain's servers at every logoff, and the
// database with its key must not travel there together. Earlier releases
// used roaming %APPDATA%\carico; MoveFromRoaming brings such a folder over.
package userdir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// Names of the files carico keeps in its folders.
const (
	DBName  = "carico.duckdb"
	KeyName = "chiave-pseudonimi"
)

// DataDir is the folder of carico's database: %LOCALAPPDATA%\carico on
// Windows, $XDG_DATA_HOME/carico (by default ~/.local/share/carico)
// elsewhere.
func DataDir() (string, error) {
	if runtime.GOOS == "windows" {
		return localAppData()
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

// KeyDir is the folder of the pseudonym key: the database's on Windows,
// $XDG_CONFIG_HOME/carico (by default ~/.config/carico) elsewhere, out of
// the folder a Linux user copies the database from.
func KeyDir() (string, error) {
	if runtime.GOOS == "windows" {
		return localAppData()
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cartella di configurazione dell'utente non trovata: %w", err)
	}
	return filepath.Join(dir, "carico"), nil
}

func localAppData() (string, error) {
	dir := os.Getenv("LOCALAPPDATA")
	if dir == "" {
		return "", errors.New("cartella dei dati: la variabile LOCALAPPDATA non è impostata")
	}
	return filepath.Join(dir, "carico"), nil
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
	return filepath.Join(dir, DBName), nil
}

// DefaultKey is the pseudonym key commands use without --secret:
// CARICO_SECRET_FILE when set, otherwise chiave-pseudonimi in KeyDir.
func DefaultKey() (string, error) {
	if p := os.Getenv("CARICO_SECRET_FILE"); p != "" {
		return p, nil
	}
	dir, err := KeyDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, KeyName), nil
}
