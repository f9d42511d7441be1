package facts

import (
	"context"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	// The analysis' files read its working tables: made first, on the
	// connection every file is then prepared on.
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	an := &anConn{conn: conn, args: []any{sql.Named("from", time.Now()), sql.Named("to", time.Now()), sql.Named("at", time.Now()),
		sql.Named("dormant", 1), sql.Named("months", 1), sql.Named("default_term", 30), sql.Named("limit", 1)}}
	for _, name := range []string{"an_prepare", "an_procedure"} {
		if err := an.exec(ctx, name); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
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
		q := text(name)
		switch {
		case name == "an_prepare" || name == "an_procedure" || name == "an_drop":
			continue // run above, or multi-statement
		case name == "audit_findings":
			continue // prepared with each rule below
		case strings.HasPrefix(name, "audit_") && !strings.HasPrefix(name, "audit_base") && !strings.HasSuffix(name, ".base"):
			q = strings.Replace(text("audit_findings"), "/*offending*/", q, 1)
		}
		stmt, err := conn.PrepareContext(ctx, q)
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		stmt.Close()
	}
}
