package xlsxfile

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestSaveMode(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permissions")
	}
	path := filepath.Join(t.TempDir(), "x.xlsx")
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetCellValue("Sheet1", "A1", "carico"); err != nil {
		t.Fatal(err)
	}
	if err := Save(f, path); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm()&0o111 != 0 || fi.Mode().Perm()&0o600 != 0o600 {
		t.Errorf("mode %v: want 0644 (less the umask), not executable", fi.Mode().Perm())
	}
	g, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if v, _ := g.GetCellValue("Sheet1", "A1"); v != "carico" {
		t.Errorf("A1 = %q", v)
	}
}
