package userdir

import (
	"path/filepath"
	"runtime"
	"testing"
)

// The tests set environment variables, so they do not run in parallel.

func TestDefaultDB(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Setenv("APPDATA", `C:\Users\anna\AppData\Roaming`)
		t.Setenv("CARICO_DB", "")
		if got, _ := DefaultDB(); got != `C:\Users\anna\AppData\Roaming\carico\carico.duckdb` {
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
		t.Skip("Windows reads %APPDATA%")
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "")
	if _, err := DataDir(); err == nil {
		t.Error("no home, yet a data folder")
	}
}
