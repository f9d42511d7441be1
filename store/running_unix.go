//go:build unix

package store

import (
	"errors"
	"syscall"
)

// running reports whether a process with id pid runs (or might: one of
// another user, which cannot be signalled, counts as running).
func running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
