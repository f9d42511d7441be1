// Command notice writes the third-party notice that ships in carico's
// release zips, from what the zip actually carries: the Go modules linked
// into the program (its build information), the npm packages whose files
// it embeds or ships beside it (the list in shipped.go), the libraries
// bundled inside DuckDB and, on Windows, the compiler's runtime, each with
// its licence text.
//
//	go run ./release/notice -bin dist/x/carico.exe -o dist/x/NOTICE.txt
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	bin := flag.String("bin", "", "the program built for the zip (required)")
	root := flag.String("root", ".", "repository root")
	doc := flag.String("doc", "/usr/share/doc", "Debian's documentation folder, for the Windows compiler's runtime licences")
	out := flag.String("o", "", "output file (default: standard output)")
	flag.Parse()
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "notice: -bin is required")
		os.Exit(2)
	}
	comps, err := collect(sources{Root: *root, Bin: *bin, Doc: *doc})
	if err != nil {
		fmt.Fprintf(os.Stderr, "notice: %v\n", err)
		os.Exit(1)
	}
	w := os.Stdout
	if *out != "" {
		f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
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
