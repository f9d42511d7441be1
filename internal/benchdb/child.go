package benchdb

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// RunChild runs the test helper named helper (a Test function of the
// benchmark's package) in a child process with env added to the
// environment, so that each side of a comparison is measured alone. The
// helper prints "ELAPSED <seconds>" for the step it timed; RunChild returns
// that time, the child's peak RSS in KiB (from its rusage) and its output.
func RunChild(b *testing.B, helper string, env ...string) (time.Duration, int64, []byte) {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+helper+"$", "-test.timeout=3h")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("%s %v: %v\n%s", helper, env, err, out)
	}
	var secs float64
	for _, line := range strings.Split(string(out), "\n") {
		if s, ok := strings.CutPrefix(line, "ELAPSED "); ok {
			secs, _ = strconv.ParseFloat(s, 64)
		}
	}
	if secs == 0 {
		b.Fatalf("%s %v: no timing in\n%s", helper, env, out)
	}
	return time.Duration(secs * float64(time.Second)), cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss, out
}
