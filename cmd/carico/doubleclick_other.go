//go:build !windows

package main

// startedByExplorer is false outside Windows: a terminal stays open after
// carico exits, so no arguments is an ordinary usage error there.
func startedByExplorer() bool { return false }
