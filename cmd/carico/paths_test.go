package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestDefaultDatabase follows a user who never passes --db: the first
// import creates the database under the XDG data folder and says where it
// and the key are; the next import says nothing more; a reading command
// finds the same database.
func TestDefaultDatabase(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the Windows folder is %LOCALAPPDATA%, checked in internal/userdir")
	}
	_, db, key := userFolders(t)
	code, errOut := importPopulation(t)
	if code != exitOK {
		t.Fatalf("first import: exit %d, %s", code, errOut)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("database not in the data folder: %v", err)
	}
	for _, want := range []string{"primo avvio", db, key, "backup"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("first run does not say %q:\n%s", want, errOut)
		}
	}
	if code, errOut = importPopulation(t); code != exitOK || strings.Contains(errOut, "primo avvio") {
		t.Errorf("second import: exit %d, %s", code, errOut)
	}
	if code, _, errOut = runCLI(t, "analyze", "--format", "json"); strings.Contains(errOut, "non trovato") {
		t.Errorf("analyze without --db did not find the default database: exit %d, %s", code, errOut)
	}
}

// userFolders points carico's default database and key into a fresh folder,
// as on a new account, and returns the folder, the database and the key.
func userFolders(t *testing.T) (dir, db, key string) {
	t.Helper()
	dir = t.TempDir()
	t.Setenv("CARICO_DB", "")
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "dati"))
	key = filepath.Join(dir, "config", "carico", "chiave-pseudonimi")
	t.Setenv("CARICO_SECRET_FILE", key)
	return dir, filepath.Join(dir, "dati", "carico", "carico.duckdb"), key
}

// importPopulation imports the test residents into the default database.
func importPopulation(t *testing.T) (int, string) {
	t.Helper()
	td := filepath.Join("..", "..", "ingest", "testdata")
	code, _, errOut := runCLI(t, "import", "--kind", "population", "--profile", filepath.Join(td, "population.toml"), filepath.Join(td, "population.csv"))
	return code, errOut
}

// TestFirstRunAfterDemo follows a user who tries the demo first: the demo
// pseudonymises its synthetic data with a key of its own, beside its
// database, and never creates or reads the installation's; the first import
// of real data announces the first start with a new key; serve and export
// of the demo's database find the demo's key.
func TestFirstRunAfterDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo")
	}
	dir, db, key := userFolders(t)
	out := filepath.Join(dir, "demo-out")
	code, stdout, errOut := runCLI(t, "demo", "--out", out)
	if code != exitOK {
		t.Fatalf("demo: exit %d\n%s", code, errOut)
	}
	demoKeyFile := filepath.Join(out, demoKey)
	if !strings.Contains(stdout, "Chiave degli pseudonimi della dimostrazione (solo per questi dati sintetici, non per i dati veri):\n  "+demoKeyFile) {
		t.Errorf("the demo does not say which key it used:\n%s", stdout)
	}
	if exists(key) {
		t.Errorf("the demo created the installation's key %s", key)
	}
	if got, err := keyPath("", filepath.Join(out, "carico.duckdb")); err != nil || got != demoKeyFile {
		t.Errorf("key for the demo's database = %q, %v; want %q", got, err, demoKeyFile)
	}
	if code, _, errOut = runCLI(t, "export", "--db", filepath.Join(out, "carico.duckdb"), "--csv", t.TempDir()); code != exitOK {
		t.Errorf("export of the demo's database with the demo's key: exit %d\n%s", code, errOut)
	}
	if code, errOut = importPopulation(t); code != exitOK {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	for _, want := range []string{"primo avvio", db, "chiave degli pseudonimi:     " + key + "\n", "backup"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("first import after the demo does not say %q:\n%s", want, errOut)
		}
	}
}

func TestProgName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ goos, arg0, want string }{
		{"linux", "./carico", "./carico"},
		{"linux", "carico-v0.1.0-linux-amd64/carico", "carico-v0.1.0-linux-amd64/carico"},
		{"linux", "carico", "carico"},
		{"linux", "/tmp/go-build1/b001/exe/carico", "carico"},
		{"windows", `.\carico.exe`, "carico"},
		{"windows", "carico", "carico"},
	} {
		if got := progNameFor(tc.goos, tc.arg0); got != tc.want {
			t.Errorf("progNameFor(%q, %q) = %q, want %q", tc.goos, tc.arg0, got, tc.want)
		}
	}
}
