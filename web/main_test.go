package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carico/carico/internal/sampledb"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

// The package's tests share one sample database, written once: the sample
// Ambito's exports imported with the bundled profiles, all but the diario,
// which the end-to-end test uploads through the browser.
var (
	baseDB  string              // the database file, closed; tests copy it
	diario  []sampledata.Export // the diario exports, with their profile
	testDir string
)

func TestMain(m *testing.M) {
	code, err := setup()
	if err != nil {
		fmt.Fprintln(os.Stderr, "web tests:", err)
		code = 1
	} else {
		code = m.Run()
	}
	os.RemoveAll(testDir)
	os.Exit(code)
}

func setup() (int, error) {
	// Cheap hashes: the tests log in dozens of times. TestPasswordHash
	// checks the production cost.
	argonCost.time, argonCost.memory = 1, 1024
	var err error
	if testDir, err = os.MkdirTemp("", "carico-web-test-"); err != nil {
		return 1, err
	}
	exports, err := sampledata.Generate(sampledata.DefaultSeed).WriteExports(filepath.Join(testDir, "esportazioni"))
	if err != nil {
		return 1, err
	}
	var rest []sampledata.Export
	for _, x := range exports {
		if x.Kind == "activities" {
			diario = append(diario, x)
		} else {
			rest = append(rest, x)
		}
	}
	baseDB = filepath.Join(testDir, "base.duckdb")
	ctx := context.Background()
	db, err := store.Open(ctx, baseDB)
	if err != nil {
		return 1, err
	}
	err = sampledb.ImportAll(ctx, db, rest)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return 0, err
}

// openCopy opens a private copy of the shared database.
func openCopy(t testing.TB) *store.DB {
	t.Helper()
	b, err := os.ReadFile(baseDB)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "carico.duckdb")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// testServer is a server over db with one account per role; the operatore
// is linked to the roster's first social worker.
type testServer struct {
	*Server
	URL      string
	operator operator   // the operatore's own
	others   []operator // the rest of the roster
}

const testPassword = "una-password-lunga"

func newTestServer(t testing.TB, db *store.DB) *testServer {
	t.Helper()
	return newTestServerWith(t, db, Options{})
}

// newTestServerWith is newTestServer with options (the secret and the
// temporary directory are the tests').
func newTestServerWith(t testing.TB, db *store.DB, opt Options) *testServer {
	t.Helper()
	opt.Secret, opt.TempDir = sampledb.Secret, t.TempDir()
	s, err := New(db, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ts := &testServer{Server: s}
	ctx := context.Background()
	roster, err := s.roster(ctx)
	if err != nil || len(roster) < 2 {
		t.Fatalf("roster: %v, %d operators", err, len(roster))
	}
	err = db.QueryRowContext(ctx, `SELECT id, name FROM operator WHERE role = 'assistente_sociale' ORDER BY id LIMIT 1`).Scan(&ts.operator.ID, &ts.operator.Name)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range roster {
		if o.ID != ts.operator.ID {
			ts.others = append(ts.others, o)
		}
	}
	for _, r := range Roles {
		u := User{Username: string(r), Role: r}
		if r == Operatore {
			u.OperatorID = ts.operator.ID
		}
		if err := s.createUser(ctx, u, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	ts.URL = hs.URL
	return ts
}

// client is a browser-like client: it keeps cookies and does not follow
// redirects, so that tests see them.
func client(t testing.TB) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// login logs c in as user and fails the test if it is refused.
func (ts *testServer) login(t testing.TB, c *http.Client, user string) {
	t.Helper()
	res := ts.post(t, c, "/accesso", url.Values{"utente": {user}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: status %d", user, res.StatusCode)
	}
}

// post sends a form as a same-origin browser would.
func (ts *testServer) post(t testing.TB, c *http.Client, path string, form url.Values) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return do(t, c, req)
}

func (ts *testServer) get(t testing.TB, c *http.Client, path string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := do(t, c, req)
	b, _ := io.ReadAll(res.Body)
	return res, b
}

func do(t testing.TB, c *http.Client, req *http.Request) *http.Response {
	t.Helper()
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}
