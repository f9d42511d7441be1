package ingest

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// secretSize is the length of the pseudonym key: as long as the HMAC-SHA-256
// output, so the key is never the weak link.
const secretSize = 32

// DefaultSecretPath is where the pseudonym key lives unless CARICO_SECRET_FILE
// says otherwise: in the user's configuration directory, outside the database
// file, so that a copied database cannot be re-identified without it.
func DefaultSecretPath() (string, error) {
	if p := os.Getenv("CARICO_SECRET_FILE"); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cartella di configurazione: %w", err)
	}
	return filepath.Join(dir, "carico", "chiave-pseudonimi"), nil
}

// LoadOrCreateSecret reads the pseudonym key at path, creating it with 32
// random bytes and mode 0600 on first use. Losing the key breaks the link
// between people in old and new imports, so an existing file of the wrong
// size is an error rather than something to overwrite.
func LoadOrCreateSecret(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		if len(b) != secretSize {
			return nil, fmt.Errorf("chiave degli pseudonimi %s: lunghezza %d byte invece di %d", path, len(b), secretSize)
		}
		return b, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("chiave degli pseudonimi: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("chiave degli pseudonimi: %w", err)
	}
	key := make([]byte, secretSize)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	// O_EXCL: if two imports start at once, the loser reads the winner's key.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return LoadOrCreateSecret(path)
	}
	if err != nil {
		return nil, fmt.Errorf("chiave degli pseudonimi: %w", err)
	}
	if _, err := f.Write(key); err != nil {
		f.Close()
		return nil, fmt.Errorf("chiave degli pseudonimi: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("chiave degli pseudonimi: %w", err)
	}
	return key, nil
}
