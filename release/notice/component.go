package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// component is one piece of third-party software in a release.
type component struct {
	Name, Version string
	Source        string   // "Go" or the npm lockfile it is pinned in
	Licenses      []string // SPDX identifiers found in its licence text
	Texts         []string // licence, notice and patent files, in order
}

// sources says where the notice's texts come from.
type sources struct {
	Root string // the repository
	Bin  string // the program built for the zip
	Doc  string // Debian's /usr/share/doc, for the Windows compiler's runtime
}

// collect gathers what the program at src.Bin carries: the Go modules its
// build information lists, the npm packages of the shipped list for its
// platform, DuckDB's bundled libraries and, on Windows, the compiler's
// runtime. It fails on a Go or npm licence it cannot name or that is not
// compatible with the EUPL-1.2; DuckDB's and the compiler's, read from
// their own notices, are listed as they declare them.
func collect(src sources) ([]component, error) {
	goos, goComps, err := goModules(src.Bin)
	if err != nil {
		return nil, fmt.Errorf("Go modules: %w", err)
	}
	npmComps, err := npmPackages(src.Root, goos, shipped)
	if err != nil {
		return nil, fmt.Errorf("npm packages: %w", err)
	}
	comps := append(goComps, npmComps...)
	if err := check(comps); err != nil {
		return nil, err
	}
	version := "?"
	for _, c := range goComps {
		if c.Name == "github.com/duckdb/duckdb-go-bindings" {
			version = duckdbRelease(c.Version)
		}
	}
	db, err := duckdbComponents(version)
	if err != nil {
		return nil, err
	}
	comps = append(comps, db...)
	if goos == "windows" {
		mw, err := mingwComponents(src.Doc)
		if err != nil {
			return nil, err
		}
		comps = append(comps, mw...)
	}
	return comps, nil
}

// duckdbRelease reads the DuckDB release a duckdb-go-bindings version
// stands for: v0.10506.0 carries DuckDB 1.5.6.
func duckdbRelease(v string) string {
	var major, n, patch int
	if _, err := fmt.Sscanf(v, "v%d.%d.%d", &major, &n, &patch); err != nil || n < 10000 {
		return v
	}
	return fmt.Sprintf("%d.%d.%d", n/10000, n/100%100, n%100)
}

// check fails on a component whose licence could not be named or is not
// compatible with the EUPL-1.2, listing every such component.
func check(comps []component) error {
	var errs []error
	for _, c := range comps {
		if len(c.Licenses) == 0 {
			errs = append(errs, fmt.Errorf("%s %s: licence not recognised", c.Name, c.Version))
		}
		for _, l := range c.Licenses {
			if !compatible[l] {
				errs = append(errs, fmt.Errorf("%s %s: licence %s not on the list of licences compatible with EUPL-1.2", c.Name, c.Version, l))
			}
		}
	}
	return errors.Join(errs...)
}

// licenceFiles are the files, by prefix of their lower-case name, that a
// notice reproduces: the licence itself, then NOTICE (which Apache-2.0 §4(d)
// requires to be passed on) and PATENTS grants.
var licenceFiles = []string{"license", "licence", "copying", "notice", "patents"}

// readLicences reads a package directory's licence, notice and patent
// files; it is an error to find none.
func readLicences(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		low := strings.ToLower(e.Name())
		for _, p := range licenceFiles {
			if !e.IsDir() && strings.HasPrefix(low, p) {
				names = append(names, e.Name())
				break
			}
		}
	}
	sort.SliceStable(names, func(i, j int) bool { return rank(names[i]) < rank(names[j]) })
	var texts []string
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, err
		}
		texts = append(texts, strings.TrimSpace(strings.ReplaceAll(string(b), "\r\n", "\n")))
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("no licence file in %s", dir)
	}
	// A licences/ folder holds the licences of bundled subcomponents that
	// the main licence points to (ECharts ships d3's there); an asset/
	// folder, the licences of the data a package embeds, as NAME.LICENSE
	// (the comuni's cadastral dataset: ANPR, ISTAT, Agenzia delle Entrate).
	for _, sub := range []string{"licenses", "licences", "asset"} {
		more, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			continue
		}
		for _, e := range more {
			if e.IsDir() || sub == "asset" && !strings.HasSuffix(strings.ToUpper(e.Name()), ".LICENSE") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, sub, e.Name()))
			if err != nil {
				return nil, err
			}
			texts = append(texts, sub+"/"+e.Name()+":\n\n"+strings.TrimSpace(strings.ReplaceAll(string(b), "\r\n", "\n")))
		}
	}
	return texts, nil
}

func rank(name string) int {
	low := strings.ToLower(name)
	for i, p := range licenceFiles {
		if strings.HasPrefix(low, p) {
			return i
		}
	}
	return len(licenceFiles)
}
