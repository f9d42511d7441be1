package reports

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFileKeepsGoodReport: a write that fails half way (a full disk)
// leaves the previous report as it was, and no temporary file behind.
func TestWriteFileKeepsGoodReport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "carico.html")
	if err := writeFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "buono"); return err }); err != nil {
		t.Fatal(err)
	}
	full := errors.New("no space left on device")
	err := writeFile(path, func(w io.Writer) error {
		io.WriteString(w, "tron")
		return full
	})
	if !errors.Is(err, full) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "buono" {
		t.Errorf("report after a failed write: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}
