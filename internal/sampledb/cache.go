package sampledb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

// The sample database is built once per version of its inputs and shared
// by every test package: the import of the sample Ambito takes seconds,
// and seven packages need it. The cache key hashes the exports themselves
// (so any Ambito, not only the default one, is cached correctly) and the
// source of the code that turns them into a database (ingest, store, the
// bundled profiles, this package): a change to any of them builds a new
// file. Each test gets its own copy, so none can see another's writes.

// cacheDir holds the shared databases.
func cacheDir() string { return filepath.Join(os.TempDir(), "carico-sampledb") }

// codeHash hashes the source that turns exports into a database; "" when
// the source is not found beside the test binary's build (then nothing is
// cached).
var codeHash = sync.OnceValue(func() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	root := filepath.Join(filepath.Dir(file), "..", "..")
	h := sha256.New()
	n := 0
	for _, dir := range []string{"ingest", "store", "sample-data", "internal/sampledb"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			name := d.Name()
			if strings.HasSuffix(name, "_test.go") || !(strings.HasSuffix(name, ".go") || strings.HasSuffix(name, ".sql") || strings.HasSuffix(name, ".toml")) {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(rel), len(b))
			h.Write(b)
			n++
			return nil
		})
		if err != nil {
			return ""
		}
	}
	if n == 0 {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
})

// key hashes the exports and the code; "" means do not cache.
func key(exports []sampledata.Export) (string, error) {
	code := codeHash()
	if code == "" {
		return "", nil
	}
	sorted := append([]sampledata.Export(nil), exports...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	h := sha256.New()
	io.WriteString(h, code)
	for _, e := range sorted {
		fmt.Fprintf(h, "\x00%s\x00%s\x00%s\x00", e.Kind, filepath.Base(e.Path), filepath.Base(e.Profile))
		for _, p := range []string{e.Path, e.Profile} {
			if p == "" {
				continue
			}
			f, err := os.Open(p)
			if err != nil {
				return "", err
			}
			_, err = io.Copy(h, f)
			f.Close()
			if err != nil {
				return "", err
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// shared returns the path of the shared database of exports, building it
// first if no test has: under a lock file, so parallel test packages wait
// for the one that builds rather than each importing.
func shared(ctx context.Context, k string, exports []sampledata.Export) (string, error) {
	dir := cacheDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, k+".duckdb")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	unlock, err := lock(filepath.Join(dir, k+".lock"))
	if err != nil {
		return "", err
	}
	defer unlock()
	if _, err := os.Stat(path); err == nil {
		return path, nil // built while this one waited
	}
	tmp, err := os.MkdirTemp(dir, k+".build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	built := filepath.Join(tmp, "carico.duckdb")
	if err := build(ctx, built, exports); err != nil {
		return "", err
	}
	prune(dir)
	return path, os.Rename(built, path)
}

// prune removes the shared databases no test has built for a day: each
// change to the code or the sample leaves one behind.
func prune(dir string) {
	old, _ := filepath.Glob(filepath.Join(dir, "*.duckdb"))
	for _, p := range old {
		if st, err := os.Stat(p); err == nil && time.Since(st.ModTime()) > 24*time.Hour {
			os.Remove(p)
		}
	}
}

// build imports exports into a new database at path.
func build(ctx context.Context, path string, exports []sampledata.Export) error {
	db, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	err = ImportAll(ctx, db, exports)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// lock takes the lock file at path (created exclusively), waiting while
// another process holds it; a lock older than ten minutes is taken to be
// left by a process that died and is removed.
func lock(path string) (unlock func(), err error) {
	deadline := time.Now().Add(15 * time.Minute)
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			fmt.Fprintf(f, "%d\n", os.Getpid())
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if st, serr := os.Stat(path); serr == nil && time.Since(st.ModTime()) > 10*time.Minute {
			os.Remove(path)
			continue
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("sampledb: lock %s held too long", path)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// copyFile copies src to dst.
func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
