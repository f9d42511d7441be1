package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/carico/carico/ingest"
	"github.com/carico/carico/store"
	"github.com/carico/carico/web"
)

func serveCommand() command {
	return command{
		name:    "serve",
		summary: "avvia l'applicazione web del servizio (cruscotti, prospetti, importazioni, scenari) sul database",
		run:     runServe,
	}
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "--db FILE [--addr INDIRIZZO:PORTA] [--tls-cert FILE --tls-key FILE | --behind-proxy [--trusted-proxy CIDR]…]")
	var df dbFlags
	df.register(fs, "", false, false)
	addr := fs.String("addr", "127.0.0.1:8080", "`INDIRIZZO:PORTA` su cui ascoltare; oltre questo computer servono TLS o --behind-proxy")
	cert := fs.String("tls-cert", "", "`FILE` del certificato TLS (HTTPS)")
	key := fs.String("tls-key", "", "`FILE` della chiave privata TLS")
	proxy := fs.Bool("behind-proxy", false, "dietro un proxy inverso che gestisce HTTPS: cookie Secure")
	var proxies []string
	fs.Func("trusted-proxy", "`CIDR` (o indirizzo) di un proxy inverso di cui credere l'intestazione X-Forwarded-For, letta da destra; ripetibile (predefinito: nessuno, vale l'indirizzo della connessione); implica --behind-proxy", func(v string) error {
		proxies = append(proxies, v)
		return nil
	})
	maxMB := fs.Int("max-upload", web.DefaultMaxUpload>>20, "dimensione massima, in `MB`, di un file caricato")
	secretPath := fs.String("secret", "", "`FILE` della chiave degli pseudonimi (predefinito: quello dell'installazione; per il database di una demo, la chiave della demo accanto ad esso)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := df.check(fs); err != nil {
		return err
	}
	if (*cert == "") != (*key == "") {
		return usagef("--tls-cert e --tls-key vanno indicati insieme")
	}
	tls := *cert != ""
	trusted, err := web.ParseProxies(proxies)
	if err != nil {
		return usagef("--trusted-proxy: %v", err)
	}
	*proxy = *proxy || len(trusted) > 0
	if !loopback(*addr) && !tls && !*proxy {
		return usagef("per ascoltare su %s, oltre questo computer, servono --tls-cert e --tls-key, o --behind-proxy dietro un proxy che gestisce HTTPS", *addr)
	}
	if *maxMB < 1 {
		return usagef("--max-upload deve essere almeno 1")
	}
	cfg, err := df.loadConfig()
	if err != nil {
		return err
	}
	// The address is taken first: a server that cannot listen (the port
	// in use) must leave no new database behind, or the next start would
	// skip the first-start notice.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("ascolto su %s: %w", *addr, err)
	}
	defer ln.Close()
	// The server owns its database and writes it (accounts, imports): it
	// opens it read-write, creating it on a first start, when the data are
	// imported from the browser.
	newDB := !exists(df.db)
	if newDB {
		if err := os.MkdirAll(filepath.Dir(df.db), 0o700); err != nil {
			return fmt.Errorf("cartella del database: %w", err)
		}
	}
	db, err := store.Open(ctx, df.db)
	if err != nil {
		return err
	}
	defer db.Close()
	if *secretPath, err = keyPath(*secretPath, df.db); err != nil {
		return err
	}
	fp, err := ingest.StoredFingerprint(ctx, db)
	if err != nil {
		return err
	}
	newKey := !exists(*secretPath)
	secret, err := ingest.OpenSecret(*secretPath, fp)
	if err != nil {
		return err
	}
	announceFirstRun(e, df.db, *secretPath, newDB, newKey)
	srv, err := web.New(db, web.Options{Secret: secret, Config: cfg, SecureCookies: tls || *proxy, TrustedProxies: trusted,
		MaxUpload: int64(*maxMB) << 20, TempDir: df.db + ".caricamenti", Log: e.log})
	if err != nil {
		return err
	}
	defer srv.Close()
	scheme := "http"
	if tls {
		scheme = "https"
	}
	base := scheme + "://" + ln.Addr().String()
	fmt.Fprintf(e.stdout, "carico è in ascolto su %s (database %s). Interrompere con Ctrl+C.\n", base, df.db)
	setup, err := srv.SetupPath(ctx)
	if err != nil {
		ln.Close()
		return err
	}
	if setup != "" {
		fmt.Fprintf(e.stdout, "Primo avvio: aprire questo collegamento, valido una sola volta, per creare l'account del responsabile:\n  %s%s\n", base, setup)
	}
	if e.listening != nil {
		e.listening(base + setup)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ErrorLog: nil}
	done := make(chan error, 1)
	go func() {
		if tls {
			done <- hs.ServeTLS(ln, *cert, *key)
		} else {
			done <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-done:
		return fmt.Errorf("server web: %w", err)
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		fmt.Fprintln(e.stdout, "carico: server fermato.")
		return nil
	}
}

// loopback reports whether addr listens on this computer only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
