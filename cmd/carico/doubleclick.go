package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/carico/carico/internal/userdir"
)

// onDoubleClick is what carico does when a user opens carico.exe from
// Explorer, with no arguments: Windows gives it a console of its own that
// closes as soon as carico exits, so it must not just print a usage error.
// It starts the web application on this computer only (serve on
// 127.0.0.1:8080, with the database under the user's profile) and opens the
// browser on it — on the first start, on the link that creates the
// responsabile's account. If the server cannot start it shows the help and
// waits for a key, so that the window does not vanish with the error.
var onDoubleClick = serveAndOpen

// doubleClickAddr and browse are variables so that a test can start the
// server on a free port and see the address it would open.
var (
	doubleClickAddr = "127.0.0.1:8080"
	browse          = openBrowser
)

func serveAndOpen(ctx context.Context, e *env) error {
	e.listening = browse
	if err := runServe(ctx, e, []string{"--addr", doubleClickAddr}); err != nil {
		fmt.Fprintf(e.stderr, "carico: %v\n\n", err)
		return helpAndWait(ctx, e)
	}
	return nil
}

// helpAndWait prints the help, where the user's data live and how to try
// the demo, then waits for a key so that the window stays open.
func helpAndWait(ctx context.Context, e *env) error {
	if err := helpCommand().run(ctx, e, nil); err != nil {
		return err
	}
	db, err := userdir.DefaultDB()
	if err != nil {
		db = "(cartella dei dati non disponibile: " + err.Error() + ")"
	}
	fmt.Fprintf(e.stdout, `
carico si usa dal Prompt dei comandi: aprirlo nella cartella di carico.exe
(in Esplora file scrivere «cmd» nella barra dell'indirizzo e premere Invio),
poi scrivere per esempio

  carico demo

che crea i dati di esempio e scrive fogli Excel e pagine HTML nella
cartella demo-out. I dati importati vanno nel database
  %s
Le istruzioni complete sono in LEGGIMI.txt.

Premere un tasto per chiudere questa finestra.
`, db)
	waitKey(e.stdin)
	return nil
}

// waitKey returns after one key press on a console, or one byte (or end of
// input) elsewhere.
func waitKey(r io.Reader) {
	if f, ok := r.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if old, err := term.MakeRaw(int(f.Fd())); err == nil {
			defer term.Restore(int(f.Fd()), old)
		}
	}
	var b [1]byte
	r.Read(b[:])
}
