package facts

import (
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// reachDatabase are the packages of the module a guarded package may
// depend on that import database/sql or the DuckDB driver, each for its
// reason. Any other such package in the dependency graph of a guarded
// package would be a second way to the data.
var reachDatabase = map[string]string{
	"facts":               "the one layer that reads the data",
	"facts/internal/rows": "the facts' row loop",
	"facts/app":           "the web application's own tables",
	"store":               "the handle's type and the schema",
	"internal/usererr":    "translates DuckDB's errors into Italian; reads nothing",
	"ingest":              "the web application's upload imports a file (web only); writes, never read by the figures",
}

// TestPackageGraph checks, on the dependency graph `go list -deps` gives,
// that the computing and presenting packages reach the data through the
// facts layer only: every package of the module in their graph that
// imports database/sql or the driver is one of reachDatabase, and ingest
// only under web.
func TestPackageGraph(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	const module = "github.com/carico/carico/"
	for _, pkg := range guarded {
		cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./"+pkg)
		cmd.Dir = ".."
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		var bad []string
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			fields := strings.Fields(line)
			name, ok := strings.CutPrefix(fields[0], module)
			if !ok {
				continue
			}
			for _, imp := range fields[1:] {
				if imp != "database/sql" && !strings.HasPrefix(imp, "database/sql/") && !strings.Contains(imp, "duckdb-go") {
					continue
				}
				if _, allowed := reachDatabase[name]; !allowed || (name == "ingest" && pkg != "web") {
					bad = append(bad, name+" (imports "+imp+")")
				}
				break
			}
		}
		sort.Strings(bad)
		if len(bad) > 0 {
			t.Errorf("%s depends on packages that reach the database besides the facts layer:\n\t%s", pkg, strings.Join(bad, "\n\t"))
		}
	}
}
