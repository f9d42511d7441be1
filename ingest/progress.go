package ingest

import (
	"fmt"
	"io"
	"time"
)

// progress writes a one-line progress report, rewritten in place, at most
// five times a second.
type progress struct {
	w     io.Writer
	file  string
	start time.Time
	last  time.Time
}

func newProgress(w io.Writer, file string) *progress {
	now := time.Now()
	return &progress{w: w, file: file, start: now, last: now}
}

func (p *progress) update(res *Result) {
	if p.w == nil || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.print(res)
}

func (p *progress) print(res *Result) {
	secs := time.Since(p.start).Seconds()
	fmt.Fprintf(p.w, "\r%s: %d righe lette (%.0f righe/s)", p.file, res.Read, float64(res.Read)/max(secs, 1e-3))
}

func (p *progress) done(res *Result) {
	if p.w == nil {
		return
	}
	p.print(res)
	fmt.Fprintln(p.w)
}
