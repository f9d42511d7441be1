package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// stdinReads counts the reads of stdin, to see that carico waited.
type stdinReads struct {
	r     *strings.Reader
	reads int
}

func (s *stdinReads) Read(p []byte) (int, error) {
	s.reads++
	return s.r.Read(p)
}

// TestDoubleClickServes starts carico as Explorer would: the web
// application on this computer, and the browser opened on the first
// start's setup link.
func TestDoubleClickServes(t *testing.T) {
	t.Setenv("CARICO_DB", filepath.Join(t.TempDir(), "carico.duckdb"))
	savedAddr, savedBrowse := doubleClickAddr, browse
	t.Cleanup(func() { doubleClickAddr, browse = savedAddr, savedBrowse })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var opened string
	doubleClickAddr = "127.0.0.1:0"
	browse = func(url string) { opened = url; cancel() }
	in := &stdinReads{r: strings.NewReader("")}
	var out, errOut bytes.Buffer
	if code := runDoubleClick(ctx, in, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.HasPrefix(opened, "http://127.0.0.1:") || !strings.Contains(opened, "/") || !strings.Contains(out.String(), opened) {
		t.Errorf("browser opened on %q; printed:\n%s", opened, out.String())
	}
}

// TestDoubleClickWaitsForKey checks the help screen shown when the server
// cannot start.
func TestDoubleClickWaitsForKey(t *testing.T) {
	saved := onDoubleClick
	t.Cleanup(func() { onDoubleClick = saved })
	onDoubleClick = helpAndWait
	t.Setenv("CARICO_DB", `C:\Users\anna\AppData\Roaming\carico\carico.duckdb`)
	in := &stdinReads{r: strings.NewReader("x")}
	var out, errOut bytes.Buffer
	if code := runDoubleClick(context.Background(), in, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"Comandi:", "carico demo", `C:\Users\anna\AppData\Roaming\carico\carico.duckdb`, "LEGGIMI.txt", "Premere un tasto"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("double-click screen lacks %q:\n%s", want, out.String())
		}
	}
	if in.reads != 1 {
		t.Errorf("read stdin %d times, want 1 (the key)", in.reads)
	}
}

// TestDoubleClickError checks the hook's contract for the web application
// that will replace it: an error is shown and the window waits too.
func TestDoubleClickError(t *testing.T) {
	saved := onDoubleClick
	t.Cleanup(func() { onDoubleClick = saved })
	onDoubleClick = func(ctx context.Context, e *env) error { return errors.New("porta 8080 occupata") }
	in := &stdinReads{r: strings.NewReader("")}
	var out, errOut bytes.Buffer
	if code := runDoubleClick(context.Background(), in, &out, &errOut); code != exitRuntime {
		t.Errorf("exit %d, want %d", code, exitRuntime)
	}
	if !strings.Contains(errOut.String(), "porta 8080 occupata") || !strings.Contains(errOut.String(), "Premere un tasto") || in.reads != 1 {
		t.Errorf("error not held on screen: reads %d, %q", in.reads, errOut.String())
	}
}
