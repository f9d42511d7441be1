package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// spillPrefix names the directories DuckDB spills a Parquet collection to,
// in the system's temporary directory: the prefix, the id of the process
// that made it, a dash and a random suffix.
const spillPrefix = "carico-duckdb-"

// spillDir makes the spill directory of this process, first removing those
// of processes that ended without closing their collection (killed, or
// their computer switched off): they may hold spilled rows.
func spillDir() (string, error) {
	sweepSpills(os.TempDir())
	return os.MkdirTemp("", fmt.Sprintf("%s%d-", spillPrefix, os.Getpid()))
}

// sweepSpills removes the spill directories in dir whose process no longer
// runs. A directory whose process id was given since to another process
// stays until that one ends.
func sweepSpills(dir string) {
	left, _ := filepath.Glob(filepath.Join(dir, spillPrefix+"*"))
	for _, p := range left {
		rest := strings.TrimPrefix(filepath.Base(p), spillPrefix)
		pid, err := strconv.Atoi(rest[:max(strings.IndexByte(rest, '-'), 0)])
		if err != nil || pid == os.Getpid() || running(pid) {
			continue
		}
		os.RemoveAll(p)
	}
}
