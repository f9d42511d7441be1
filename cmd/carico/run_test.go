package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// runCLI runs carico in-process and returns exit code, stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRunExitCodes(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{args: nil, code: exitUsage, stderr: "manca il comando"},
		{args: []string{"boh"}, code: exitUsage, stderr: `comando sconosciuto: "boh"`},
		{args: []string{"help"}, code: exitOK, stdout: "Comandi:"},
		{args: []string{"--help"}, code: exitOK, stdout: "version"},
		{args: []string{"version"}, code: exitOK, stdout: "carico "},
		{args: []string{"help", "boh"}, code: exitUsage, stderr: "comando sconosciuto"},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, tt.args...)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tt.args, code, tt.code, errOut)
		}
		if !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("%v: stdout %q, stderr %q; want %q / %q", tt.args, out, errOut, tt.stdout, tt.stderr)
		}
	}
}
