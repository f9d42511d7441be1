package main

import (
	"bufio"
	"context"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico/store"
)

func TestServeUsage(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "x.duckdb")
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"serve", "--db", db, "--addr", "0.0.0.0:8080"}, "servono --tls-cert e --tls-key, o --behind-proxy"},
		{[]string{"serve", "--db", db, "--addr", "192.168.1.10:8080"}, "servono --tls-cert"},
		{[]string{"serve", "--db", db, "--tls-cert", "c.pem"}, "--tls-cert e --tls-key vanno indicati insieme"},
		{[]string{"serve", "--db", db, "--max-upload", "0"}, "--max-upload deve essere almeno 1"},
		{[]string{"serve", "--db", db, "--trusted-proxy", "proxy.ente.it"}, "non è un indirizzo IP né un intervallo CIDR"},
	} {
		code, _, errOut := runCLI(t, tt.args...)
		if code != exitUsage || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, exitUsage, tt.stderr)
		}
	}
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:80": true, "[::1]:8080": true, "0.0.0.0:8080": false, ":8080": false, "10.0.0.1:443": false} {
		if got := loopback(addr); got != want {
			t.Errorf("loopback(%q) = %v", addr, got)
		}
	}
}

// TestServeBusyPortCreatesNothing: a serve that cannot listen leaves no
// database and no key behind, so the next start still announces them.
func TestServeBusyPortCreatesNothing(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := t.TempDir()
	db, key := filepath.Join(dir, "dati", "carico.duckdb"), filepath.Join(dir, "chiave")
	code, _, errOut := runCLI(t, "serve", "--db", db, "--secret", key, "--addr", ln.Addr().String())
	if code != exitRuntime || !strings.Contains(errOut, "ascolto su "+ln.Addr().String()) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, p := range []string{db, filepath.Dir(db), key} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s created by a serve that could not start", p)
		}
	}
}

// TestServeOwnsTheDatabase starts `carico serve` in another process and
// runs a CLI command on the same file: it stops with a clear message.
func TestServeOwnsTheDatabase(t *testing.T) {
	if path := os.Getenv("CARICO_TEST_SERVE_DB"); path != "" {
		// The child: serve until the parent closes our stdin.
		ctx, cancel := context.WithCancel(context.Background())
		go func() { bufio.NewReader(os.Stdin).ReadByte(); cancel() }()
		ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
		defer stop()
		os.Exit(Run(ctx, []string{"serve", "--db", path, "--addr", "127.0.0.1:0", "--secret", filepath.Join(filepath.Dir(path), "chiave")}, os.Stdin, os.Stdout, os.Stderr))
	}
	t.Parallel()
	path := filepath.Join(t.TempDir(), "servizio.duckdb")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeOwnsTheDatabase$")
	cmd.Env = append(os.Environ(), "CARICO_TEST_SERVE_DB="+path)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	lines := bufio.NewScanner(stdout)
	ready := make(chan bool, 1)
	go func() {
		for lines.Scan() {
			if strings.Contains(lines.Text(), "in ascolto") {
				ready <- true
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	code, _, errOut := runCLI(t, "metrics", "--db", path)
	if code != exitRuntime || !strings.Contains(errOut, "in uso da un altro programma (un'altra esecuzione di carico, o «carico serve»") {
		t.Errorf("metrics while serve runs: exit %d, stderr %q", code, errOut)
	}
	// Uploads live beside the database, never in the system's temporary
	// directory, in a directory only the service's user can read.
	st, err := os.Stat(path + ".caricamenti")
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("uploads directory beside the database: %v, %v", st, err)
	}
}
