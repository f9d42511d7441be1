package main

import (
	"fmt"
	"os"

	"github.com/carico/carico/internal/usererr"
)

// debugEnv names the environment variable that, when set, makes carico
// write the technical detail of an error (the whole chain, as the
// libraries wrote it) on stderr after the Italian message.
const debugEnv = "CARICO_DEBUG"

// logDetail writes the technical detail of err on stderr when debugEnv is
// set and the message shown left some of it out.
func logDetail(e *env, err error, shown string) {
	if d := usererr.Detail(err); os.Getenv(debugEnv) != "" && d != shown {
		fmt.Fprintf(e.stderr, "carico: dettaglio tecnico (%s): %s\n", debugEnv, d)
	}
}
