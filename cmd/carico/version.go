package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=…", as
// release/build.sh does from the git tag (release/version.sh); otherwise the
// version the Go toolchain recorded from git is shown, or the commit.
var version = ""

func versionCommand() command {
	return command{
		name:    "version",
		summary: "mostra la versione di carico",
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) > 0 {
				return usagef("«carico version» non accetta argomenti: %q", args[0])
			}
			v := version
			if v == "" {
				v = devVersion()
			}
			fmt.Fprintf(e.stdout, "carico %s (%s, %s/%s)\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}

// devVersion describes a build made without release/build.sh: the
// pseudo-version go build records from git, else the commit, else
// "(sviluppo)" — never a release number it does not have.
func devVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(sviluppo)"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", con modifiche non registrate"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return "(sviluppo)"
	}
	return "(sviluppo, commit " + rev + modified + ")"
}
