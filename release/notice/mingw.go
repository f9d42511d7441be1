package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// mingwComponents are the parts of the mingw-w64 toolchain that the
// Windows build links into carico.exe: the mingw-w64 runtime (C runtime
// start-up, winpthreads) and GCC's runtime library, whose exception lets
// it be combined with a program under any licence. The texts come from
// the Debian packages that built it (doc is /usr/share/doc).
func mingwComponents(doc string) ([]component, error) {
	rt, err := os.ReadFile(filepath.Join(doc, "mingw-w64-common", "copyright"))
	if err != nil {
		return nil, fmt.Errorf("mingw-w64 runtime: %w (apt-get install mingw-w64-common)", err)
	}
	gcc, err := os.ReadFile(filepath.Join(doc, "gcc-mingw-w64-base", "copyright"))
	if err != nil {
		return nil, fmt.Errorf("GCC runtime: %w (apt-get install gcc-mingw-w64-base)", err)
	}
	exc, err := between(string(gcc), "GCC RUNTIME LIBRARY EXCEPTION", "third-party software is unaffected by the copyleft\nrequirements of the license of GCC.")
	if err != nil {
		return nil, fmt.Errorf("GCC runtime: %w", err)
	}
	return []component{
		{Name: "mingw-w64 runtime", Version: "Debian mingw-w64-common", Source: "compilatore (solo Windows)",
			Licenses: []string{"ZPL-2.1 e altre (vedi testo)"},
			Texts:    []string{strings.TrimSpace(string(rt))}},
		{Name: "GCC runtime library (libgcc)", Version: "Debian gcc-mingw-w64-base", Source: "compilatore (solo Windows)",
			Licenses: []string{"GPL-3.0-or-later WITH GCC-exception-3.1"},
			Texts:    []string{exc}},
	}, nil
}

// between is text from the line holding start to the end of end.
func between(text, start, end string) (string, error) {
	i := strings.Index(text, start)
	j := strings.Index(text, end)
	if i < 0 || j < i {
		return "", fmt.Errorf("%q not found", start)
	}
	return strings.TrimSpace(text[i : j+len(end)]), nil
}
