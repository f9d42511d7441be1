package facts

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carico/carico/store"
)

// TestEverySQLFileParses prepares every fact on a migrated, empty store:
// a misspelt column or a rule macro that does not exist fails here, not in
// a report. Every file must also be named by the package's Go code, so no
// query is left behind when its function goes.
func TestEverySQLFileParses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var src strings.Builder
	gos, _ := filepath.Glob("*.go")
	for _, g := range gos {
		if strings.HasSuffix(g, "_test.go") {
			continue
		}
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		src.Write(b)
	}
	names, err := fs.Glob(files, "*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("no fact embedded (%v)", err)
	}
	for _, n := range names {
		name := strings.TrimSuffix(n, ".sql")
		if !strings.Contains(src.String(), `"`+name+`"`) {
			t.Errorf("%s: no Go function names it", n)
		}
		stmt, err := db.PrepareContext(ctx, text(name))
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		stmt.Close()
	}
}
