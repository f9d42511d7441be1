package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"net/http"
	"strings"
	"sync"

	"github.com/carico/carico/reports"
)

// Assets: the report pages' scripts (ECharts, 1 MB) are served as files
// named after their content, cached for good, instead of inlined into
// every report view; the stylesheets carry an ETag; text answers are
// gzip-compressed.

// hashedScript is one of the report's scripts, served at Path.
type hashedScript struct {
	Path   string // /static/js/echarts.min-<sha>.js
	inline []byte // the element the report inlines
	body   []byte
}

var reportScripts = sync.OnceValues(func() ([]hashedScript, error) {
	js, err := reports.Scripts()
	if err != nil {
		return nil, err
	}
	var out []hashedScript
	for _, s := range js {
		sum := sha256.Sum256(s.Body)
		name := strings.TrimSuffix(s.Name, ".js") + "-" + hex.EncodeToString(sum[:6]) + ".js"
		out = append(out, hashedScript{Path: "/static/js/" + name, body: s.Body,
			inline: append(append([]byte("<script>"), s.Body...), "</script>"...)})
	}
	return out, nil
})

// externalScripts replaces the scripts a report inlines by elements that
// load them from the server, in the same order.
func externalScripts(page []byte) ([]byte, error) {
	js, err := reportScripts()
	if err != nil {
		return nil, err
	}
	for _, s := range js {
		page = bytes.Replace(page, s.inline, []byte(`<script src="`+s.Path+`"></script>`), 1)
	}
	return page, nil
}

// inlineScripts undoes externalScripts, for the PDF printer, which opens
// the page without the server.
func inlineScripts(page []byte) ([]byte, error) {
	js, err := reportScripts()
	if err != nil {
		return nil, err
	}
	for _, s := range js {
		page = bytes.Replace(page, []byte(`<script src="`+s.Path+`"></script>`), s.inline, 1)
	}
	return page, nil
}

// scriptFile serves a report's script by its hashed name: its content
// never changes under that name.
func (s *Server) scriptFile(w http.ResponseWriter, r *http.Request) {
	js, err := reportScripts()
	if err == nil {
		for _, x := range js {
			if x.Path == r.URL.Path {
				w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
				w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				w.Write(x.body)
				return
			}
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.errorPage(w, r, s.session(r), http.StatusNotFound, "La pagina richiesta non esiste.")
}

// etags are the static files' content hashes, for conditional requests
// (embedded files have no modification time).
func etags(fsys fs.FS) map[string]string {
	m := map[string]string{}
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err == nil {
			sum := sha256.Sum256(b)
			m[p] = `"` + hex.EncodeToString(sum[:8]) + `"`
		}
		return nil
	})
	return m
}

// compressible are the content types worth compressing (workbooks and
// PDFs are compressed already).
func compressible(ct string) bool {
	for _, p := range []string{"text/", "application/javascript", "application/json", "image/svg+xml"} {
		if strings.HasPrefix(ct, p) {
			return true
		}
	}
	return false
}

// gzipped compresses text answers for a client that accepts gzip.
func gzipped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if !acceptsGzip(r) {
			h.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		h.ServeHTTP(gw, r)
	})
}

func acceptsGzip(r *http.Request) bool {
	for _, e := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		if name, _, _ := strings.Cut(strings.TrimSpace(e), ";"); name == "gzip" {
			return true
		}
	}
	return false
}

type gzipWriter struct {
	http.ResponseWriter
	gz      *gzip.Writer
	decided bool
}

var gzipPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed); return w }}

func (g *gzipWriter) WriteHeader(code int) {
	if !g.decided {
		g.decided = true
		h := g.Header()
		if code == http.StatusOK && h.Get("Content-Encoding") == "" && compressible(h.Get("Content-Type")) && h.Get("Content-Range") == "" {
			h.Del("Content-Length")
			h.Set("Content-Encoding", "gzip")
			g.gz = gzipPool.Get().(*gzip.Writer)
			g.gz.Reset(g.ResponseWriter)
		}
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.gz != nil {
		return g.gz.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipWriter) close() {
	if g.gz != nil {
		g.gz.Close()
		gzipPool.Put(g.gz)
	}
}

// Flush lets a streamed answer through.
func (g *gzipWriter) Flush() {
	if g.gz != nil {
		g.gz.Flush()
	}
	if f, ok := g.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
