package ingest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestSpoolLeavesNothing: a spool keeps the rejections it is given while
// its file has no name left to find (where the system allows it), and a
// new spool removes what an import killed midway left behind.
func TestSpoolLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir) // os.TempDir on Unix
	t.Setenv("TMP", dir)    // and on Windows
	left := filepath.Join(dir, "carico-scarti-123456")
	if err := os.WriteFile(left, []byte("a killed import's rejections"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := newSpool()
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	want := Rejection{Line: 7, File: "diario.csv", Column: "Data", Value: "3*/**/****", Reason: "data non valida"}
	if err := s.add(want); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, spoolPattern))
	if runtime.GOOS != "windows" && len(files) != 0 {
		t.Errorf("files of spools under a name: %v", files)
	}
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("the killed import's spool is still there: %v", err)
	}
	var got []Rejection
	if err := s.each(func(r Rejection) error { got = append(got, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != want {
		t.Errorf("read back %+v, want %+v", got, want)
	}
}
