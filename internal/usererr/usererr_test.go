package usererr

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/duckdb/duckdb-go/v2"

	"github.com/carico/carico/store"
)

func TestMessage(t *testing.T) {
	t.Parallel()
	_, statErr := os.Stat(filepath.Join(t.TempDir(), "manca.csv"))
	var tomlErr error
	var v map[string]any
	_, tomlErr = toml.Decode("[awt\nx = 1\n", &v)
	_, numErr := strconv.Atoi("dodici")
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("calcolo delle misure: %w", context.Canceled), "calcolo delle misure: operazione interrotta prima della fine: nulla è stato scritto a metà"},
		{fmt.Errorf("lettura: %w", statErr), "lettura: accesso a " + filepath.Dir(statErrPath(statErr)) + "/manca.csv: il file o la cartella non esiste"},
		{fmt.Errorf("scenari x.toml: %w", tomlErr), "scenari x.toml: riga 2: nome di tabella non chiuso: manca «]»"},
		{fmt.Errorf("--horizon: %w", numErr), `--horizon: non è un numero: "dodici"`},
		{fmt.Errorf("apertura: database/sql/driver: could not connect to database: %w", &duckdb.Error{Type: duckdb.ErrorTypeIO, Msg: `IO Error: Could not read enough bytes from file "x"`}),
			"apertura: il file del database è troncato o danneggiato: ripristinarlo da una copia di sicurezza"},
		{fmt.Errorf("lettura: %w", &duckdb.Error{Type: duckdb.ErrorTypeCatalog, Msg: "Catalog Error: Table with name x does not exist!"}),
			"lettura: il database non ha le tabelle che carico si aspetta: non è un database di carico o è di una versione diversa"},
		{errors.New("operatore «x» non presente"), "operatore «x» non presente"},
	} {
		if got := Message(c.err); len(got) < len(c.want) || got[:len(c.want)] != c.want {
			t.Errorf("%v\n → %q\nwant %q", c.err, got, c.want)
		}
	}
}

// Detail keeps, for the log, what store.Italian put in Italian.
func TestDetail(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("apertura: %w", store.Italian(&duckdb.Error{Type: duckdb.ErrorTypeIO, Msg: `IO Error: Could not read enough bytes from file "x"`}))
	if got := Detail(err); got != `apertura: il file del database è troncato o danneggiato: ripristinarlo da una copia di sicurezza [IO Error: Could not read enough bytes from file "x"]` {
		t.Errorf("detail %q", got)
	}
}

func statErrPath(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Path
	}
	return ""
}

func TestEnglishIn(t *testing.T) {
	t.Parallel()
	for out, want := range map[string]int{
		"carico: opzione sconosciuta: -boh":                                 0,
		"carico: flag provided but not defined: -boh":                       4,
		`carico: apertura di "x.duckdb": IO Error: Cannot open file`:        4,
		"carico: il file del database non esiste: /tmp/a/b.duckdb":          0,
		"Uso: carico metrics --db FILE --format json|table --not-a-word":    0,
		"carico: Catalog Error: Table with name x does not exist!":          7,
		"carico: comando sconosciuto: \"the\"":                              0,
		"carico: context canceled":                                          2,
		"carico: valore non valido per --from: «32/13/2025» (gg/mm/aaaa)":   0,
		"carico: l'importazione è stata interrotta: nessuna riga importata": 0,
	} {
		if got := English(out); len(got) != want {
			t.Errorf("%q: %v, want %d English words", out, got, want)
		}
	}
}
