package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNameKey(t *testing.T) {
	for _, s := range []string{"ROSSI MARIA", "Rossi  Maria", "Maria Rossì", " maria\trossi ", "Rossi, Maria"} {
		if got := NameKey(s); got != "maria rossi" {
			t.Errorf("NameKey(%q) = %q", s, got)
		}
	}
	if NameKey("De Luca Anna") == NameKey("Anna Luca") {
		t.Error("different names share a key")
	}
}

func TestValidCF(t *testing.T) {
	tests := []struct {
		cf   string
		want bool
	}{
		{"RSSMRA80A01H501U", true}, // the usual textbook example
		{"SPSGNR50C12F839Y", true},
		{"CLMMRC82H1LA794E", true},  // omocodia: the 0 of the day written L
		{"RSSMRA80A01H501X", false}, // wrong check character
		{"RSSMRA80Z01H501U", false}, // Z is no month
		{"RSSMRA80A01H50", false},   // short
		{"RSSMRA8OA01H501U", false}, // letter O where a digit (or L–V) must be
	}
	for _, tt := range tests {
		if got := ValidCF(NormalizeCF(tt.cf)); got != tt.want {
			t.Errorf("ValidCF(%s) = %v, want %v", tt.cf, got, tt.want)
		}
	}
	if got := NormalizeCF(" clmmrc82h1la794e "); got != "CLMMRC82H1LA794E" {
		t.Errorf("NormalizeCF = %q", got)
	}
}

func TestLoadOrCreateSecret(t *testing.T) {
	path := filepath.Join(t.TempDir(), "carico", "chiave-pseudonimi")
	k1, err := LoadOrCreateSecret(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 || len(k1) != 32 {
		t.Fatalf("secret file mode %v, key %d bytes, %v", fi.Mode(), len(k1), err)
	}
	k2, err := LoadOrCreateSecret(path)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatalf("second load gave another key (%v)", err)
	}
	os.WriteFile(path, []byte("short"), 0o600)
	if _, err := LoadOrCreateSecret(path); err == nil || !strings.Contains(err.Error(), "lunghezza 5 byte") {
		t.Errorf("truncated key accepted: %v", err)
	}
	t.Setenv("CARICO_SECRET_FILE", "/tmp/altrove")
	if p, _ := DefaultSecretPath(); p != "/tmp/altrove" {
		t.Errorf("DefaultSecretPath = %q", p)
	}
}
