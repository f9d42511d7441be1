package main

import (
	"fmt"
	"os"
	"testing"
)

// TestMain gives the tests a user cache directory of their own (where a
// Parquet collection's calibration is kept, weights.CacheDir), so that
// they neither read what an earlier run kept nor leave files in the
// user's.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "carico-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CACHE_HOME", dir) // Linux and the other Unix systems
	os.Setenv("LocalAppData", dir)   // Windows
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
