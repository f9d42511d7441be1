package userdir

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// Moved says what MoveFromRoaming did: the files it brought from From to
// To, and a file it left because one of the same name was already at To.
type Moved struct {
	From, To string
	Files    []string // names moved
	Left     []string // names left in From
}

// MoveFromRoaming brings the database and the key of an earlier release
// from roaming %APPDATA%\carico to %LOCALAPPDATA%\carico, on Windows, the
// first time a newer carico starts; elsewhere, or when there is nothing to
// move, it returns nil. It moves rather than copies, so that no copy stays
// in the roaming profile, and never overwrites: a file already in the new
// folder wins, and the old one is reported in Left. A failed move leaves
// the old file where it was and returns the error, so that carico stops
// rather than start over with a new, empty database and a new key.
func MoveFromRoaming() (*Moved, error) {
	if runtime.GOOS != "windows" {
		return nil, nil
	}
	roaming, local := os.Getenv("APPDATA"), os.Getenv("LOCALAPPDATA")
	if roaming == "" || local == "" {
		return nil, nil
	}
	return move(filepath.Join(roaming, "carico"), filepath.Join(local, "carico"))
}

// move moves carico's files from the folder from to the folder to.
func move(from, to string) (*Moved, error) {
	m := &Moved{From: from, To: to}
	for _, name := range []string{DBName, DBName + ".wal", KeyName} {
		src, dst := filepath.Join(from, name), filepath.Join(to, name)
		if _, err := os.Lstat(src); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if _, err := os.Lstat(dst); err == nil {
			m.Left = append(m.Left, name)
			continue
		}
		if err := os.MkdirAll(to, 0o700); err != nil {
			return m, fmt.Errorf("spostamento di %s in %s: %w", src, to, err)
		}
		if err := moveFile(src, dst); err != nil {
			return m, fmt.Errorf("spostamento di %s in %s: %w", src, to, err)
		}
		m.Files = append(m.Files, name)
	}
	if len(m.Files) == 0 && len(m.Left) == 0 {
		return nil, nil
	}
	if len(m.Left) == 0 {
		os.Remove(from) // only if empty: anything else the user put there stays
	}
	return m, nil
}

// moveFile renames src to dst or, across volumes (a roaming folder
// redirected to a network share), copies it, syncs the copy, and then
// removes src; a failed copy is removed and src stays.
func moveFile(src, dst string) error {
	if err := os.Rename(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
		return err
	}
	in.Close()
	return os.Remove(src)
}
