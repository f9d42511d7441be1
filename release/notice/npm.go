package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// npmPackages reads every package-lock.json under root (outside
// node_modules) and returns the packages it pins for shipping: dev-only
// dependencies, such as test tools, stay out. Each package's licence text
// comes from its installed copy, so the lockfile's `npm ci` must have run.
func npmPackages(root string) ([]component, error) {
	var locks []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git" || d.Name() == "dist") {
			return filepath.SkipDir
		}
		if d.Name() == "package-lock.json" {
			locks = append(locks, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(locks)
	var comps []component
	for _, l := range locks {
		cs, err := lockfile(root, l)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l, err)
		}
		comps = append(comps, cs...)
	}
	return comps, nil
}

// lockfile reads one npm lockfile (version 2 or 3).
func lockfile(root, path string) ([]component, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var lock struct {
		LockfileVersion int `json:"lockfileVersion"`
		Packages        map[string]struct {
			Version string `json:"version"`
			License any    `json:"license"`
			Dev     bool   `json:"dev"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(b, &lock); err != nil {
		return nil, err
	}
	if lock.LockfileVersion < 2 {
		return nil, fmt.Errorf("lockfile version %d: regenerate it with npm 7 or later", lock.LockfileVersion)
	}
	rel, err := filepath.Rel(root, path)
	if err != nil {
		rel = path
	}
	dir := filepath.Dir(path)
	var comps []component
	for key, p := range lock.Packages {
		if key == "" || p.Dev {
			continue
		}
		name := key[strings.LastIndex(key, "node_modules/")+len("node_modules/"):]
		texts, err := readLicences(filepath.Join(dir, filepath.FromSlash(key)))
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w (run npm ci in %s)", name, p.Version, err, filepath.Dir(rel))
		}
		declared := spdx(p.License)
		found := classify(texts[0])
		if len(found) == 0 {
			found = declared
		} else if len(declared) > 0 && !sameSet(declared, found) {
			return nil, fmt.Errorf("%s %s: lockfile says %v, licence text reads as %v", name, p.Version, declared, found)
		}
		comps = append(comps, component{Name: name, Version: p.Version, Source: "npm, " + filepath.ToSlash(rel), Licenses: found, Texts: texts})
	}
	sort.Slice(comps, func(i, j int) bool { return comps[i].Name < comps[j].Name })
	return comps, nil
}

// spdx reads a lockfile's license field: an SPDX identifier, or an
// expression. Of alternatives joined by OR, carico takes the first
// compatible one; terms joined by AND all apply.
func spdx(v any) []string {
	s, _ := v.(string)
	s = strings.NewReplacer("(", " ", ")", " ").Replace(s)
	if strings.Contains(s, " OR ") {
		for _, alt := range strings.Split(s, " OR ") {
			if id := strings.TrimSpace(alt); compatible[id] {
				return []string{id}
			}
		}
	}
	var ids []string
	for _, f := range strings.Fields(s) {
		if f != "OR" && f != "AND" {
			ids = append(ids, f)
		}
	}
	return ids
}

func sameSet(a, b []string) bool {
	in := map[string]bool{}
	for _, x := range a {
		in[x] = true
	}
	for _, x := range b {
		if !in[x] {
			return false
		}
	}
	return len(a) == len(b)
}
