// Package storetest opens in-memory stores holding hand-written fixtures,
// for the tests of the layers above the store.
package storetest

import (
	"context"
	"testing"

	"github.com/carico/carico/store"
)

// Open returns a migrated in-memory store after running each of stmts in
// order; the store is closed when the test ends.
func Open(t testing.TB, stmts ...string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("fixture %.200q: %v", s, err)
		}
	}
	return db
}
