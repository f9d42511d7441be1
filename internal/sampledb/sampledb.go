// Package sampledb loads the synthetic sample Ambito into a database the
// way a user would — its vendor exports, through the importers and the
// bundled profiles — for the tests of the layers above ingest, which check
// their figures against the generator's own records.
package sampledb

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/carico/carico/ingest"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

// Secret is the pseudonym key the tests import with.
var Secret = []byte("0123456789abcdef0123456789abcdef")

// Write writes a's exports to a temporary directory and returns the path
// of a database there holding every export that has a profile, imported
// with the bundled profiles, closed, for tests that open it as a user
// would (the CLI). The database is the shared one of these exports (built
// once per run of the tests, see cache.go), copied for this test.
func Write(t testing.TB, a *sampledata.Ambito) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	exports, err := a.WriteExports(dir)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "carico.duckdb")
	k, err := key(exports)
	if err != nil {
		t.Fatal(err)
	}
	if k == "" {
		if err := build(ctx, path, exports); err != nil {
			t.Fatal(err)
		}
		return path
	}
	src, err := shared(ctx, k, exports)
	if err != nil {
		t.Fatal(err)
	}
	if err := copyFile(path, src); err != nil {
		t.Fatal(err)
	}
	return path
}

// Load is Write's database, open; it is closed when the test ends.
func Load(t testing.TB, a *sampledata.Ambito) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), Write(t, a))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// ImportAll imports every export that has a profile, with the bundled
// profiles, as the demo does.
func ImportAll(ctx context.Context, db *store.DB, exports []sampledata.Export) error {
	im := &ingest.Importer{DB: db, Secret: Secret}
	for _, e := range exports {
		if e.Profile == "" {
			continue
		}
		p, err := ingest.LoadProfile(e.Profile)
		if err != nil {
			return err
		}
		res, err := im.Import(ctx, e.Path, p, filepath.Base(e.Profile))
		if err != nil {
			return fmt.Errorf("import %s: %w", filepath.Base(e.Path), err)
		}
		// A generated export is never empty nor wholly wrong: either means
		// the generator and the profile have drifted apart, and every
		// figure built on the database would be silently wrong.
		if res.Read == 0 || res.Rejected == res.Read {
			return fmt.Errorf("import %s: %d rows read, %d rejected", filepath.Base(e.Path), res.Read, res.Rejected)
		}
	}
	return nil
}
