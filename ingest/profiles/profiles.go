// Package profiles holds the import profiles shipped inside carico, usable
// by name (`carico import --profile siso-lista-casi`) and recognised by
// `carico inspect` from a file's header. Each is a commented TOML file
// like those a user writes; package ingest parses them.
package profiles

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.toml
var files embed.FS

// Get returns the text of the built-in profile name ("siso-lista-casi",
// with or without ".toml").
func Get(name string) ([]byte, bool) {
	name = strings.TrimSuffix(name, ".toml")
	if name == "" || strings.ContainsAny(name, `/\`) {
		return nil, false
	}
	b, err := files.ReadFile(name + ".toml")
	return b, err == nil
}

// Names lists the built-in profiles, sorted.
func Names() []string {
	entries, _ := fs.ReadDir(files, ".")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".toml"))
	}
	sort.Strings(out)
	return out
}
