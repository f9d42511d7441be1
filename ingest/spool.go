package ingest

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// spool keeps the rejections of an import in a temporary file while the
// accepted rows stream into DuckDB, which reads them in one statement on
// the import's connection: the rejections are stored after it, from the
// file, so that memory stays flat when every row of a large file is wrong.
// The file holds what rejected_row will hold (values already masked), each
// text as its length and its bytes, and is removed when the import ends
// (newSpool: or at once).
type spool struct {
	f   *os.File
	w   *bufio.Writer
	buf []byte
}

// spoolPattern names the spools in the system's temporary directory.
const spoolPattern = "carico-scarti-*"

// newSpool makes the spool of an import. Where the system allows it (not
// on Windows) the file loses its name at once, so that an import killed
// midway leaves nothing behind; on Windows an open file cannot be removed,
// so each new spool first removes those that imports killed before it
// left — an import still running keeps its own.
func newSpool() (*spool, error) {
	sweepSpools(os.TempDir())
	f, err := os.CreateTemp("", spoolPattern)
	if err != nil {
		return nil, fmt.Errorf("file temporaneo degli scarti: %w", err)
	}
	os.Remove(f.Name())
	return &spool{f: f, w: bufio.NewWriterSize(f, 64<<10)}, nil
}

// sweepSpools removes the spools left in dir by imports that ended
// without closing them; those open elsewhere on Windows stay.
func sweepSpools(dir string) {
	left, _ := filepath.Glob(filepath.Join(dir, spoolPattern))
	for _, p := range left {
		os.Remove(p)
	}
}

func (s *spool) add(r Rejection) error {
	b := binary.AppendUvarint(s.buf[:0], uint64(r.Line))
	for _, t := range []string{r.File, r.Sheet, r.Column, r.Value, r.Reason} {
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = append(b, t...)
	}
	s.buf = b
	_, err := s.w.Write(b)
	return err
}

// each calls fn with every rejection spooled, in the order they came.
func (s *spool) each(fn func(Rejection) error) error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("file temporaneo degli scarti: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("file temporaneo degli scarti: %w", err)
	}
	rd := bufio.NewReaderSize(s.f, 64<<10)
	text := func() (string, error) {
		n, err := binary.ReadUvarint(rd)
		if err != nil {
			return "", err
		}
		b := make([]byte, n)
		_, err = io.ReadFull(rd, b)
		return string(b), err
	}
	for {
		line, err := binary.ReadUvarint(rd)
		if err == io.EOF {
			return nil
		}
		var f [5]string
		for i := range f {
			if err == nil {
				f[i], err = text()
			}
		}
		if err != nil {
			return fmt.Errorf("file temporaneo degli scarti incompleto: %w", err)
		}
		if err := fn(Rejection{Line: int(line), File: f[0], Sheet: f[1], Column: f[2], Value: f[3], Reason: f[4]}); err != nil {
			return err
		}
	}
}

func (s *spool) close() {
	s.f.Close()
	os.Remove(s.f.Name())
}
