// Package usererr says an error in Italian: carico's own words are
// Italian already, and what a library says in English — DuckDB, the
// operating system, the TOML parser, the network, a cancelled context, a
// number parser — is replaced by its Italian meaning. The command line and
// the web application show Message; the original goes to the log.
package usererr

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"syscall"

	"github.com/BurntSushi/toml"
	"github.com/duckdb/duckdb-go/v2"

	"github.com/carico/carico/internal/tomlerr"
	"github.com/carico/carico/store"
)

// Message is what the user reads of err, in Italian. carico's own
// layers of the chain are Italian already; the innermost error, when a
// library wrote it — DuckDB, the operating system, the TOML parser, a
// cancelled context, a number parser — is replaced by its Italian
// meaning, and the library's own English goes only to the log.
func Message(err error) string {
	full := err.Error()
	leaf, meaning := translate(err)
	if leaf == nil {
		return full
	}
	// carico's words before and after the library's: "x: %w", "x (%w)".
	prefix, suffix := "", ""
	if i := strings.LastIndex(full, leaf.Error()); i >= 0 {
		prefix, suffix = full[:i], full[i+len(leaf.Error()):]
	}
	for _, lib := range libraryLayers {
		prefix = strings.ReplaceAll(prefix, lib, "")
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		prefix = strings.Replace(prefix, fmt.Sprintf("%s %q: ", ue.Op, ue.URL), "", 1)
	}
	return prefix + meaning + suffix
}

// Detail is err as the libraries wrote it, for the log: its text, with
// the original of an error store.Italian put in Italian.
func Detail(err error) string {
	d := err.Error()
	var it *store.ItalianError
	if errors.As(err, &it) && it.Err != nil {
		d += " [" + it.Err.Error() + "]"
	}
	return d
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
		te *tomlerr.Error
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
	case errors.As(err, &te):
		return te, te.Error()
	case errors.As(err, &tp):
		return tp, tomlerr.Italian("", tp).Error()
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

// englishWords are words of English a user must never read: what Go's flag
// package, os, DuckDB and the libraries put in their errors. Each is checked
// as a whole word, lower case, after the parts a user typed are removed (see userText); none is an Italian word («in», «come», «file», «database» are
// Italian too and are not here).
var englishWords = []string{
	"error", "errors", "failed", "failure", "invalid", "found", "such", "cannot", "can't", "unknown",
	"usage", "flag", "flags", "provided", "defined", "argument", "needs", "the", "of", "is", "not",
	"no", "to", "and", "or", "with", "for", "from", "open", "opening", "read", "write", "permission",
	"denied", "directory", "expected", "missing", "unexpected", "exception", "catalog", "binder",
	"parser", "conversion", "syntax", "table", "does", "exist", "context", "canceled", "cancelled",
	"interrupted", "corrupt", "truncated", "header", "magic", "bytes", "version", "storage", "io",
	"eof", "value", "parse", "parsing", "range", "out", "panic", "nil", "pointer", "runtime", "goroutine",
}

var (
	// userText matches what the user typed and carico echoes — quoted
	// values, paths, options — and the values of options, which are
	// names too (json|table, new|open), and HTTP header names.
	userText = regexp.MustCompile(`«[^»]*»|"[^"]*"|'[^' ]*'|\S*[/\\]\S*|--?[a-z][a-z-]*|json\|table|json o table|new\|open|new o open|\bnew \(|\bopen \(|predefinito: table|predefinito: new|\b[A-Z][a-z]+(?:-[A-Z][a-z]+)+\b`)
	wordRE   = regexp.MustCompile(`[\p{L}']+`)
)

// English returns the English words a user would read in out, for the
// tests of every output: none may hold any.
func English(out string) []string {
	stop := map[string]bool{}
	for _, w := range englishWords {
		stop[w] = true
	}
	var found []string
	for _, w := range wordRE.FindAllString(userText.ReplaceAllString(out, " "), -1) {
		w = strings.ToLower(strings.Trim(w, "'"))
		if stop[w] {
			found = append(found, w)
		}
	}
	return found
}
