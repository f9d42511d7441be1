package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise
// the module version recorded by the Go toolchain is shown.
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
				v = "(sviluppo)"
				if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
					v = bi.Main.Version
				}
			}
			fmt.Fprintf(e.stdout, "carico %s (%s, %s/%s)\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}
