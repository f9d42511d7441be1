// Command carico measures the workload of a municipal social service and
// turns it into evidence for staffing decisions. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	args := os.Args[1:]
	if len(args) == 0 && startedByExplorer() {
		os.Exit(runDoubleClick(ctx, os.Stdin, os.Stdout, os.Stderr))
	}
	stopProfile := startCPUProfile(os.Stderr)
	code := Run(ctx, args, os.Stdin, os.Stdout, os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}
