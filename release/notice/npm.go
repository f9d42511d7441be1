package main

import (
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

//go:embed texts
var texts embed.FS

// lockEntry is one package of an npm lockfile (version 2 or 3).
type lockEntry struct {
	Version      string            `json:"version"`
	License      any               `json:"license"`
	Dependencies map[string]string `json:"dependencies"`
}

// npmPackages returns the npm packages of list that ship in goos's zip,
// with the dependencies of those whose build bundles them and the works
// bundled inside them. Licence texts come from the installed copies, so
// each lockfile's `npm ci` must have run.
func npmPackages(root, goos string, list []npmShipped) ([]component, error) {
	locks := map[string]map[string]lockEntry{}
	seen := map[string]bool{}
	var comps []component
	for _, s := range list {
		if s.GOOS != "" && s.GOOS != goos {
			continue
		}
		pkgs, ok := locks[s.Lock]
		if !ok {
			var err error
			if pkgs, err = readLock(filepath.Join(root, filepath.FromSlash(s.Lock))); err != nil {
				return nil, fmt.Errorf("%s: %w", s.Lock, err)
			}
			locks[s.Lock] = pkgs
		}
		keys := []string{"node_modules/" + s.Package}
		if s.Deps {
			keys = closure(pkgs, keys[0])
		}
		for _, key := range keys {
			if seen[s.Lock+" "+key] {
				continue
			}
			seen[s.Lock+" "+key] = true
			c, err := npmComponent(root, s.Lock, key, pkgs)
			if err != nil {
				return nil, err
			}
			comps = append(comps, c)
		}
		dir := filepath.Join(root, filepath.Dir(filepath.FromSlash(s.Lock)), "node_modules", filepath.FromSlash(s.Package))
		for _, b := range s.Bundles {
			c, err := bundledComponent(dir, s, b)
			if err != nil {
				return nil, err
			}
			comps = append(comps, c)
		}
	}
	sort.SliceStable(comps, func(i, j int) bool { return comps[i].Name < comps[j].Name })
	return comps, nil
}

func readLock(path string) (map[string]lockEntry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var lock struct {
		LockfileVersion int                  `json:"lockfileVersion"`
		Packages        map[string]lockEntry `json:"packages"`
	}
	if err := json.Unmarshal(b, &lock); err != nil {
		return nil, err
	}
	if lock.LockfileVersion < 2 {
		return nil, fmt.Errorf("lockfile version %d: regenerate it with npm 7 or later", lock.LockfileVersion)
	}
	return lock.Packages, nil
}

// closure is key and every package it depends on, resolved as Node does:
// a copy nested in the dependent's node_modules wins over the top-level one.
func closure(pkgs map[string]lockEntry, key string) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(string)
	walk = func(k string) {
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, k)
		p := pkgs[k]
		names := make([]string, 0, len(p.Dependencies))
		for n := range p.Dependencies {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			for parent := k; ; {
				if c := parent + "/node_modules/" + n; pkgs[c].Version != "" {
					walk(c)
					break
				}
				i := strings.LastIndex(parent, "/node_modules/")
				if i < 0 {
					walk("node_modules/" + n)
					break
				}
				parent = parent[:i]
			}
		}
	}
	walk(key)
	return out
}

// npmComponent reads one installed package's licence and checks it
// against the lockfile's declaration.
func npmComponent(root, lock, key string, pkgs map[string]lockEntry) (component, error) {
	p, ok := pkgs[key]
	name := key[strings.LastIndex(key, "node_modules/")+len("node_modules/"):]
	if !ok {
		return component{}, fmt.Errorf("%s: %s not in the lockfile", lock, name)
	}
	dir := filepath.Join(root, filepath.Dir(filepath.FromSlash(lock)))
	texts, err := readLicences(filepath.Join(dir, filepath.FromSlash(key)))
	if err != nil {
		return component{}, fmt.Errorf("%s %s: %w (run npm ci in %s)", name, p.Version, err, filepath.ToSlash(filepath.Dir(lock)))
	}
	declared := spdx(p.License)
	found := classify(texts[0])
	if len(found) == 0 {
		found = declared
	} else if len(declared) > 0 && !sameSet(declared, found) {
		return component{}, fmt.Errorf("%s %s: lockfile says %v, licence text reads as %v", name, p.Version, declared, found)
	}
	return component{Name: name, Version: p.Version, Source: "npm, " + lock, Licenses: found, Texts: texts}, nil
}

// bundledComponent reads the licence of a work inside package dir; the
// text must read as the licence the list declares.
func bundledComponent(dir string, s npmShipped, b bundled) (component, error) {
	var raw []byte
	var err error
	if rest, ok := strings.CutPrefix(b.Text, "texts/"); ok {
		raw, err = texts.ReadFile("texts/" + rest)
	} else {
		raw, err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(b.Text)))
	}
	if err != nil {
		return component{}, fmt.Errorf("%s: %w (run npm ci in %s)", b.Name, err, filepath.ToSlash(filepath.Dir(s.Lock)))
	}
	text := strings.TrimSpace(strings.ReplaceAll(string(raw), "\r\n", "\n"))
	if found := classify(text); !sameSet(found, []string{b.License}) {
		return component{}, fmt.Errorf("%s: declared %s, licence text reads as %v", b.Name, b.License, found)
	}
	return component{Name: b.Name, Version: b.Version, Source: "npm, dentro " + s.Package, Licenses: []string{b.License}, Texts: []string{text}}, nil
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
