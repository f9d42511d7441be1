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

// target is the platform a notice is for: the Go modules linked in differ
// between builds (the Windows build links DuckDB as a DLL).
type target struct{ GOOS, GOARCH, Tags string }

// collect gathers the Go modules of the build and the npm packages of every
// lockfile under root, and fails on a licence it cannot name or that is not
// compatible with the EUPL-1.2.
func collect(root string, t target) ([]component, error) {
	goComps, err := goModules(root, t)
	if err != nil {
		return nil, fmt.Errorf("Go modules: %w", err)
	}
	npmComps, err := npmPackages(root)
	if err != nil {
		return nil, fmt.Errorf("npm packages: %w", err)
	}
	comps := append(goComps, npmComps...)
	return comps, check(comps)
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
