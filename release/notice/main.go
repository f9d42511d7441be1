// Command notice writes the third-party notice that ships in carico's
// release zips: every Go module linked into the binary for one platform and
// every npm package pinned in the repository's lockfiles, each with its
// licence text, after checking that each licence may be combined with the
// EUPL-1.2 under which carico is distributed.
//
//	go run ./release/notice -goos windows -goarch amd64 -tags duckdb_use_lib -o dist/NOTICE.txt
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	goos := flag.String("goos", "", "target GOOS (default: this machine's)")
	goarch := flag.String("goarch", "", "target GOARCH (default: this machine's)")
	tags := flag.String("tags", "", "build tags of the release build")
	root := flag.String("root", ".", "repository root")
	out := flag.String("o", "", "output file (default: standard output)")
	flag.Parse()

	comps, err := collect(*root, target{GOOS: *goos, GOARCH: *goarch, Tags: *tags})
	if err != nil {
		fmt.Fprintf(os.Stderr, "notice: %v\n", err)
		os.Exit(1)
	}
	w := os.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintf(os.Stderr, "notice: %v\n", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	if err := write(w, comps); err != nil {
		fmt.Fprintf(os.Stderr, "notice: %v\n", err)
		os.Exit(1)
	}
}
