package web

import (
	"os"
	"path/filepath"
	"sync"
	"time"
)

// uploadTTL is how long an upload waits for its import: past it, untouched,
// the file (names, codici fiscali) is deleted and the user uploads again.
const uploadTTL = time.Hour

// uploadPrefix names the directory of each upload inside Options.TempDir,
// so that a sweep deletes uploads and nothing else.
const uploadPrefix = "carico-caricamento-"

type uploads struct {
	mu sync.Mutex
	m  map[string]*upload
}

// get is the upload id, which it marks as opened at now; uploads
// abandoned for uploadTTL are deleted first.
func (us *uploads) get(id string, now time.Time) *upload {
	us.mu.Lock()
	defer us.mu.Unlock()
	us.expire(now)
	u := us.m[id]
	if u != nil {
		u.touched = now
	}
	return u
}

func (us *uploads) put(u *upload, now time.Time) {
	us.mu.Lock()
	defer us.mu.Unlock()
	us.expire(now)
	u.touched = now
	us.m[u.ID] = u
}

// expire deletes the uploads untouched for uploadTTL, but those being
// previewed or imported (a successful import deletes its file when it
// ends). us.mu is held.
func (us *uploads) expire(now time.Time) {
	for id, u := range us.m {
		if !u.busy() && now.Sub(u.touched) >= uploadTTL {
			u.remove()
			delete(us.m, id)
		}
	}
}

// sweepUploads deletes every upload left in dir: at start, what a crash
// left behind; at shutdown, what was never imported.
func sweepUploads(dir string) error {
	if dir == "" {
		return nil
	}
	left, err := filepath.Glob(filepath.Join(dir, uploadPrefix+"*"))
	for _, p := range left {
		if rerr := os.RemoveAll(p); err == nil {
			err = rerr
		}
	}
	return err
}

// Close stops the work still running in the background — an import under
// way is cancelled and rolls back, so the database stays as it was before
// it — and waits for it; then it stops the PDF printer's browser and
// deletes the uploads still on disk. The server calls it at shutdown,
// after the last request.
func (s *Server) Close() error {
	s.stop()
	s.background.Wait()
	s.printer.Close()
	s.uploads.mu.Lock()
	defer s.uploads.mu.Unlock()
	for id, u := range s.uploads.m {
		u.remove()
		delete(s.uploads.m, id)
	}
	return sweepUploads(s.opt.TempDir)
}
