package web

import (
	"bytes"
	"context"
	"github.com/carico/carico/reports"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRemoteTrustedProxy: X-Forwarded-For is believed only hop by hop from
// the right, and only while the hop that reported it is a trusted proxy;
// with no trusted proxy, the connection's address stands.
func TestRemoteTrustedProxy(t *testing.T) {
	t.Parallel()
	proxies, err := ParseProxies([]string{"10.0.0.0/8, 192.168.1.1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, peer, xff string
		trusted         []netip.Prefix
		want            string
	}{
		{"no proxy trusted", "10.0.0.5:4000", "203.0.113.7", nil, "10.0.0.5"},
		{"direct client", "198.51.100.2:4000", "1.2.3.4", proxies, "198.51.100.2"},
		{"one trusted hop", "10.0.0.5:4000", "203.0.113.7", proxies, "203.0.113.7"},
		{"forged leftmost", "10.0.0.5:4000", "1.2.3.4, 203.0.113.7", proxies, "203.0.113.7"},
		{"two trusted hops", "192.168.1.1:4000", "1.2.3.4, 203.0.113.7, 10.1.1.1", proxies, "203.0.113.7"},
		{"garbled hop", "10.0.0.5:4000", "203.0.113.7, nonsense", proxies, "10.0.0.5"},
		{"no header", "10.0.0.5:4000", "", proxies, "10.0.0.5"},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = c.peer
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		s := &Server{opt: Options{TrustedProxies: c.trusted}}
		if got := s.remote(r); got != c.want {
			t.Errorf("%s: remote %q, want %q", c.name, got, c.want)
		}
	}
	if _, err := ParseProxies([]string{"proxy.ente.it"}); err == nil || !strings.Contains(err.Error(), "CIDR") {
		t.Errorf("a host name: %v", err)
	}
}

// TestForgedForwardedForDoesNotEvadeThrottle: without a trusted proxy a
// client that writes a new X-Forwarded-For on every attempt is still one
// address, and is throttled.
func TestForgedForwardedForDoesNotEvadeThrottle(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	for i := range maxAddressFailures + 1 {
		form := url.Values{"utente": {"utente-" + string(rune('a'+i%26)) + string(rune('a'+i/26))}, "password": {"sbagliata"}}
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/accesso", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("X-Forwarded-For", "203.0.113."+string(rune('0'+i%10)))
		do(t, c, req)
	}
	res := ts.post(t, c, "/accesso", url.Values{"utente": {"politico"}, "password": {testPassword}})
	if res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after %d failures with forged addresses: status %d, want 429", maxAddressFailures+1, res.StatusCode)
	}
}

// TestRejectsCSVNeutralised: a rejected value that a spreadsheet would run
// as a formula is written with a leading apostrophe.
func TestRejectsCSVNeutralised(t *testing.T) {
	t.Parallel()
	db := openCopy(t)
	_, err := db.ExecContext(context.Background(), `INSERT INTO rejected_row VALUES (1, 'x.csv', 7, NULL, 'Operatore', '=HYPERLINK("http://x")', '@motivo')`)
	if err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, db)
	c := client(t)
	ts.login(t, c, string(Responsabile))
	res, body := ts.get(t, c, "/importazioni/1/scarti.csv")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if !bytes.Contains(body, []byte(`"'=HYPERLINK(""http://x"")"`)) || !bytes.Contains(body, []byte(";'@motivo")) {
		t.Errorf("formula not neutralised:\n%s", body)
	}
	if bytes.Contains(body, []byte(`;"=HYPERLINK`)) || bytes.Contains(body, []byte(";=")) {
		t.Error("a raw formula is in the file")
	}
}

// TestStaticNoListing: /static/ serves files, never a directory's listing.
func TestStaticNoListing(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	for path, want := range map[string]int{
		"/static/":           http.StatusNotFound,
		"/static/fonts/":     http.StatusNotFound,
		"/static/fonts":      http.StatusNotFound,
		"/static/carico.css": http.StatusOK,
		"/static/manca.css":  http.StatusNotFound,
	} {
		res, body := ts.get(t, c, path)
		if res.StatusCode != want {
			t.Errorf("%s: status %d, want %d", path, res.StatusCode, want)
		}
		if want == http.StatusNotFound && (bytes.Contains(body, []byte("<a href=")) && bytes.Contains(body, []byte(".woff")) || !bytes.Contains(body, []byte(`lang="it"`))) {
			t.Errorf("%s: a listing, or not the Italian error page", path)
		}
	}
}

// uploadFile posts an export through the import form.
func uploadFile(t *testing.T, ts *testServer, c *http.Client, name, content string) *http.Response {
	t.Helper()
	return uploadKind(t, ts, c, "activities", name, content)
}

// uploadKind is uploadFile for a file of kind.
func uploadKind(t *testing.T, ts *testServer, c *http.Client, kind, name, content string) *http.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("tipo", kind)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(content))
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/importa", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return do(t, c, req)
}

// TestUploadsDeleted: an upload is a 0600 file in the server's directory;
// left untouched past uploadTTL it is deleted; what is left at start (a
// crash) and at shutdown is swept.
func TestUploadsDeleted(t *testing.T) {
	t.Parallel()
	db := openCopy(t)
	dir := filepath.Join(t.TempDir(), "carico.duckdb.caricamenti")
	crashed := filepath.Join(dir, uploadPrefix+"vecchio")
	if err := os.MkdirAll(crashed, 0o700); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(crashed, "diario.csv"), []byte("RSSMRA80A01H501U"), 0o600)
	mine := filepath.Join(dir, "non-mio.txt")
	os.WriteFile(mine, nil, 0o600)
	s, err := New(db, Options{TempDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(crashed); !os.IsNotExist(err) {
		t.Errorf("an upload left by a crash survived the start: %v", err)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("the sweep deleted a file that is not an upload: %v", err)
	}
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("upload directory: %v %v", st.Mode(), err)
	}

	ts := newTestServer(t, db)
	ts.opt.TempDir = dir
	c := client(t)
	ts.login(t, c, string(Responsabile))
	content := "ID intervento;Data;Operatore;Minuti\n1;02/01/2025;ROSSI MARIA;30\n"
	res := uploadFile(t, ts, c, "diario.csv", content)
	if res.StatusCode != http.StatusSeeOther {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("upload: status %d\n%s", res.StatusCode, b)
	}
	files, _ := filepath.Glob(filepath.Join(dir, uploadPrefix+"*", "diario.csv"))
	if len(files) != 1 {
		t.Fatalf("uploaded files: %v", files)
	}
	if st, _ := os.Stat(files[0]); st.Mode().Perm() != 0o600 {
		t.Errorf("upload mode %v, want 0600", st.Mode().Perm())
	}
	loc := res.Header.Get("Location")
	ts.opt.Now = func() time.Time { return time.Now().Add(uploadTTL + time.Minute) }
	if res, _ := ts.get(t, c, loc); res.StatusCode != http.StatusNotFound {
		t.Errorf("an abandoned upload: status %d, want 404", res.StatusCode)
	}
	if _, err := os.Stat(files[0]); !os.IsNotExist(err) {
		t.Errorf("an abandoned upload is still on disk: %v", err)
	}

	ts.opt.Now = nil
	ts.opt.Now = time.Now
	if res := uploadFile(t, ts, c, "diario.csv", content); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("second upload: status %d", res.StatusCode)
	}
	if err := ts.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, uploadPrefix+"*")); len(left) > 0 {
		t.Errorf("left at shutdown: %v", left)
	}
	_ = s
}

// TestAccessLogSearchAndExport: the log is searched by user, action and
// days (Italian time); the export holds the same lines, formulas
// neutralised, in a file named after the search.
func TestAccessLogSearchAndExport(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Politico))
	ts.post(t, client(t), "/accesso", url.Values{"utente": {"=cmd|' /C calc'!A0"}, "password": {"sbagliata"}})
	ts.login(t, c, string(Responsabile))
	res, page := ts.get(t, c, "/registro?utente=politico&azione=accesso")
	if res.StatusCode != http.StatusOK || !strings.Contains(string(page), "<td>politico</td><td>politico</td><td>accesso</td>") {
		t.Errorf("search: status %d, the user's login missing", res.StatusCode)
	}
	if strings.Contains(string(page), "<td>responsabile</td><td>responsabile</td>") || strings.Contains(string(page), "<td>vista</td>") {
		t.Error("the search by user shows another user's lines")
	}
	today := time.Now().In(rome).Format(time.DateOnly)
	res, body := ts.get(t, c, "/registro/registro.csv?azione=accesso+non+riuscito&dal="+today+"&al="+today)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("export: status %d", res.StatusCode)
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "registro-accessi_dal-"+today+"_al-"+today+"_azione-accesso-non-riuscito.csv") {
		t.Errorf("file name: %s", cd)
	}
	if !bytes.Contains(body, []byte(";'=cmd|")) || bytes.Contains(body, []byte(";=cmd")) {
		t.Errorf("the export carries a raw formula:\n%s", body)
	}
	if bytes.Contains(body, []byte(";vista;")) {
		t.Error("the export ignores the action searched")
	}
	yesterday := time.Now().In(rome).AddDate(0, 0, -1).Format(time.DateOnly)
	if _, body := ts.get(t, c, "/registro/registro.csv?al="+yesterday); bytes.Count(body, []byte("\n")) != 1 {
		t.Errorf("lines before today: %q", body)
	}
	if res, _ := ts.get(t, c, "/registro?dal=31/02/2026"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("a date that is not one: status %d, want 400", res.StatusCode)
	}
}

// TestPDFSharedBrowser: statements asked for at once are printed by one
// browser, started at the first, a few at a time; a statement's PDF is
// kept until the data change.
func TestPDFSharedBrowser(t *testing.T) {
	chromium(t)
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Responsabile))
	path := "/prospetto/prospetto.pdf?operatore=" + url.QueryEscape(ts.operator.ID)
	const n = 4
	status := make(chan int, n)
	for range n {
		go func() {
			req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
			res, err := c.Do(req)
			if err != nil {
				status <- 0
				return
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if !bytes.HasPrefix(b, []byte("%PDF")) {
				status <- -res.StatusCode
				return
			}
			status <- res.StatusCode
		}()
	}
	for range n {
		if got := <-status; got != http.StatusOK {
			t.Errorf("a PDF asked for at once: status %d", got)
		}
	}
	if got := ts.printer.Starts(); got != 1 {
		t.Errorf("%d PDFs started the browser %d times, want once", n, got)
	}
	if res, _ := ts.get(t, c, path); res.StatusCode != http.StatusOK || ts.printer.Starts() != 1 {
		t.Errorf("a later PDF: status %d, %d starts", res.StatusCode, ts.printer.Starts())
	}

	// A statement's PDF is kept with its report: asked for again it is
	// the same document, not printed again; a change of the data forgets
	// it.
	key := string(reports.Operatore) + "?" + filters{Operator: ts.operator.ID}.query()
	kept := func() []byte {
		ts.cache.mu.Lock()
		defer ts.cache.mu.Unlock()
		return ts.cache.pdfs.get(key)
	}
	_, first := ts.get(t, c, path)
	if !bytes.HasPrefix(first, []byte("%PDF")) || !bytes.Equal(kept(), first) {
		t.Fatalf("the PDF sent (%d bytes) is not the one kept (%d bytes)", len(first), len(kept()))
	}
	if _, again := ts.get(t, c, path); !bytes.Equal(again, first) {
		t.Error("the same statement asked for again is another document")
	}
	ts.cache.invalidate()
	if kept() != nil {
		t.Error("a change of the data did not forget the PDF")
	}
}

// TestDateRangeBounded: a period or reference date outside the years the
// data cover is refused in Italian, before any computation; one inside
// them is served.
func TestDateRangeBounded(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Responsabile))
	from, to, err := ts.dataWindow(context.Background())
	if err != nil || from.IsZero() {
		t.Fatalf("data window: %v %v", from, err)
	}
	inside := "?dal=" + from.Format(time.DateOnly) + "&al=" + to.Format(time.DateOnly)
	for path, want := range map[string]int{
		"/cruscotto/rapporto?dal=1900-01-01&al=2100-12-31":                       http.StatusBadRequest,
		"/cruscotto/cartella.xlsx?dal=1900-01-01&al=" + to.Format(time.DateOnly): http.StatusBadRequest,
		"/cruscotto/rapporto?data=2999-01-01":                                    http.StatusBadRequest,
		"/cruscotto/rapporto" + inside:                                           http.StatusOK,
	} {
		res, body := ts.get(t, c, path)
		if res.StatusCode != want {
			t.Errorf("%s: status %d, want %d", path, res.StatusCode, want)
		}
		if want == http.StatusBadRequest && !bytes.Contains(body, []byte("fuori dagli anni coperti dai dati")) {
			t.Errorf("%s: no reason given", path)
		}
	}
}
