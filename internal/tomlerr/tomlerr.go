// Package tomlerr words the errors of the TOML decoder in Italian, with
// the line they are on: a syntax error, or a value of the wrong type for
// its key. Every TOML file a user writes — import profiles, the
// configuration, scenarios, panels — reads through it.
package tomlerr

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/carico/carico/ingest/mask"
)

// Error is an Italian message over the decoder's error.
type Error struct {
	Line int
	Msg  string
	Err  error
}

func (e *Error) Error() string { return fmt.Sprintf("riga %d: %s", e.Line, e.Msg) }
func (e *Error) Unwrap() error { return e.Err }

// Italian words err, which toml.Decode returned on src, in Italian; an
// error it does not recognise is returned as it is.
//
// The line of a syntax error is counted from the error's byte offset in
// src: the parser's own line is one too many when the error is the end of
// a line.
func Italian(src string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line := pe.Position.Line
		if start := pe.Position.Start; start > 0 && start <= len(src) {
			line = strings.Count(src[:start], "\n") + 1
		}
		return &Error{Line: line, Msg: syntax(pe.Message), Err: err}
	}
	if line, msg, ok := wrongType(err.Error()); ok {
		return &Error{Line: line, Msg: msg, Err: err}
	}
	return err
}

// syntax words a syntax error's message.
func syntax(msg string) string {
	for _, t := range [][2]string{
		{"expected value but found", "manca il valore dopo «=»"},
		{"strings cannot contain newline", "un testo tra virgolette non può andare a capo: chiudere le virgolette"},
		{"unexpected EOF", "il file finisce a metà di un valore: chiudere virgolette o parentesi"},
		{"has already been defined", "chiave o tabella già definita più sopra"},
		{"expected a top-level item to end with a newline", "dopo il valore la riga deve finire (o proseguire con un commento #)"},
		{"bare keys cannot contain", "nome di chiave non valido: racchiuderlo tra virgolette"},
		{"expected '.' or '='", "manca «=» dopo il nome della chiave"},
		{"expected '.' or ']' to end table name", "nome di tabella non chiuso: manca «]»"},
		{"invalid escape", "sequenza con \\ non valida in un testo: raddoppiare la barra o usare apici singoli"},
	} {
		if strings.Contains(msg, t[0]) {
			return t[1]
		}
	}
	return "sintassi TOML non valida (" + mask.Excerpt(msg) + ")"
}

var typeError = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): incompatible types: TOML value has type (\S+); destination has type (\S+)`)

// wrongType words the decoder's error for a value of the wrong type,
// which it writes as plain text.
func wrongType(msg string) (int, string, bool) {
	m := typeError.FindStringSubmatch(msg)
	if m == nil {
		return 0, "", false
	}
	line, _ := strconv.Atoi(m[1])
	return line, fmt.Sprintf("la chiave «%s» ha un valore del tipo sbagliato: è %s, serve %s", m[2], typeName(m[3]), typeName(m[4])), true
}

// typeName names a TOML or Go type for the user.
func typeName(t string) string {
	switch {
	case t == "string":
		return "un testo"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "un numero intero"
	case strings.HasPrefix(t, "float"):
		return "un numero"
	case t == "bool":
		return "vero o falso (true/false)"
	case strings.HasPrefix(t, "[]"), t == "array", strings.HasPrefix(t, "slice"):
		return "un elenco"
	case strings.HasPrefix(t, "map"), t == "table", strings.HasPrefix(t, "struct"):
		return "una tabella"
	case strings.Contains(t, "time"), strings.Contains(t, "Date"):
		return "una data"
	}
	return "un valore di un altro tipo"
}
