package sampledb

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	sampledata "github.com/carico/carico/sample-data"
)

// TestKeyFollowsTheExports: the cache key is the same for the same
// exports and changes when one byte of one export does, so a test never
// gets a database built from other data.
func TestKeyFollowsTheExports(t *testing.T) {
	t.Parallel()
	if codeHash() == "" {
		t.Skip("source not found beside the test binary (-trimpath): nothing is cached")
	}
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	exports := []sampledata.Export{{Kind: "cases", Path: write("cartelle.csv", "id;aperta\n1;2025-01-01\n"), Profile: write("cartelle.toml", "kind = 'cases'\n")}}
	k1, err := key(exports)
	if err != nil {
		t.Fatal(err)
	}
	k2, _ := key(exports)
	write("cartelle.csv", "id;aperta\n1;2025-01-02\n")
	k3, _ := key(exports)
	if k1 == "" || k1 != k2 || k1 == k3 {
		t.Errorf("keys %q %q %q: want the first two equal, the third different", k1, k2, k3)
	}
}

// TestLockExcludes: while one holder has the lock a second waits, and it
// gets the lock once the first lets go; a lock left for more than ten
// minutes by a process that died is taken over.
func TestLockExcludes(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "x.lock")
	unlock, err := lock(path)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan struct{})
	go func() {
		u, err := lock(path)
		if err == nil {
			u()
		}
		close(got)
	}()
	select {
	case <-got:
		t.Fatal("a second holder took the lock while the first held it")
	case <-time.After(300 * time.Millisecond):
	}
	unlock()
	select {
	case <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("the second holder never got the lock")
	}
	if err := os.WriteFile(path, []byte("1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stale := time.Now().Add(-11 * time.Minute)
	os.Chtimes(path, stale, stale)
	u, err := lock(path)
	if err != nil {
		t.Fatalf("stale lock: %v", err)
	}
	u()
}
