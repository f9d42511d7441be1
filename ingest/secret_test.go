package ingest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// TestSecretFirstRunsAtOnce starts many first runs at once: all read the
// same complete key, never a 0-byte one.
func TestSecretFirstRunsAtOnce(t *testing.T) {
	t.Parallel()
	for round := range 10 {
		path := filepath.Join(t.TempDir(), "carico", "chiave")
		keys := make([][]byte, 16)
		errs := make([]error, len(keys))
		var wg sync.WaitGroup
		for i := range keys {
			wg.Go(func() { keys[i], errs[i] = LoadOrCreateSecret(path) })
		}
		wg.Wait()
		for i := range keys {
			if errs[i] != nil || len(keys[i]) != secretSize || !bytes.Equal(keys[i], keys[0]) {
				t.Fatalf("round %d, run %d: key of %d bytes, same as the first: %v, err %v",
					round, i, len(keys[i]), bytes.Equal(keys[i], keys[0]), errs[i])
			}
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".chiave-*")); len(left) > 0 {
			t.Fatalf("temporary files left: %v", left)
		}
	}
}

func TestSecretReadableByOthersRefused(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	path := filepath.Join(t.TempDir(), "chiave")
	if _, err := LoadOrCreateSecret(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateSecret(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("key readable by others: err = %v", err)
	}
}

// TestOtherKeyRefused: the database records the fingerprint of its key on
// the first import; another key, or a key file that is not there, is
// refused before anything is read or created.
func TestOtherKeyRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population")
	fp, err := StoredFingerprint(ctx, db)
	if err != nil || fp != Fingerprint(testSecret) || strings.Contains(fp, string(testSecret[:8])) {
		t.Fatalf("stored fingerprint %q, %v", fp, err)
	}
	if got := query(t, db, `SELECT count(*) FROM pseudonym_key`); got != "1" {
		t.Errorf("%s fingerprints recorded", got)
	}

	other := &Importer{DB: db, Secret: bytes.Repeat([]byte("x"), 32)}
	if _, err := importFixture(t, other, "staff"); !errors.Is(err, ErrOtherKey) {
		t.Errorf("import with another key: err = %v", err)
	}
	if got := query(t, db, `SELECT count(*) FROM operator`); got != "0" {
		t.Errorf("%s operators imported with another key", got)
	}

	dir := t.TempDir()
	missing := filepath.Join(dir, "chiave-sbagliata")
	if _, err := OpenSecret(missing, fp); err == nil || !strings.Contains(err.Error(), "non esiste") {
		t.Errorf("missing key file: err = %v", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a new key was created for a database that has one")
	}
	wrong := filepath.Join(dir, "altra")
	if _, err := OpenSecret(wrong, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenSecret(wrong, fp); !errors.Is(err, ErrOtherKey) {
		t.Errorf("other key file: err = %v", err)
	}
}
