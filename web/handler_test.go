package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"github.com/carico/carico/facts/app"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"
)

// request is how the matrix calls a route: the path with its parameters
// filled, and the status an allowed role gets.
type request struct {
	path string
	want int
}

// matrixRequests gives, per route pattern, the concrete request and the
// status for a role allowed on it. The statement routes name the
// operatore's own operator, which the responsabile may also open.
func matrixRequests(ts *testServer) map[string]request {
	own := "?operatore=" + url.QueryEscape(ts.operator.ID)
	return map[string]request{
		"GET /{$}":                             {"/", http.StatusOK},
		"GET /cruscotto":                       {"/cruscotto", http.StatusOK},
		"GET /cruscotto/rapporto":              {"/cruscotto/rapporto", http.StatusOK},
		"GET /cruscotto/cartella.xlsx":         {"/cruscotto/cartella.xlsx", http.StatusOK},
		"GET /prospetto":                       {"/prospetto" + own, http.StatusOK},
		"GET /prospetto/rapporto":              {"/prospetto/rapporto" + own, http.StatusOK},
		"GET /prospetto/cartella.xlsx":         {"/prospetto/cartella.xlsx" + own, http.StatusOK},
		"GET /prospetto/prospetto.pdf":         {"/prospetto/prospetto.pdf" + own, http.StatusOK},
		"GET /coda":                            {"/coda", http.StatusOK},
		"GET /coda/voce":                       {"/coda/voce?cartella=nessuna&tipo=istanza", http.StatusNotFound},
		"POST /coda/voce":                      {"/coda/voce", http.StatusNotFound}, // no cartella
		"GET /coda/decisioni.csv":              {"/coda/decisioni.csv", http.StatusOK},
		"GET /coda/decisioni.xlsx":             {"/coda/decisioni.xlsx", http.StatusOK},
		"GET /segnalazioni":                    {"/segnalazioni", http.StatusOK},
		"POST /segnalazioni":                   {"/segnalazioni", http.StatusBadRequest}, // no remarks
		"GET /segnalazioni/{id}":               {"/segnalazioni/999", http.StatusNotFound},
		"POST /segnalazioni/{id}/passo":        {"/segnalazioni/999/passo", http.StatusNotFound},
		"GET /segnalazioni/{id}/prospetto.pdf": {"/segnalazioni/999/prospetto.pdf", http.StatusNotFound},
		"GET /importa":                         {"/importa", http.StatusOK},
		"POST /importa":                        {"/importa", http.StatusBadRequest}, // not a multipart form
		"GET /importa/{id}":                    {"/importa/sconosciuto", http.StatusNotFound},
		"POST /importa/{id}":                   {"/importa/sconosciuto", http.StatusNotFound},
		"POST /importa/{id}/avvia":             {"/importa/sconosciuto/avvia", http.StatusNotFound},
		"GET /importazioni":                    {"/importazioni", http.StatusOK},
		"GET /importazioni/{batch}":            {"/importazioni/1", http.StatusOK},
		"GET /importazioni/{batch}/scarti.csv": {"/importazioni/1/scarti.csv", http.StatusOK},
		"GET /scenari":                         {"/scenari", http.StatusOK},
		"POST /scenari":                        {"/scenari", http.StatusBadRequest}, // no name
		"POST /scenari/pubblica":               {"/scenari/pubblica", http.StatusNotFound},
		"POST /scenari/ritira":                 {"/scenari/ritira", http.StatusNotFound},
		"POST /scenari/rinomina":               {"/scenari/rinomina", http.StatusNotFound},
		"POST /scenari/elimina":                {"/scenari/elimina", http.StatusNotFound},
		"GET /sioss":                           {"/sioss?anno=2025", http.StatusOK},
		"GET /sioss/cartella.xlsx":             {"/sioss/cartella.xlsx?anno=2025", http.StatusOK},
		"GET /sioss/prospetto.pdf":             {"/sioss/prospetto.pdf?anno=2025", http.StatusOK},
		"POST /sioss/persona":                  {"/sioss/persona", http.StatusBadRequest}, // no year
		"GET /utenti":                          {"/utenti", http.StatusOK},
		"POST /utenti":                         {"/utenti", http.StatusBadRequest}, // no name
		"POST /utenti/{nome}/ruolo":            {"/utenti/nessuno/ruolo", http.StatusNotFound},
		"POST /utenti/{nome}/disattiva":        {"/utenti/nessuno/disattiva", http.StatusNotFound},
		"POST /utenti/{nome}/riattiva":         {"/utenti/nessuno/riattiva", http.StatusNotFound},
		"POST /utenti/{nome}/reimposta":        {"/utenti/nessuno/reimposta", http.StatusNotFound},
		"GET /riduzioni":                       {"/riduzioni", http.StatusOK},
		"POST /riduzioni":                      {"/riduzioni", http.StatusUnprocessableEntity}, // no operator, no dates
		"GET /profilo":                         {"/profilo", http.StatusOK},
		"POST /profilo/password":               {"/profilo/password", http.StatusBadRequest}, // no current password
		"POST /profilo/sessioni":               {"/profilo/sessioni", http.StatusNotFound},   // no such session
		"GET /registro":                        {"/registro", http.StatusOK},
		"GET /registro/registro.csv":           {"/registro/registro.csv?azione=accesso", http.StatusOK},
		"GET /accesso":                         {"/accesso", http.StatusSeeOther}, // already logged in
		"POST /accesso":                        {"/accesso", http.StatusUnauthorized},
		"POST /esci":                           {"/esci", http.StatusSeeOther},
		"GET /configura":                       {"/configura", http.StatusNotFound},
		"POST /configura":                      {"/configura", http.StatusNotFound},
		"GET /reimposta":                       {"/reimposta", http.StatusNotFound},
		"POST /reimposta":                      {"/reimposta", http.StatusNotFound},
		"GET /privacy":                         {"/privacy", http.StatusOK},
		"GET /accessibilita":                   {"/accessibilita", http.StatusOK},
	}
}

// TestAuthorisationMatrix calls every route as every role, and without a
// session, and checks the status: allowed roles get the page, the others
// 403, and no session means the login page (GET) or 401 (POST).
func TestAuthorisationMatrix(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	reqs := matrixRequests(ts)
	clients := map[Role]*http.Client{}
	for _, r := range Roles {
		clients[r] = client(t)
		ts.login(t, clients[r], string(r))
	}
	for _, rt := range routes() {
		req, ok := reqs[rt.pattern]
		if !ok {
			t.Errorf("route %s has no request in the matrix", rt.pattern)
			continue
		}
		method, _, _ := strings.Cut(rt.pattern, " ")
		call := func(c *http.Client) int {
			if rt.pattern == "POST /esci" && c != nil {
				c = client(t) // logging out would end the shared session
			}
			if c == nil {
				c = client(t)
			}
			if method == http.MethodPost {
				return ts.post(t, c, req.path, url.Values{}).StatusCode
			}
			res, _ := ts.get(t, c, req.path)
			return res.StatusCode
		}
		anon := call(nil)
		switch {
		case rt.roles == nil:
		case method == http.MethodGet && anon != http.StatusSeeOther, method == http.MethodPost && anon != http.StatusUnauthorized:
			t.Errorf("%s without a session: status %d", rt.pattern, anon)
		}
		if rt.roles == nil {
			continue
		}
		for _, r := range Roles {
			got, want := call(clients[r]), http.StatusForbidden
			if allowed(rt.roles, r) {
				want = req.want
			}
			if got != want {
				t.Errorf("%s as %s: status %d, want %d", rt.pattern, r, got, want)
			}
		}
	}
}

// TestOperatoreSeesOnlyHerOwnStatement: another operator's statement, page,
// workbook or PDF, is refused, and her own names no one else.
func TestOperatoreSeesOnlyHerOwnStatement(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Operatore))
	other := "?operatore=" + url.QueryEscape(ts.others[0].ID)
	for _, p := range []string{"/prospetto", "/prospetto/rapporto", "/prospetto/cartella.xlsx", "/prospetto/prospetto.pdf"} {
		if res, _ := ts.get(t, c, p+other); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s of another operator: status %d, want 403", p, res.StatusCode)
		}
	}
	res, page := ts.get(t, c, "/prospetto/rapporto")
	if res.StatusCode != http.StatusOK || !bytes.Contains(page, []byte(ts.operator.Name)) {
		t.Fatalf("own statement: status %d, name %q present: %v", res.StatusCode, ts.operator.Name, bytes.Contains(page, []byte(ts.operator.Name)))
	}
	for _, o := range ts.others {
		if bytes.Contains(page, []byte(o.Name)) {
			t.Errorf("the statement names another operator, %s", o.Name)
		}
	}
	var n int
	ts.db.QueryRowContext(context.Background(), `SELECT count(*) FROM web_access WHERE username = 'operatore' AND action = 'negato'`).Scan(&n)
	if n < 4 {
		t.Errorf("access log holds %d refusals of the operatore, want 4", n)
	}
}

// TestAggregatesCarryNoNames: the Ufficio di Piano and the politico get no
// operator's name, on the page or in the workbook.
func TestAggregatesCarryNoNames(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	all := append([]operator{ts.operator}, ts.others...)
	for _, r := range []Role{UfficioDiPiano, Politico} {
		c := client(t)
		ts.login(t, c, string(r))
		_, page := ts.get(t, c, "/cruscotto/rapporto")
		_, book := ts.get(t, c, "/cruscotto/cartella.xlsx")
		strs := sharedStrings(t, book)
		if len(page) < 1000 || len(strs) < 1000 {
			t.Fatalf("%s: page of %d bytes, workbook strings of %d", r, len(page), len(strs))
		}
		for _, o := range all {
			if bytes.Contains(page, []byte(o.Name)) || strings.Contains(strs, o.Name) {
				t.Errorf("%s sees the name of %s", r, o.Name)
			}
		}
	}
	// The responsabile's report does name them: the check above can fail.
	c := client(t)
	ts.login(t, c, string(Responsabile))
	if _, page := ts.get(t, c, "/cruscotto/rapporto"); !bytes.Contains(page, []byte(ts.operator.Name)) {
		t.Errorf("the responsabile's report does not name %s", ts.operator.Name)
	}
}

func sharedStrings(t *testing.T, xlsx []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatalf("workbook: %v", err)
	}
	var all strings.Builder
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/") && strings.HasSuffix(f.Name, ".xml") {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(r)
			r.Close()
			all.Write(b)
		}
	}
	return all.String()
}

// TestCrossSiteRequestsRefused: a form posted from another site is refused
// before it acts, the same form from the application goes through.
func TestCrossSiteRequestsRefused(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Responsabile))
	form := url.Values{"utente": {"intruso"}, "ruolo": {"responsabile"}, "password": {"cavallo-bianco-di-napoleone"}}
	for name, set := range map[string]func(*http.Request){
		"Sec-Fetch-Site": func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") },
		"Origin":         func(r *http.Request) { r.Header.Set("Origin", "http://sito-estraneo.example") },
	} {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/utenti", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		set(req)
		if res := do(t, c, req); res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site by %s: status %d, want 403", name, res.StatusCode)
		}
	}
	users, _ := ts.users(context.Background())
	for _, u := range users {
		if u.Username == "intruso" {
			t.Fatal("a cross-site request created an account")
		}
	}
	if res := ts.post(t, c, "/utenti", form); res.StatusCode != http.StatusOK {
		t.Errorf("same-site form: status %d, want 200", res.StatusCode)
	}
}

// TestSessionFixation: a session token planted before login never becomes
// an authenticated one, and logging in again replaces the token.
func TestSessionFixation(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	u, _ := url.Parse(ts.URL)
	const planted = "token-scelto-da-un-attaccante"
	c.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: planted, Path: "/"}})
	ts.login(t, c, string(Responsabile))
	first := sessionValue(c, u)
	if first == "" || first == planted {
		t.Fatalf("after login the session cookie is %q", first)
	}
	attacker := client(t)
	attacker.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: planted, Path: "/"}})
	if res, _ := ts.get(t, attacker, "/cruscotto"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the planted token opens the dashboard: status %d", res.StatusCode)
	}
	ts.login(t, c, string(Responsabile))
	if second := sessionValue(c, u); second == first {
		t.Error("logging in again kept the same session token")
	}
	old := client(t)
	old.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: first, Path: "/"}})
	if res, _ := ts.get(t, old, "/registro"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the replaced token still works: status %d", res.StatusCode)
	}
}

func sessionValue(c *http.Client, u *url.URL) string {
	for _, k := range c.Jar.Cookies(u) {
		if k.Name == sessionCookie {
			return k.Value
		}
	}
	return ""
}

// TestSessionCookie: HttpOnly and SameSite=Strict always, Secure when
// served under TLS or behind a proxy that terminates it.
func TestSessionCookie(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	for _, secure := range []bool{false, true} {
		ts.opt.SecureCookies = secure
		res := ts.post(t, client(t), "/accesso", url.Values{"utente": {"politico"}, "password": {testPassword}})
		var got *http.Cookie
		for _, k := range res.Cookies() {
			if k.Name == sessionCookie {
				got = k
			}
		}
		if got == nil || !got.HttpOnly || got.SameSite != http.SameSiteStrictMode || got.Secure != secure {
			t.Errorf("secure=%v: cookie %+v", secure, got)
		}
	}
}

// TestLoginThrottling: after five failures the right password is refused
// too, for the account; another account from the same address (an office
// behind one NAT) still logs in.
func TestLoginThrottling(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	for i := range maxFailures {
		res := ts.post(t, c, "/accesso", url.Values{"utente": {"politico"}, "password": {"sbagliata"}})
		if res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d", i+1, res.StatusCode)
		}
	}
	res := ts.post(t, c, "/accesso", url.Values{"utente": {"politico"}, "password": {testPassword}})
	if res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("right password after %d failures: status %d, want 429", maxFailures, res.StatusCode)
	}
	if sessionValue(c, mustURL(ts.URL)) != "" {
		t.Error("a throttled login set a session")
	}
	res = ts.post(t, client(t), "/accesso", url.Values{"utente": {"responsabile"}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("another account from the same address: status %d, want 303", res.StatusCode)
	}
	ts.opt.Now = func() time.Time { return time.Now().Add(throttleWindow + time.Minute) }
	if res := ts.post(t, client(t), "/accesso", url.Values{"utente": {"politico"}, "password": {testPassword}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after the window: status %d, want 303", res.StatusCode)
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// TestSecurityHeaders: every page forbids anything from outside the server.
func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Responsabile))
	for _, p := range []string{"/accesso", "/cruscotto", "/cruscotto/rapporto", "/static/carico.css"} {
		res, _ := ts.get(t, c, p)
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.HasPrefix(csp, "default-src 'self'") || strings.Contains(csp, "http") || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: CSP %q", p, csp)
		}
	}
}

// TestPasswordHash: argon2id at the production cost; the hash names its
// parameters, so a hash made at another cost still verifies.
func TestPasswordHash(t *testing.T) {
	t.Parallel()
	h, err := hashPassword("una password qualsiasi")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=2$") {
		t.Errorf("hash %q", h)
	}
	prod := "$argon2id$v=19$m=65536,t=3,p=2$"
	salt := "c2FsZS1kaS1wcm92YS0xMg" // "sale-di-prova-12"
	key := argon2.IDKey([]byte("segreto-lungo"), []byte("sale-di-prova-12"), 3, 64*1024, 2, 32)
	enc := prod + salt + "$" + base64.RawStdEncoding.EncodeToString(key)
	if !checkPassword(enc, "segreto-lungo") || checkPassword(enc, "segreto-lungO") || !checkPassword(h, "una password qualsiasi") {
		t.Error("checkPassword accepts a wrong password or refuses the right one")
	}
}

// TestScenarioDraftThenPublished: the Ufficio di Piano previews a scenario
// and saves it as a draft, which no report shows; once published, the
// dashboard, its workbook and the council's report show it, and none names
// a file.
func TestScenarioDraftThenPublished(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c, pol := client(t), client(t)
	ts.login(t, c, string(UfficioDiPiano))
	ts.login(t, pol, string(Politico))
	const name = "Tre assistenti sociali in più"
	form := url.Values{"nome": {name}, "assunzioni_fte": {"3"}, "assunzioni_ruolo": {"assistente_sociale"},
		"assunzioni_contratto": {"indeterminato"}, "arrivi_anziani": {"10"}, "azione": {"anteprima"}}
	res := ts.post(t, c, "/scenari", form)
	if page := readBody(t, res); res.StatusCode != http.StatusOK || !strings.Contains(page, `id="anteprima"`) || !strings.Contains(page, "Situazione attuale") {
		t.Fatalf("preview: status %d, no preview table", res.StatusCode)
	}
	if saved, _ := app.Scenarios(context.Background(), ts.db); len(saved) != 0 {
		t.Fatalf("the preview saved %d scenarios", len(saved))
	}
	form.Set("azione", "bozza")
	if res := ts.post(t, c, "/scenari", form); res.StatusCode != http.StatusOK {
		t.Fatalf("save the draft: status %d", res.StatusCode)
	}
	bad := url.Values{"nome": {"Spostamento impossibile"}, "spostamento_fte": {"1"}, "spostamento_da": {"016198"}, "spostamento_a": {"016198"}, "azione": {"bozza"}}
	if res := ts.post(t, c, "/scenari", bad); res.StatusCode != http.StatusBadRequest {
		t.Errorf("a move within one comune: status %d, want 400", res.StatusCode)
	}
	shows := func(when string, want bool) {
		t.Helper()
		_, page := ts.get(t, c, "/cruscotto/rapporto")
		_, book := ts.get(t, c, "/cruscotto/cartella.xlsx")
		_, council := ts.get(t, pol, "/cruscotto/rapporto")
		for what, text := range map[string]string{"page": string(page), "workbook": sharedStrings(t, book), "council": string(council)} {
			if strings.Contains(text, name) != want || strings.Contains(text, "Spostamento impossibile") {
				t.Errorf("%s, %s: shows the scenario %v, want %v", when, what, !want, want)
			}
			if strings.Contains(text, "scenari-salvati") || strings.Contains(text, "Scenari dal file") {
				t.Errorf("%s, %s: names a file", when, what)
			}
		}
	}
	shows("draft", false)
	if res := ts.post(t, c, "/scenari/pubblica", url.Values{"scenario": {name}}); res.StatusCode != http.StatusOK {
		t.Fatalf("publish: status %d", res.StatusCode)
	}
	shows("published", true)
	// The scenario ran over the evidence computed before it was published
	// (evidence.WithScenarios): a server computing afresh gives the same
	// workbook, sheet by sheet.
	_, book := ts.get(t, c, "/cruscotto/cartella.xlsx")
	got := sheetRows(t, book)
	ts.cache.invalidate()
	want := workbookRows(t, ts, c, "/cruscotto/cartella.xlsx")
	if len(got) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("the scenarios run again over the kept evidence differ from a fresh computation")
	}
	if res := ts.post(t, c, "/scenari/ritira", url.Values{"scenario": {name}}); res.StatusCode != http.StatusOK {
		t.Fatalf("withdraw: status %d", res.StatusCode)
	}
	shows("withdrawn", false)
}

// TestScenarioFormRanges: a value outside its lever's range, or not a
// number, is refused with the lever, the value and the range in Italian,
// and nothing is saved.
func TestScenarioFormRanges(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Responsabile))
	for _, tc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"assunzioni_fte": {"1.000.000.000"}}, "Assunzioni: 1.000.000.000 fuori dall&#39;intervallo ammesso (più di 0, fino a 100 FTE)"},
		{url.Values{"assunzioni_fte": {"-2"}}, "Assunzioni: -2 fuori"},
		{url.Values{"popolazione_comune": {"016198"}, "popolazione_pct": {"-100"}}, "Variazione dei residenti: -100 fuori dall&#39;intervallo ammesso (da -50 a 50 %)"},
		{url.Values{"popolazione_pct": {"5"}}, "indicare il comune"},
		{url.Values{"arrivi_anziani": {"1e3"}}, "non è un numero"},
		{url.Values{"pesi_area": {"anziani"}, "pesi_1": {"10"}, "pesi_2": {"20"}, "pesi_3": {"5000"}}, "Pesi, complessità alta: 5.000 fuori"},
		{url.Values{}, "lo scenario non cambia nulla"},
		{url.Values{"nome": {strings.Repeat("x", 81)}, "assunzioni_fte": {"1"}}, "troppo lungo"},
	} {
		if tc.form.Get("nome") == "" {
			tc.form.Set("nome", "prova")
		}
		tc.form.Set("azione", "bozza")
		res := ts.post(t, c, "/scenari", tc.form)
		if page := readBody(t, res); res.StatusCode != http.StatusBadRequest || !strings.Contains(page, tc.want) {
			t.Errorf("%v: status %d, the page does not say %q", tc.form, res.StatusCode, tc.want)
		}
	}
	if saved, _ := app.Scenarios(context.Background(), ts.db); len(saved) != 0 {
		t.Errorf("%d scenarios saved from refused forms", len(saved))
	}
}

// TestScenarioNamesAndTrail: a duplicate name is refused and the first
// scenario kept; renaming onto a taken name is refused; a renamed and a
// deleted scenario leave their steps in the trail shown on the page; a
// deletion asks first and happens only once confirmed.
func TestScenarioNamesAndTrail(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Responsabile))
	save := func(name, fte string) *http.Response {
		return ts.post(t, c, "/scenari", url.Values{"nome": {name}, "assunzioni_fte": {fte}, "assunzioni_ruolo": {"assistente_sociale"}, "azione": {"bozza"}})
	}
	if res := save("Uno", "1"); res.StatusCode != http.StatusOK {
		t.Fatalf("save: status %d", res.StatusCode)
	}
	res := save("Uno", "2")
	if page := readBody(t, res); res.StatusCode != http.StatusConflict || !strings.Contains(page, "Esiste già uno scenario «Uno»") {
		t.Errorf("a duplicate name: status %d", res.StatusCode)
	}
	save("Due", "2")
	if res := ts.post(t, c, "/scenari/rinomina", url.Values{"scenario": {"Uno"}, "nuovo": {"Due"}}); res.StatusCode != http.StatusConflict {
		t.Errorf("a rename onto a taken name: status %d, want 409", res.StatusCode)
	}
	if res := ts.post(t, c, "/scenari/rinomina", url.Values{"scenario": {"Uno"}, "nuovo": {"Un assistente sociale"}}); res.StatusCode != http.StatusOK {
		t.Errorf("rename: status %d", res.StatusCode)
	}
	res = ts.post(t, c, "/scenari/elimina", url.Values{"scenario": {"Due"}})
	if page := readBody(t, res); res.StatusCode != http.StatusOK || !strings.Contains(page, "Eliminare lo scenario «Due»?") || !strings.Contains(page, `name="conferma" value="si"`) {
		t.Errorf("delete without confirming: status %d, no question asked", res.StatusCode)
	}
	if saved, _ := app.Scenarios(context.Background(), ts.db); len(saved) != 2 {
		t.Fatalf("the first click deleted: %d scenarios left, want 2", len(saved))
	}
	if res := ts.post(t, c, "/scenari/elimina", url.Values{"scenario": {"Due"}, "conferma": {"si"}}); res.StatusCode != http.StatusOK {
		t.Errorf("delete: status %d", res.StatusCode)
	}
	saved, _ := app.Scenarios(context.Background(), ts.db)
	if len(saved) != 1 || saved[0].Name != "Un assistente sociale" || !strings.Contains(saved[0].TOML, `name = "Un assistente sociale"`) || !strings.Contains(saved[0].TOML, "fte = 1.0") {
		t.Fatalf("saved after the changes: %+v", saved)
	}
	_, page := ts.get(t, c, "/scenari")
	trail := string(page)[strings.Index(string(page), `id="storico"`):]
	for _, want := range []string{"eliminato</td><td>Due", "rinominato</td><td>Un assistente sociale (prima «Uno»)", "bozza</td><td>Uno"} {
		if !strings.Contains(trail, want) {
			t.Errorf("the trail does not show %q", want)
		}
	}
}

// TestUploadLimit: a file over the limit is refused with the reason, and
// nothing of it stays on disk.
func TestUploadLimit(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	ts.opt.MaxUpload = 1 << 10
	c := client(t)
	ts.login(t, c, string(Responsabile))
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "diario.csv")
	fw.Write([]byte("ID intervento;Data;Operatore\n" + strings.Repeat("1;02/01/2025;ROSSI MARIA\n", 100)))
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/importa", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res := do(t, c, req)
	page, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusBadRequest || !bytes.Contains(page, []byte("supera il limite")) {
		t.Errorf("upload over the limit: status %d", res.StatusCode)
	}
	if left, _ := filepath.Glob(filepath.Join(ts.opt.TempDir, "*")); len(left) > 0 {
		t.Errorf("left on disk: %v", left)
	}
}
