package store

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// TestSweepSpills: a new collection removes the spill directories of the
// processes that ended without closing theirs, and keeps those of
// processes still running, its own and the unnamed.
func TestSweepSpills(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the test's processes are Unix commands")
	}
	t.Parallel()
	ended := exec.Command("true")
	if err := ended.Run(); err != nil {
		t.Fatal(err)
	}
	alive := exec.Command("sleep", "60")
	if err := alive.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { alive.Process.Kill(); alive.Wait() }()
	dir := t.TempDir()
	mk := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Join(p, "spilled"), 0o700); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gone := mk(fmt.Sprintf("%s%d-123", spillPrefix, ended.Process.Pid))
	kept := []string{
		mk(fmt.Sprintf("%s%d-456", spillPrefix, alive.Process.Pid)),
		mk(fmt.Sprintf("%s%d-789", spillPrefix, os.Getpid())),
		mk(spillPrefix + "senza-processo"),
	}
	sweepSpills(dir)
	if _, err := os.Stat(gone); !os.IsNotExist(err) {
		t.Errorf("the ended process's spill directory is still there: %v", err)
	}
	for _, p := range kept {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed: %v", filepath.Base(p), err)
		}
	}
}
