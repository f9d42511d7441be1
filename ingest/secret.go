package ingest

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/carico/carico/internal/userdir"
)

// secretSize is the length of the pseudonym key: as long as the HMAC-SHA-256
// output, so the key is never the weak link.
const secretSize = 32

// DefaultSecretPath is where the pseudonym key lives unless CARICO_SECRET_FILE
// says otherwise: in the user's configuration directory, outside the database
// file, so that a copied database cannot be re-identified without it.
//
// The place itself is internal/userdir's, with the database's.
func DefaultSecretPath() (string, error) {
	return userdir.DefaultKey()
}

// LoadOrCreateSecret reads the pseudonym key at path, creating it with 32
// random bytes and mode 0600 on first use. Losing the key breaks the link
// between people in old and new imports, so an existing file of the wrong
// size is an error rather than something to overwrite, and a key readable
// by other users is refused.
//
// The key is written to a temporary file and linked into place, which
// fails if the file exists: two first runs at once both end up with the
// winner's key, and no one ever reads a file half written.
func LoadOrCreateSecret(path string) ([]byte, error) {
	for range 3 {
		key, err := loadSecret(path)
		if !errors.Is(err, fs.ErrNotExist) {
			return key, err
		}
		if err := createSecret(path); err != nil && !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("creazione della chiave degli pseudonimi %s: %w", path, italianFS(err))
		}
	}
	return nil, fmt.Errorf("chiave degli pseudonimi %s: creata ma non leggibile", path)
}

func loadSecret(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("chiave degli pseudonimi %s: %w", path, italianFS(err))
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("la chiave degli pseudonimi %s è leggibile da altri utenti (permessi %04o): "+
			"restringerla con «chmod 600 %s» e ripetere", path, fi.Mode().Perm(), path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("chiave degli pseudonimi %s: %w", path, italianFS(err))
	}
	if len(b) != secretSize {
		return nil, fmt.Errorf("chiave degli pseudonimi %s: lunghezza %d byte invece di %d: il file è danneggiato; "+
			"ripristinarlo dalla copia di sicurezza", path, len(b), secretSize)
	}
	return b, nil
}

// createSecret writes a new key at path, failing with fs.ErrExist if a
// key is there already.
func createSecret(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	key := make([]byte, secretSize)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".chiave-*") // mode 0600
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(key); err != nil {
		tmp.Close()
		return err
	}
	if err := errors.Join(tmp.Chmod(0o600), tmp.Sync(), tmp.Close()); err != nil {
		return err
	}
	return os.Link(tmp.Name(), path)
}

// Fingerprint identifies a key without revealing it: an HMAC under the key
// of a fixed text, shortened.
func Fingerprint(secret []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("carico: impronta della chiave degli pseudonimi"))
	return hex.EncodeToString(m.Sum(nil))[:16]
}

// ErrOtherKey is returned, wrapped, when the key is not the one the
// database's people were keyed with.
var ErrOtherKey = errors.New("la chiave degli pseudonimi non è quella usata per questo database")

// StoredFingerprint is the fingerprint of the key the database uses, or ""
// before its first import.
func StoredFingerprint(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (string, error) {
	var fp string
	err := q.QueryRowContext(ctx, sqlText("stored_fingerprint")).Scan(&fp)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("lettura dell'impronta della chiave: %w", err)
	}
	return fp, nil
}

// OpenSecret returns the key at path for the database of fp, the stored
// fingerprint: it creates the key only for a database that has none yet,
// so that a mistyped path never silently starts a new key, and refuses a
// key whose fingerprint differs.
func OpenSecret(path, fp string) ([]byte, error) {
	var key []byte
	var err error
	if fp == "" {
		key, err = LoadOrCreateSecret(path)
	} else {
		key, err = loadSecret(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("la chiave degli pseudonimi %s non esiste, ma il database ne usa una (impronta %s): "+
				"indicare il file giusto con --secret o CARICO_SECRET_FILE, o ripristinarlo dalla copia di sicurezza; "+
				"una chiave nuova darebbe pseudonimi nuovi a tutte le persone", path, fp)
		}
	}
	if err != nil {
		return nil, err
	}
	return key, checkFingerprint(key, fp, path)
}

func checkFingerprint(key []byte, fp, path string) error {
	if fp != "" && Fingerprint(key) != fp {
		return fmt.Errorf("%w: il file %s ha impronta %s, il database %s; indicare la chiave giusta con --secret o CARICO_SECRET_FILE",
			ErrOtherKey, path, Fingerprint(key), fp)
	}
	return nil
}

// italianFS words the usual file-system errors in Italian.
func italianFS(err error) error {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permesso negato")
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("file o cartella inesistente")
	case errors.Is(err, fs.ErrExist):
		return errors.New("il file esiste già")
	}
	return err
}
