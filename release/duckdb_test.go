// Package release holds what builds carico's downloadable zips: the pinned
// duckdb.dll of the Windows build (windows/), the third-party notice
// generator (notice/), the Italian READMEs and the build script.
package release

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// duckdbFromGoModule reads the DuckDB release a duckdb-go module version
// stands for: v0.10506.0 of duckdb-go-bindings and v2.10506.0 of duckdb-go
// both carry DuckDB 1.5.6 as major*10000 + minor*100 + patch.
func duckdbFromGoModule(v string) (string, error) {
	m := regexp.MustCompile(`^v\d+\.(\d{5,})\.\d+$`).FindStringSubmatch(v)
	if m == nil {
		return "", fmt.Errorf("version %q does not encode a DuckDB release", v)
	}
	n, _ := strconv.Atoi(m[1])
	return fmt.Sprintf("%d.%d.%d", n/10000, n/100%100, n%100), nil
}

// duckdbFromNPM reads the DuckDB release of an @duckdb/node-bindings
// version: 1.5.6-r.1 is the first packaging of DuckDB 1.5.6.
func duckdbFromNPM(v string) (string, error) {
	m := regexp.MustCompile(`^(\d+\.\d+\.\d+)(-r\.\d+)?$`).FindStringSubmatch(v)
	if m == nil {
		return "", fmt.Errorf("version %q is not a DuckDB release packaging", v)
	}
	return m[1], nil
}

func TestDuckDBVersionParsing(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		f        func(string) (string, error)
		in, want string
	}{
		{duckdbFromGoModule, "v0.10506.0", "1.5.6"},
		{duckdbFromGoModule, "v2.10506.0", "1.5.6"},
		{duckdbFromGoModule, "v0.10402.1", "1.4.2"},
		{duckdbFromGoModule, "v2.0.3", ""},
		{duckdbFromNPM, "1.5.6-r.1", "1.5.6"},
		{duckdbFromNPM, "1.4.4", "1.4.4"},
		{duckdbFromNPM, "1.2.1-alpha.17", ""},
	} {
		got, err := tc.f(tc.in)
		if got != tc.want || (tc.want == "") != (err != nil) {
			t.Errorf("%s: got %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// TestDuckDBDLLMatchesGoModule ties the duckdb.dll shipped beside
// carico.exe to the DuckDB that duckdb-go was built against: a go.mod
// upgrade without the matching lockfile change (or the reverse) fails here,
// before a Windows user meets a DLL whose C API differs from the bindings'.
func TestDuckDBDLLMatchesGoModule(t *testing.T) {
	t.Parallel()
	gomod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, mod := range []string{"github.com/duckdb/duckdb-go-bindings", "github.com/duckdb/duckdb-go/v2"} {
		m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(mod) + `\s+(v\S+)`).FindSubmatch(gomod)
		if m == nil {
			t.Fatalf("go.mod does not require %s", mod)
		}
		v, err := duckdbFromGoModule(string(m[1]))
		if err != nil {
			t.Fatalf("%s: %v", mod, err)
		}
		want[mod] = v
	}
	if want["github.com/duckdb/duckdb-go-bindings"] != want["github.com/duckdb/duckdb-go/v2"] {
		t.Fatalf("go.mod mixes DuckDB releases: %v", want)
	}

	b, err := os.ReadFile("windows/package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	if err := json.Unmarshal(b, &lock); err != nil {
		t.Fatal(err)
	}
	const pkg = "node_modules/@duckdb/node-bindings-win32-x64"
	p, ok := lock.Packages[pkg]
	if !ok {
		t.Fatalf("windows/package-lock.json does not pin %s", strings.TrimPrefix(pkg, "node_modules/"))
	}
	got, err := duckdbFromNPM(p.Version)
	if err != nil {
		t.Fatal(err)
	}
	if w := want["github.com/duckdb/duckdb-go-bindings"]; got != w {
		t.Errorf("duckdb.dll is DuckDB %s (npm %s), duckdb-go is built for DuckDB %s: update release/windows/package.json and its lockfile", got, p.Version, w)
	}
}
