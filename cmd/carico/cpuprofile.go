package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// startCPUProfile writes a CPU profile of the whole process to the file
// CARICO_CPUPROFILE names, for the benchmarks that run carico as a child
// (BenchmarkImportCLI): the returned function ends it. Without the
// variable it does nothing.
func startCPUProfile(stderr io.Writer) (stop func()) {
	path := os.Getenv("CARICO_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "carico: profilo della CPU %s: %v\n", path, err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
