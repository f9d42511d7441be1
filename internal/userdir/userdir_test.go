package userdir

import (
	"path/filepath"
	"runtime"
	"testing"
)

// The tests set environment variables, so they do not run in parallel.

func TestDefaultDB(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Setenv("LOCALAPPDATA", `C:\Users\anna\AppData\Local`)
		t.Setenv("CARICO_DB", "")
		if got, _ := DefaultDB(); got != `C:\Users\anna\AppData\Local\carico\carico.duckdb` {
			t.Errorf("DefaultDB = %q", got)
		}
		return
	}
	for _, tc := range []struct {
		name, xdg, home, env, want string
	}{
		{"xdg", "/srv/dati", "/home/anna", "", "/srv/dati/carico/carico.duckdb"},
		{"home", "", "/home/anna", "", "/home/anna/.local/share/carico/carico.duckdb"},
		// The XDG spec says a relative XDG_DATA_HOME is invalid and ignored.
		{"relative xdg", "dati", "/home/anna", "", "/home/anna/.local/share/carico/carico.duckdb"},
		{"override", "/srv/dati", "/home/anna", "/tmp/prova.duckdb", "/tmp/prova.duckdb"},
	} {
		t.Setenv("XDG_DATA_HOME", tc.xdg)
		t.Setenv("HOME", tc.home)
		t.Setenv("CARICO_DB", tc.env)
		got, err := DefaultDB()
		if err != nil || got != filepath.FromSlash(tc.want) {
			t.Errorf("%s: DefaultDB = %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}

func TestDataDirWithoutHome(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows reads %LOCALAPPDATA%")
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "")
	if _, err := DataDir(); err == nil {
		t.Error("no home, yet a data folder")
	}
}

func TestDefaultKey(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows keeps the key beside the database")
	}
	t.Setenv("XDG_CONFIG_HOME", "/srv/conf")
	t.Setenv("CARICO_SECRET_FILE", "")
	if got, err := DefaultKey(); err != nil || got != "/srv/conf/carico/chiave-pseudonimi" {
		t.Errorf("DefaultKey = %q, %v", got, err)
	}
	t.Setenv("CARICO_SECRET_FILE", "/media/chiavetta/chiave")
	if got, err := DefaultKey(); err != nil || got != "/media/chiavetta/chiave" {
		t.Errorf("DefaultKey with CARICO_SECRET_FILE = %q, %v", got, err)
	}
}
