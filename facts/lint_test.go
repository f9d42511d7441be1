package facts

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The computing and presenting packages read the data through this
// package only: they import neither database/sql nor its driver, call no
// query method (a *store.DB would let them query without importing
// database/sql), and use nothing of the store but the type of its handle,
// which they pass on.
var guarded = []string{
	"model",
	"analytics",
	"analytics/planning",
	"weights",
	"allocate",
	"reports",
	"evidence",
	"web",
	"regional",
	"sioss",
	"disclosure",
}

// pending are the packages still to migrate: they may query for now. The
// test fails when one of them no longer does, so that it moves to guarded.
var pending = []string{}

// queryMethods are the methods of database/sql's DB, Conn, Tx and Stmt
// that reach the database, with the fewest arguments a call of theirs
// takes (so that url.URL.Query(), with none, is not one).
var queryMethods = map[string]int{
	"QueryContext": 2, "QueryRowContext": 2, "ExecContext": 2, "PrepareContext": 2, "BeginTx": 2, "Conn": 1,
	"Query": 1, "QueryRow": 1, "Exec": 1, "Prepare": 1,
}

// TestComputingPackagesReadThroughFacts fails if a guarded package imports
// database/sql or calls a query method.
func TestComputingPackagesReadThroughFacts(t *testing.T) {
	t.Parallel()
	for _, pkg := range guarded {
		if v := violations(t, pkg); len(v) > 0 {
			t.Errorf("%s reads the database itself (only package facts may):\n\t%s", pkg, strings.Join(v, "\n\t"))
		}
	}
	for _, pkg := range pending {
		if v := violations(t, pkg); len(v) == 0 {
			t.Errorf("%s no longer reads the database itself: move it from pending to guarded", pkg)
		}
	}
}

// violations lists the database/sql imports and the query calls of the
// non-test Go files of the package in dir (relative to the module root).
func violations(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("%s: no Go files (%v)", dir, err)
	}
	var out []string
	fset := token.NewFileSet()
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fileViolations(fset, f)...)
	}
	sort.Strings(out)
	return out
}

// fileViolations is violations for one parsed file.
func fileViolations(fset *token.FileSet, f *ast.File) []string {
	var out []string
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if path == "database/sql" || strings.HasPrefix(path, "database/sql/") || strings.Contains(path, "duckdb-go") {
			out = append(out, fset.Position(imp.Pos()).String()+": imports "+path)
		}
	}
	storeName := ""
	for _, imp := range f.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path == "github.com/carico/carico/store" {
			storeName = "store"
			if imp.Name != nil {
				storeName = imp.Name.Name
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		// The store's handle is passed on (to facts, to the model); nothing
		// else of the store is used.
		if sel, ok := n.(*ast.SelectorExpr); ok && storeName != "" {
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == storeName && sel.Sel.Name != "DB" {
				out = append(out, fset.Position(sel.Pos()).String()+": uses store."+sel.Sel.Name)
			}
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if min, isQuery := queryMethods[sel.Sel.Name]; isQuery && len(call.Args) >= min {
			out = append(out, fset.Position(call.Pos()).String()+": calls "+sel.Sel.Name)
		}
		return true
	})
	return out
}

// TestLintCatchesAQuery proves the lint can fail: a file that imports
// database/sql and queries is caught, and one that takes facts is not.
func TestLintCatchesAQuery(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		src  string
		want int
	}{
		{`package x
import "database/sql"
func f(db *sql.DB) { db.QueryRowContext(nil, "SELECT 1") }`, 2},
		{`package x
import "github.com/carico/carico/store"
func f(db *store.DB) { db.ExecContext(nil, "DELETE FROM cases") }`, 1},
		{`package x
import "github.com/carico/carico/facts"
func f(w *facts.Workload) int { return len(w.Open) }`, 0},
		{`package x
import "github.com/carico/carico/store"
func f(db *store.DB) ([]store.Migration, error) { return store.Migrations() }`, 2},
		{`package x
import "net/url"
func f(u *url.URL) string { return u.Query().Get("x") }`, 0},
	} {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "x.go", tc.src, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := fileViolations(fset, f); len(got) != tc.want {
			t.Errorf("%d violations %v, want %d in\n%s", len(got), got, tc.want, tc.src)
		}
	}
}
