package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// goModules lists the modules whose packages are compiled into
// ./cmd/carico for target t, as go.mod resolves them, plus the Go standard
// library and runtime, which every Go binary carries.
func goModules(root string, t target) ([]component, error) {
	args := []string{"list", "-deps", "-json=Module"}
	if t.Tags != "" {
		args = append(args, "-tags", t.Tags)
	}
	cmd := exec.Command("go", append(args, "./cmd/carico")...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	if t.GOOS != "" {
		cmd.Env = append(cmd.Env, "GOOS="+t.GOOS)
	}
	if t.GOARCH != "" {
		cmd.Env = append(cmd.Env, "GOARCH="+t.GOARCH)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v: %s", err, stderr.String())
	}
	mods := map[string]component{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			Module *struct {
				Path, Version, Dir string
				Main               bool
				Replace            *struct{ Path, Version, Dir string }
			}
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		m := p.Module
		if m == nil || m.Main {
			continue
		}
		if _, ok := mods[m.Path]; ok {
			continue
		}
		dir, version := m.Dir, m.Version
		if m.Replace != nil {
			dir, version = m.Replace.Dir, m.Replace.Version
		}
		texts, err := readLicences(dir)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", m.Path, err)
		}
		mods[m.Path] = component{Name: m.Path, Version: version, Source: "Go", Licenses: classify(texts[0]), Texts: texts}
	}
	comps := make([]component, 0, len(mods)+1)
	for _, c := range mods {
		comps = append(comps, c)
	}
	sort.Slice(comps, func(i, j int) bool { return comps[i].Name < comps[j].Name })

	std, err := goStd(root)
	if err != nil {
		return nil, err
	}
	return append([]component{std}, comps...), nil
}

// goStd is the Go standard library and runtime of the toolchain building
// the release.
func goStd(root string) (component, error) {
	cmd := exec.Command("go", "env", "GOROOT", "GOVERSION")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return component{}, fmt.Errorf("go env: %w", err)
	}
	f := strings.Fields(string(out))
	if len(f) != 2 {
		return component{}, fmt.Errorf("go env: unexpected output %q", out)
	}
	texts, err := readLicences(f[0])
	if err != nil {
		return component{}, err
	}
	texts = texts[:1] // GOROOT holds LICENSE and PATENTS; NOTICE-like files elsewhere are not ours
	if b, err := os.ReadFile(filepath.Join(f[0], "PATENTS")); err == nil {
		texts = append(texts, strings.TrimSpace(string(b)))
	}
	return component{Name: "Go standard library and runtime", Version: f[1], Source: "Go", Licenses: classify(texts[0]), Texts: texts}, nil
}
