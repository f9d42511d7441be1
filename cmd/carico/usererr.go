package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/BurntSushi/toml"
	"github.com/duckdb/duckdb-go/v2"

	"github.com/carico/carico/store"
)

// debugEnv names the environment variable that, when set, makes carico
// write the technical detail of an error (the whole chain, as the
// libraries wrote it) on stderr after the Italian message.
const debugEnv = "CARICO_DEBUG"

// userMessage is what the user reads of err, in Italian. carico's own
// layers of the chain are Italian already; the innermost error, when a
// library wrote it — DuckDB, the operating system, the TOML parser, a
// cancelled context, a number parser — is replaced by its Italian
// meaning, and the library's own English goes only to the log (see
// debugEnv).
func userMessage(err error) string {
	full := err.Error()
	leaf, meaning := translate(err)
	if leaf == nil {
		return full
	}
	prefix := full
	if i := strings.LastIndex(full, leaf.Error()); i >= 0 {
		prefix = full[:i]
	}
	for _, lib := range libraryLayers {
		prefix = strings.ReplaceAll(prefix, lib, "")
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		prefix = strings.Replace(prefix, fmt.Sprintf("%s %q: ", ue.Op, ue.URL), "", 1)
	}
	prefix = strings.TrimRight(strings.TrimSpace(prefix), ":")
	if prefix == "" {
		return meaning
	}
	return prefix + ": " + meaning
}

// libraryLayers are the English layers libraries put between carico's
// words and the error they wrap.
var libraryLayers = []string{
	"database/sql/driver: could not connect to database: ",
	"database/sql/driver: ",
	"could not connect to database: ",
}

// translate finds, in err's chain, an error a library wrote and says what
// it means in Italian; a nil error when none is known.
func translate(err error) (error, string) {
	var (
		it *store.ItalianError
		dk *duckdb.Error
		pe *fs.PathError
		tp toml.ParseError
		ne *strconv.NumError
		oe *net.OpError
	)
	switch {
	case errors.Is(err, context.Canceled):
		return context.Canceled, "operazione interrotta prima della fine: nulla è stato scritto a metà"
	case errors.Is(err, context.DeadlineExceeded):
		return context.DeadlineExceeded, "tempo scaduto prima della fine dell'operazione"
	case errors.As(err, &it):
		return it, it.Msg
	case errors.As(err, &dk):
		return dk, duckdbMeaning(dk)
	case errors.As(err, &oe):
		return oe, fmt.Sprintf("connessione a %s non riuscita: il server non risponde o rifiuta la connessione", addrOf(oe))
	case errors.As(err, &pe):
		return pe, pathMeaning(pe)
	case errors.As(err, &tp):
		return tp, fmt.Sprintf("il file TOML non è scritto correttamente alla riga %d (controllare parentesi quadre, virgolette e segni =)", tp.Position.Line)
	case errors.As(err, &ne):
		if errors.Is(ne.Err, strconv.ErrRange) {
			return ne, fmt.Sprintf("numero fuori dall'intervallo ammesso: %q", ne.Num)
		}
		return ne, fmt.Sprintf("non è un numero: %q", ne.Num)
	}
	return nil, ""
}

// duckdbMeaning says what a DuckDB error means to a user, in the words
// of the store, which owns them.
func duckdbMeaning(e *duckdb.Error) string {
	if it := store.Italian(e); it != error(e) {
		return it.Error()
	}
	switch e.Type {
	case duckdb.ErrorTypeIO:
		return "errore di lettura o scrittura del database sul disco"
	case duckdb.ErrorTypeCatalog:
		return "il database non ha le tabelle che carico si aspetta: non è un database di carico o è di una versione diversa"
	}
	return "errore interno del database"
}

func addrOf(e *net.OpError) string {
	if e.Addr != nil {
		return e.Addr.String()
	}
	return "il server"
}

// pathMeaning says what an operating-system error on a file means.
func pathMeaning(e *fs.PathError) string {
	what := map[string]string{"open": "apertura di", "mkdir": "creazione della cartella", "stat": "accesso a", "lstat": "accesso a",
		"read": "lettura di", "write": "scrittura di", "remove": "eliminazione di", "rename": "rinomina di", "readdirent": "lettura della cartella"}[e.Op]
	if what == "" {
		what = "accesso a"
	}
	var why string
	switch {
	case errors.Is(e.Err, fs.ErrNotExist):
		why = "il file o la cartella non esiste"
	case errors.Is(e.Err, syscall.ENOTDIR):
		why = "un elemento del percorso è un file, non una cartella"
	case errors.Is(e.Err, syscall.EISDIR):
		why = "è una cartella, non un file"
	case errors.Is(e.Err, syscall.EROFS):
		why = "il disco è in sola lettura"
	case errors.Is(e.Err, fs.ErrPermission):
		why = "permesso negato"
	case errors.Is(e.Err, syscall.ENOSPC):
		why = "spazio su disco esaurito"
	case errors.Is(e.Err, fs.ErrExist):
		why = "esiste già"
	default:
		why = "operazione non riuscita"
	}
	return fmt.Sprintf("%s %s: %s", what, e.Path, why)
}

// logDetail writes the technical detail of err on stderr when debugEnv is
// set and the message shown left some of it out.
func logDetail(e *env, err error, shown string) {
	if os.Getenv(debugEnv) == "" || shown == err.Error() {
		return
	}
	fmt.Fprintf(e.stderr, "carico: dettaglio tecnico (%s): %s\n", debugEnv, err.Error())
}
