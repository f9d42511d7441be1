package main

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadCommandsLeaveDatabaseUntouched runs the commands that only read
// on a database marked read-only: they work, and the file's bytes do not
// change.
func TestReadCommandsLeaveDatabaseUntouched(t *testing.T) {
	path := fixtureDB(t)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	sum := func() [32]byte {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(b)
	}
	before := sum()
	for _, args := range [][]string{
		{"metrics", "--db", path, "--format", "json"},
		{"analyze", "--db", path, "--format", "json"},
		{"plan", "forecast", "--db", path},
	} {
		if code, _, errOut := runCLI(t, args...); code != exitOK {
			t.Errorf("%s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
	}
	if sum() != before {
		t.Error("a command that only reads changed the database file")
	}
	if _, err := os.Stat(path + ".wal"); err == nil {
		t.Error("a command that only reads left a write-ahead log")
	}
}

// TestDemoRefusesNonEmptyDirectory: the demo writes only into an empty
// directory, unless told to overwrite.
func TestDemoRefusesNonEmptyDirectory(t *testing.T) {
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "mio.xlsx"), []byte("dati"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "demo", "--out", out)
	if code == exitOK || !strings.Contains(errOut, "--overwrite") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "mio.xlsx")); string(b) != "dati" {
		t.Error("the demo touched a file of a non-empty directory")
	}
}

// TestDemoKeepsAnotherDatabase: --overwrite never replaces a database the
// demo did not write.
func TestDemoKeepsAnotherDatabase(t *testing.T) {
	out := t.TempDir()
	db := filepath.Join(out, "carico.duckdb")
	if err := os.WriteFile(db, []byte("il database del servizio"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "demo", "--out", out, "--overwrite")
	if code == exitOK || !strings.Contains(errOut, "non è di una dimostrazione") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(db); string(b) != "il database del servizio" {
		t.Error("the demo replaced a database it did not write")
	}
}
