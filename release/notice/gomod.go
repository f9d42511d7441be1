package main

import (
	"debug/buildinfo"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// goModules lists the modules linked into the program bin, as its build
// information records them, plus the Go standard library and runtime,
// which every Go binary carries. Reading the binary rather than the
// module graph means a module only another platform links (DuckDB's
// static library on Linux, not on Windows) is never named.
func goModules(bin string) (goos string, comps []component, err error) {
	bi, err := buildinfo.ReadFile(bin)
	if err != nil {
		return "", nil, err
	}
	for _, s := range bi.Settings {
		if s.Key == "GOOS" {
			goos = s.Value
		}
	}
	cache, err := goEnv("GOMODCACHE")
	if err != nil {
		return "", nil, err
	}
	for _, d := range bi.Deps {
		path, version := d.Path, d.Version
		if d.Replace != nil {
			path, version = d.Replace.Path, d.Replace.Version
		}
		dir := path
		if version != "" {
			dir = filepath.Join(cache, escapePath(path)+"@"+version)
		}
		texts, err := readLicences(dir)
		if err != nil {
			return "", nil, fmt.Errorf("%s: %w (go mod download %s@%s)", d.Path, err, path, version)
		}
		comps = append(comps, component{Name: d.Path, Version: version, Source: "Go", Licenses: classify(texts[0]), Texts: texts})
	}
	sort.Slice(comps, func(i, j int) bool { return comps[i].Name < comps[j].Name })
	std, err := goStd(bi.GoVersion)
	if err != nil {
		return "", nil, err
	}
	return goos, append([]component{std}, comps...), nil
}

// escapePath spells a module path as the module cache does: an upper-case
// letter becomes "!" and its lower case.
func escapePath(p string) string {
	var b strings.Builder
	for _, r := range p {
		if unicode.IsUpper(r) {
			b.WriteByte('!')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func goEnv(key string) (string, error) {
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %w", key, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// goStd is the Go standard library and runtime of the toolchain that
// built the program; the toolchain building the notice must be the same.
func goStd(built string) (component, error) {
	if v := runtimeVersion(); v != built {
		return component{}, fmt.Errorf("the program was built with %s, the notice is being written with %s", built, v)
	}
	root, err := goEnv("GOROOT")
	if err != nil {
		return component{}, err
	}
	lic, err := os.ReadFile(filepath.Join(root, "LICENSE"))
	if err != nil {
		return component{}, err
	}
	texts := []string{strings.TrimSpace(string(lic))}
	if b, err := os.ReadFile(filepath.Join(root, "PATENTS")); err == nil {
		texts = append(texts, strings.TrimSpace(string(b)))
	}
	return component{Name: "Go standard library and runtime", Version: built, Source: "Go", Licenses: classify(texts[0]), Texts: texts}, nil
}

func runtimeVersion() string {
	v, err := goEnv("GOVERSION")
	if err != nil {
		return ""
	}
	return v
}
