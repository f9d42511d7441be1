package main

import (
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// root is the repository, two levels up from this package.
const root = "../.."

// embeddedFiles lists, as repository paths, the files that go:embed
// compiles into carico from carico's own packages (a Go module's embedded
// files are covered by the module's entry).
func embeddedFiles(t *testing.T) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-f",
		`{{if .Module}}{{if .Module.Main}}{{range .EmbedFiles}}{{$.Dir}}{{"\t"}}{{.}}{{"\n"}}{{end}}{{end}}{{end}}`, "./cmd/carico")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	top, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		dir, file, _ := strings.Cut(line, "\t")
		rel, err := filepath.Rel(top, filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, filepath.ToSlash(rel))
	}
	return files
}

// TestEmbeddedAssetsAttributed checks every file compiled into carico:
// one that carico's repository holds is carico's own; any other (copied
// in by make assets from npm) must come from a package or work on the
// shipped list, and that package must be in the notice.
func TestEmbeddedAssetsAttributed(t *testing.T) {
	out, err := exec.Command("git", "-C", root, "ls-files", "-z").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	own := map[string]bool{}
	for _, f := range strings.Split(string(out), "\x00") {
		own[f] = true
	}
	var globs []struct{ glob, name string }
	for _, s := range shipped {
		for _, g := range s.Files {
			globs = append(globs, struct{ glob, name string }{g, s.Package})
		}
		for _, b := range s.Bundles {
			for _, g := range b.Files {
				globs = append(globs, struct{ glob, name string }{g, b.Name})
			}
		}
	}
	used := map[string]bool{}
	var third []string
	for _, f := range embeddedFiles(t) {
		if own[f] {
			continue
		}
		found := false
		for _, g := range globs {
			if ok, _ := path.Match(g.glob, f); ok {
				found, used[g.glob] = true, true
				third = append(third, g.name)
			}
		}
		if !found {
			t.Errorf("%s is embedded, not in the repository, and not attributed: add its package to shipped in shipped.go", f)
		}
	}
	for _, g := range globs {
		if !used[g.glob] {
			t.Errorf("shipped.go attributes %s, which carico does not embed", g.glob)
		}
	}
	comps, err := npmPackages(root, runtime.GOOS, shipped)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := write(&b, comps); err != nil {
		t.Fatal(err)
	}
	for _, name := range third {
		if !strings.Contains(b.String(), name) {
			t.Errorf("%s provides embedded files but is not in the notice", name)
		}
	}
	if len(third) == 0 {
		t.Error("no third-party embedded file found: the walk is broken")
	}
}

// TestDuckDBArchivesListed checks that every static library
// duckdb-go-bindings links on this platform is DuckDB's own or carries a
// bundled library listed in duckdbLibs, and that every listed licence file
// is there.
func TestDuckDBArchivesListed(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/duckdb/duckdb-go-bindings/lib/"+runtime.GOOS+"-"+runtime.GOARCH).Output()
	if err != nil {
		t.Skipf("no prebuilt DuckDB for %s/%s: %v", runtime.GOOS, runtime.GOARCH, err)
	}
	archives, err := filepath.Glob(filepath.Join(strings.TrimSpace(string(out)), "*.a"))
	if err != nil || len(archives) == 0 {
		t.Fatalf("no static libraries in %s", out)
	}
	known := map[string]bool{}
	for _, a := range duckdbOwn {
		known[a] = true
	}
	for _, l := range duckdbLibs {
		if l.Archive != "" {
			known[l.Archive] = true
		}
		for _, f := range l.Files {
			if _, err := duckdbFiles.ReadFile("duckdb/" + f); err != nil {
				t.Errorf("%s: %v", l.Name, err)
			}
		}
	}
	for _, a := range archives {
		if !known[filepath.Base(a)] {
			t.Errorf("DuckDB links %s, which neither duckdbOwn nor duckdbLibs accounts for", filepath.Base(a))
		}
	}
	comps, err := duckdbComponents("1.5.6")
	if err != nil || len(comps) != len(duckdbLibs) {
		t.Fatalf("duckdbComponents: %d, %v", len(comps), err)
	}
}
