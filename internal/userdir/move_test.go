package userdir

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func put(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		return "(assente)"
	}
	return string(b)
}

func TestMove(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		from, to   map[string]string
		moved      []string
		left       []string
		wantTo     map[string]string
		fromExists bool
	}{
		{name: "nothing to move"},
		{name: "database and key",
			from:   map[string]string{DBName: "db", KeyName: "key"},
			moved:  []string{DBName, KeyName},
			wantTo: map[string]string{DBName: "db", KeyName: "key"}},
		{name: "with the write-ahead log",
			from:   map[string]string{DBName: "db", DBName + ".wal": "wal", KeyName: "key"},
			moved:  []string{DBName, DBName + ".wal", KeyName},
			wantTo: map[string]string{DBName: "db", DBName + ".wal": "wal", KeyName: "key"}},
		{name: "new folder already used: nothing overwritten",
			from:   map[string]string{DBName: "old db", KeyName: "old key"},
			to:     map[string]string{DBName: "new db", KeyName: "new key"},
			left:   []string{DBName, KeyName},
			wantTo: map[string]string{DBName: "new db", KeyName: "new key"}, fromExists: true},
		{name: "other files stay",
			from:   map[string]string{KeyName: "key", "appunti.txt": "mine"},
			moved:  []string{KeyName},
			wantTo: map[string]string{KeyName: "key"}, fromExists: true},
	} {
		dir := t.TempDir()
		from, to := filepath.Join(dir, "Roaming", "carico"), filepath.Join(dir, "Local", "carico")
		for n, s := range tc.from {
			put(t, filepath.Join(from, n), s)
		}
		for n, s := range tc.to {
			put(t, filepath.Join(to, n), s)
		}
		m, err := move(from, to)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(tc.moved)+len(tc.left) == 0 {
			if m != nil {
				t.Errorf("%s: reported %+v", tc.name, m)
			}
			continue
		}
		if m == nil || !reflect.DeepEqual(m.Files, tc.moved) || !reflect.DeepEqual(m.Left, tc.left) {
			t.Errorf("%s: moved %+v, want files %v left %v", tc.name, m, tc.moved, tc.left)
		}
		for n, want := range tc.wantTo {
			if got := read(t, filepath.Join(to, n)); got != want {
				t.Errorf("%s: %s in the new folder = %q, want %q", tc.name, n, got, want)
			}
		}
		for _, n := range tc.moved {
			if _, err := os.Stat(filepath.Join(from, n)); err == nil {
				t.Errorf("%s: %s still in the roaming folder", tc.name, n)
			}
		}
		if _, err := os.Stat(from); (err == nil) != tc.fromExists {
			t.Errorf("%s: roaming folder exists = %v, want %v", tc.name, err == nil, tc.fromExists)
		}
	}
}

// TestMoveFileKeepsSourceOnFailure: a copy that cannot be written leaves
// the original where it was.
func TestMoveFileKeepsSourceOnFailure(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, KeyName)
	put(t, src, "key")
	dst := filepath.Join(dir, "manca", "cartella", KeyName)
	if err := moveFile(src, dst); err == nil {
		t.Fatal("moved into a folder that does not exist")
	}
	if read(t, src) != "key" {
		t.Error("the key was lost")
	}
}
