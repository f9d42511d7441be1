package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// transfer is what a browser-like client moves for one view: the page,
// the report in its frame, and every stylesheet, script and font they
// name, honouring the cache headers (a resource fresh in the cache is not
// asked for; one with an ETag is asked for conditionally).
type transfer struct {
	ts     *testServer
	c      *http.Client
	cache  map[string]cached
	bytes  int
	header int
}

type cached struct {
	etag  string
	fresh bool // max-age without no-cache: not asked for again
}

var assetRef = regexp.MustCompile(`(?:href|src)="(/static/[^"]+|/cruscotto/rapporto[^"]*)"`)

func (tr *transfer) get(t *testing.T, path string) []byte {
	t.Helper()
	if c, ok := tr.cache[path]; ok && c.fresh {
		return nil
	}
	req, _ := http.NewRequest(http.MethodGet, tr.ts.URL+strings.ReplaceAll(path, "&amp;", "&"), nil)
	req.Header.Set("Accept-Encoding", "gzip")
	if c, ok := tr.cache[path]; ok && c.etag != "" {
		req.Header.Set("If-None-Match", c.etag)
	}
	res := do(t, tr.c, req)
	raw, _ := io.ReadAll(res.Body)
	var hb bytes.Buffer
	res.Header.Write(&hb)
	tr.bytes += len(raw)
	tr.header += hb.Len()
	cc := res.Header.Get("Cache-Control")
	if res.StatusCode == http.StatusOK && !strings.Contains(cc, "no-store") {
		tr.cache[path] = cached{etag: res.Header.Get("ETag"), fresh: strings.Contains(cc, "max-age") && !strings.Contains(cc, "no-cache")}
	}
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNotModified {
		t.Fatalf("%s: status %d", path, res.StatusCode)
	}
	body := raw
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		body, _ = io.ReadAll(zr)
	}
	return body
}

// view opens path and, recursively, what it names.
func (tr *transfer) view(t *testing.T, path string, seen map[string]bool) {
	if seen[path] {
		return
	}
	seen[path] = true
	body := tr.get(t, path)
	for _, m := range assetRef.FindAllSubmatch(body, -1) {
		tr.view(t, string(m[1]), seen)
	}
}

// TestReportSecondViewTransfer: ECharts and the stylesheets are served as
// cacheable files and text is compressed, so the browser's second view of
// the dashboard moves less than 200 KB; the first view's figure is logged
// beside it.
func TestReportSecondViewTransfer(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Responsabile))
	tr := &transfer{ts: ts, c: c, cache: map[string]cached{}}
	tr.view(t, "/cruscotto", map[string]bool{})
	first := tr.bytes + tr.header
	if _, ok := tr.cache["/cruscotto/rapporto"]; ok {
		t.Error("the report page is cached: it must stay no-store (personal data)")
	}
	scripts := 0
	for p := range tr.cache {
		if strings.HasPrefix(p, "/static/js/echarts.min-") {
			scripts++
		}
	}
	if scripts != 1 {
		t.Errorf("ECharts is not served as one cacheable file: %v", tr.cache)
	}
	tr.bytes, tr.header = 0, 0
	tr.view(t, "/cruscotto", map[string]bool{})
	second := tr.bytes + tr.header
	t.Logf("dashboard view: first %d KB, second %d KB (bodies %d KB)", first>>10, second>>10, tr.bytes>>10)
	if second >= 200<<10 {
		t.Errorf("second view moves %d KB, want < 200 KB", second>>10)
	}
	// The report itself still carries no inlined ECharts.
	_, page := ts.get(t, c, "/cruscotto/rapporto")
	t.Logf("report page %d KB uncompressed without ECharts (%d KB inlined before)", len(page)>>10, (len(page)+1034102)>>10)
	if len(page) > 900<<10 || !bytes.Contains(page, []byte(`<script src="/static/js/echarts.min-`)) {
		t.Errorf("the report inlines ECharts again (%d KB)", len(page)>>10)
	}
}

// TestStaticRevalidated: a stylesheet carries an ETag and answers 304 to
// a browser that has it; text is gzip-compressed.
func TestStaticRevalidated(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/static/bootstrap-italia.min.css", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res := do(t, c, req)
	raw, _ := io.ReadAll(res.Body)
	etag := res.Header.Get("ETag")
	if res.Header.Get("Content-Encoding") != "gzip" || etag == "" || len(raw) > 150<<10 {
		t.Errorf("stylesheet: encoding %q, ETag %q, %d KB", res.Header.Get("Content-Encoding"), etag, len(raw)>>10)
	}
	req.Header.Set("If-None-Match", etag)
	if res := do(t, c, req); res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: status %d, want 304", res.StatusCode)
	}
	if res, _ := ts.get(t, c, "/static/js/echarts.min-000000000000.js"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a script under a wrong hash: status %d", res.StatusCode)
	}
}

// TestDownloadNames: a download is named after the report, the period and
// the filters, never always the same name.
func TestDownloadNames(t *testing.T) {
	t.Parallel()
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, c := range []struct {
		what string
		f    filters
		ext  string
		want string
	}{
		{"cruscotto-responsabile", filters{}, ".xlsx", "cruscotto-responsabile.xlsx"},
		{"cruscotto-politico", filters{From: day("2024-01-01"), To: day("2024-12-31"), Comune: "016198", Area: "anziani"}, ".xlsx",
			"cruscotto-politico_dal-2024-01-01_al-2024-12-31_comune-016198_area-anziani.xlsx"},
		{"prospetto-M/001", filters{At: day("2024-06-30")}, ".pdf", "prospetto-M-001_data-2024-06-30.pdf"},
	} {
		if got := downloadName(c.what, c.f, c.ext); got != c.want {
			t.Errorf("downloadName(%q, %+v) = %q, want %q", c.what, c.f, got, c.want)
		}
	}
}
