package main

import (
	"os"
	"strings"
	"testing"
)

// TestCouncilRefusesParquet: the comparison of the Ambiti (--parquet) has
// no council version — analyze and report refuse the politico audience on
// a Parquet collection, in Italian, before reading it, and write nothing;
// metrics has no audience at all.
func TestCouncilRefusesParquet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir() // never read: the refusal comes first
	out := t.TempDir()
	for _, args := range [][]string{
		{"analyze", "--parquet", dir, "--audience", "politico", "--format", "json"},
		{"analyze", "--parquet", dir, "--audience", "politico", "--format", "table"},
		{"report", "--parquet", dir, "--audience", "politico", "--out", out},
	} {
		code, stdout, stderr := runCLI(t, args...)
		if code == exitOK || stdout != "" || !strings.Contains(stderr, "confronto tra Ambiti") || !strings.Contains(stderr, "politico non è disponibile con --parquet") {
			t.Errorf("%s: exit %d, %d bytes out, stderr %q: want the refusal", strings.Join(args, " "), code, len(stdout), stderr)
		}
	}
	if files, _ := os.ReadDir(out); len(files) > 0 {
		t.Errorf("a refused report wrote %d files", len(files))
	}
	code, stdout, stderr := runCLI(t, "metrics", "--parquet", dir, "--audience", "politico")
	if code == exitOK || stdout != "" || !strings.Contains(stderr, "audience") {
		t.Errorf("metrics --audience politico: exit %d, stderr %q: want an unknown flag", code, stderr)
	}
}
