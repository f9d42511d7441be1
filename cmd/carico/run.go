package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/carico/carico/internal/italian"
	"io"
	"log/slog"
	"os"
	"regexp"
	"strings"

	"github.com/carico/carico/internal/usererr"
)

// Exit codes.
const (
	exitOK      = 0
	exitRuntime = 1
	exitUsage   = 2
)

// env is what every subcommand is given: its standard streams and a logger.
// Nothing reads os.Stdin or writes os.Stdout directly, so tests drive the
// CLI in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	// listening, when set, is told the address `serve` listens on (with
	// the first start's setup link): the double-click start opens it.
	listening func(url string)
}

// command is one subcommand; each lives in a file of its own.
type command struct {
	name    string
	summary string // one line, in Italian
	run     func(ctx context.Context, e *env, args []string) error
}

// commands lists the subcommands in the order help shows them.
func commands() []command {
	return []command{
		helpCommand(),
		versionCommand(),
		demoCommand(),
		sampleCommand(),
		inspectCommand(),
		importCommand(),
		metricsCommand(),
		weightsCommand(),
		allocateCommand(),
		segnalazioniCommand(),
		statementCommand(),
		analyzeCommand(),
		planCommand(),
		siossCommand(),
		reportCommand(),
		serveCommand(),
		exportCommand(),
	}
}

// usageError is a mistake in how carico was called: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// Run runs carico with args (without the program name) and returns the exit
// code: 0 ok, 1 runtime error, 2 usage error.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := newEnv(stdin, stdout, stderr)
	if err := moveFromRoaming(e); err != nil {
		return exitCode(e, err)
	}
	return exitCode(e, dispatch(ctx, e, args))
}

// runDoubleClick runs onDoubleClick, for carico.exe opened from Explorer;
// an error stays on screen until a key is pressed.
func runDoubleClick(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer) int {
	e := newEnv(stdin, stdout, stderr)
	err := moveFromRoaming(e)
	if err == nil {
		err = onDoubleClick(ctx, e)
	}
	code := exitCode(e, err)
	if code != exitOK {
		fmt.Fprintln(stderr, "Premere un tasto per chiudere questa finestra.")
		waitKey(stdin)
	}
	return code
}

func newEnv(stdin io.Reader, stdout, stderr io.Writer) *env {
	return &env{
		stdin:  stdin,
		stdout: stdout,
		stderr: stderr,
		log:    slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: logLevel(), ReplaceAttr: italianTime})),
	}
}

// logLevel is the level of the technical log on stderr: warnings only,
// everything with CARICO_DEBUG (its lines are the log's, not messages to
// the user).
func logLevel() slog.Level {
	if os.Getenv(debugEnv) != "" {
		return slog.LevelDebug
	}
	return slog.LevelWarn
}

// exitCode reports err on the environment's stderr and maps it to an exit
// code.
func exitCode(e *env, err error) int {
	stderr := e.stderr // the streams Run was given
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "carico: %s\nUsare «carico help» per l'elenco dei comandi.\n", ue.msg)
		return exitUsage
	default:
		msg := usererr.Message(err)
		fmt.Fprintf(stderr, "carico: %s\n", msg)
		logDetail(e, err, msg)
		return exitRuntime
	}
}

func dispatch(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usagef("manca il comando")
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "-help" {
		name = "help"
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, e, args[1:])
		}
	}
	return usagef("comando sconosciuto: %q", args[0])
}

// italianKinds names the value of an option in its usage line; a usage
// text can name it itself with backquotes (`CARTELLA`).
var italianKinds = map[string]string{
	"":         "",
	"string":   "VALORE",
	"int":      "N",
	"uint":     "N",
	"float":    "NUMERO",
	"duration": "DURATA",
	"value":    "VALORE",
}

// newFlags makes a flag set whose usage text is Italian and goes to stderr.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Uso: carico %s %s\n\nOpzioni:\n", name, synopsis)
		fs.VisitAll(func(f *flag.Flag) {
			kind, usage := flag.UnquoteUsage(f)
			if k, ok := italianKinds[kind]; ok {
				kind = k
			}
			fmt.Fprintf(e.stderr, "  --%s", f.Name)
			if kind != "" {
				fmt.Fprintf(e.stderr, " %s", kind)
			}
			fmt.Fprintf(e.stderr, "\n\t%s", usage)
			if f.DefValue != "" && f.DefValue != "false" {
				fmt.Fprintf(e.stderr, " (predefinito: %s)", f.DefValue)
			}
			fmt.Fprintln(e.stderr)
		})
	}
	return fs
}

// doubleDash writes an option as the help spells it: --db, not -db.
func doubleDash(name string) string { return "--" + strings.TrimLeft(name, "-") }

// invalidValue is the flag package's error for a value its type rejects:
// the value, the option and the reason.
var invalidValue = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for flag -([^:]+): (.*)$`)

// parseFlags parses args and turns the flag package's English errors into
// Italian usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args) // on -h the flag package has already called fs.Usage
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return usagef("opzione sconosciuta: %s", doubleDash(strings.TrimPrefix(msg, "flag provided but not defined: ")))
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return usagef("l'opzione %s richiede un valore", doubleDash(strings.TrimPrefix(msg, "flag needs an argument: ")))
	case invalidValue.MatchString(msg):
		m := invalidValue.FindStringSubmatch(msg)
		why := m[3]
		switch why {
		case "parse error":
			why = "non è nel formato atteso"
		case "value out of range":
			why = "fuori dall'intervallo ammesso"
		}
		return usagef("valore non valido per --%s: %s (%s)", m[2], m[1], why)
	default:
		return usagef("opzioni non valide: %s", msg)
	}
}

// italianTime writes the log's times in Italian time, whatever the
// machine's zone (a server often runs in UTC).
func italianTime(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindTime {
		a.Value = slog.TimeValue(a.Value.Time().In(italian.Rome))
	}
	return a
}
