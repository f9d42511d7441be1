// Package xlsxfile saves an Excel workbook as a plain data file.
//
// excelize's SaveAs creates its file with mode 0777 before the umask, so
// a workbook comes out executable (0755); carico writes every data file
// 0644, readable by others on the machine as a document is, never
// executable.
package xlsxfile

import (
	"os"

	"github.com/xuri/excelize/v2"
)

// Save writes f to path with mode 0644, replacing any file there.
func Save(f *excelize.File, path string) error {
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteTo(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
