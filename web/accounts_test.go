package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestPasswordPolicy: twelve characters at least, none of the common
// passwords, alone or dressed with digits and symbols, no repetition or
// keyboard run, not the user name.
func TestPasswordPolicy(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		pw, user, want string // want: a piece of the error, "" for accepted
	}{
		{"aaaaaaaaaa", "rossi", "almeno 12"},
		{"aaaaaaaaaaaa", "rossi", "più usate"},
		{"abcabcabcabc", "rossi", "più usate"},
		{"123456789012", "rossi", "più usate"},
		{"qwertyuiopas", "rossi", "più usate"},
		{"Juventus2024!", "rossi", "più usate"},
		{"passwordpassword", "rossi", "più usate"},
		{"  Servizi Sociali 1 ", "rossi", "più usate"},
		{"AssistenteSociale", "rossi", "più usate"},
		{"mario.rossi.2024", "rossi", "nome utente"},
		{"cavallo batteria graffetta", "rossi", ""},
		{"una-password-lunga", "rossi", ""},
		{"Tr3no-di-Sera", "rossi", ""},
	} {
		err := checkNewPassword(c.pw, c.user)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q refused: %v", c.pw, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%q: error %v, want one with %q", c.pw, err, c.want)
		}
	}
	if len(commonPasswords) < 250 {
		t.Errorf("%d common passwords: the list did not load", len(commonPasswords))
	}
}

// TestRoleSelectorHasNoDefault: the new account's role must be chosen; a
// form without one is refused.
func TestRoleSelectorHasNoDefault(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Responsabile))
	_, page := ts.get(t, c, "/utenti")
	sel := regexp.MustCompile(`(?s)<select id="ruolo" name="ruolo" required>(.*?)</select>`).FindSubmatch(page)
	if sel == nil || !strings.HasPrefix(string(sel[1]), `<option value="" selected disabled>`) || strings.Count(string(sel[1]), "selected") != 1 {
		t.Errorf("the role selector has a default: %s", sel)
	}
	res := ts.post(t, c, "/utenti", url.Values{"utente": {"nuovo"}, "password": {"cavallo batteria graffetta"}})
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("no role: status %d, want 400", res.StatusCode)
	}
}

// TestCraftedOperatorLink: a statement link naming an operator not in the
// roster is a 404 in Italian, never a 500; an operatore's account cannot
// be linked to one.
func TestCraftedOperatorLink(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Responsabile))
	for _, p := range []string{"/prospetto?operatore=NESSUNO", "/prospetto/rapporto?operatore=NESSUNO",
		"/prospetto/cartella.xlsx?operatore=%00%27%3B", "/prospetto/prospetto.pdf?operatore=NESSUNO"} {
		res, body := ts.get(t, c, p)
		if res.StatusCode != http.StatusNotFound || !strings.Contains(string(body), "anagrafica del personale") {
			t.Errorf("%s: status %d, want 404 with the reason", p, res.StatusCode)
		}
	}
	res := ts.post(t, c, "/utenti", url.Values{"utente": {"finto"}, "ruolo": {"operatore"}, "operatore": {"NESSUNO"}, "password": {"cavallo batteria graffetta"}})
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("an operatore linked to no one in the roster: status %d, want 400", res.StatusCode)
	}
	res = ts.post(t, c, "/utenti/ufficio_di_piano/ruolo", url.Values{"ruolo": {"operatore"}, "operatore": {"NESSUNO"}})
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("a role change to a crafted operator: status %d, want 400", res.StatusCode)
	}
}

// TestAccountDisable: disabling ends the account's sessions and refuses
// its login, with the reason; enabling gives back the same password.
func TestAccountDisable(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	resp, pol := client(t), client(t)
	ts.login(t, resp, string(Responsabile))
	ts.login(t, pol, string(Politico))
	if res := ts.post(t, resp, "/utenti/politico/disattiva", nil); res.StatusCode != http.StatusOK {
		t.Fatalf("disable: status %d", res.StatusCode)
	}
	if res, _ := ts.get(t, pol, "/cruscotto"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/accesso" {
		t.Errorf("the disabled account's session still opens pages: status %d", res.StatusCode)
	}
	res := ts.post(t, client(t), "/accesso", url.Values{"utente": {"politico"}, "password": {testPassword}})
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("login of a disabled account: status %d, want 403", res.StatusCode)
	}
	if res := ts.post(t, client(t), "/accesso", url.Values{"utente": {"politico"}, "password": {"sbagliata-e-lunga"}}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a wrong password on a disabled account: status %d, want 401 (nothing said about the account)", res.StatusCode)
	}
	if res := ts.post(t, resp, "/utenti/politico/reimposta", nil); res.StatusCode != http.StatusBadRequest {
		t.Errorf("reset of a disabled account: status %d, want 400", res.StatusCode)
	}
	if res := ts.post(t, resp, "/utenti/responsabile/disattiva", nil); res.StatusCode != http.StatusBadRequest {
		t.Errorf("the responsabile disabling herself: status %d, want 400", res.StatusCode)
	}
	if res := ts.post(t, resp, "/utenti/politico/riattiva", nil); res.StatusCode != http.StatusOK {
		t.Fatalf("enable: status %d", res.StatusCode)
	}
	ts.login(t, client(t), string(Politico))
}

// TestAccountRoleChange: the new role applies to the account's next
// request.
func TestAccountRoleChange(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	resp, udp := client(t), client(t)
	ts.login(t, resp, string(Responsabile))
	ts.login(t, udp, string(UfficioDiPiano))
	if res, _ := ts.get(t, udp, "/scenari"); res.StatusCode != http.StatusOK {
		t.Fatalf("scenari before: status %d", res.StatusCode)
	}
	if res := ts.post(t, resp, "/utenti/ufficio_di_piano/ruolo", url.Values{"ruolo": {"politico"}}); res.StatusCode != http.StatusOK {
		t.Fatalf("role change: status %d", res.StatusCode)
	}
	if res, _ := ts.get(t, udp, "/scenari"); res.StatusCode != http.StatusForbidden {
		t.Errorf("scenari after the change to politico: status %d, want 403", res.StatusCode)
	}
	if res := ts.post(t, resp, "/utenti/ufficio_di_piano/ruolo", url.Values{"ruolo": {"operatore"}}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("operatore without an operator: status %d, want 400", res.StatusCode)
	}
	if res := ts.post(t, resp, "/utenti/ufficio_di_piano/ruolo", url.Values{"ruolo": {"sovrano"}}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("an unknown role: status %d, want 400", res.StatusCode)
	}
}

var resetLink = regexp.MustCompile(`/reimposta\?codice=([A-Za-z0-9_-]+)`)

// TestAccountReset: the responsabile makes a one-time link; it sets a
// password under the policy, ends the account's sessions, and works once.
func TestAccountReset(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	resp, op := client(t), client(t)
	ts.login(t, resp, string(Responsabile))
	ts.login(t, op, string(Operatore))
	res := ts.post(t, resp, "/utenti/operatore/reimposta", nil)
	page := readBody(t, res)
	m := resetLink.FindStringSubmatch(page)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("reset link: status %d, no link", res.StatusCode)
	}
	token := m[1]
	if res, _ := ts.get(t, client(t), "/reimposta?codice="+token); res.StatusCode != http.StatusOK {
		t.Fatalf("reset form: status %d", res.StatusCode)
	}
	// The link survives a restart: a new server over the same database
	// accepts it; the database holds its hash, never the token.
	again, err := New(ts.db, Options{Secret: ts.opt.Secret, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(again.Handler())
	defer hs.Close()
	if res, err := http.Get(hs.URL + "/reimposta?codice=" + url.QueryEscape(token)); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("the link after a restart: %v %v", res, err)
	}
	var stored int
	if err := ts.db.QueryRow(`SELECT count(*) FROM web_reset WHERE token_sha256 = ? AND token_sha256 <> ?`, tokenSum(token), token).Scan(&stored); err != nil || stored != 1 {
		t.Errorf("the link stored as its hash: %d rows, %v", stored, err)
	}
	weak := ts.post(t, client(t), "/reimposta", url.Values{"codice": {token}, "password": {"aaaaaaaaaaaa"}, "conferma": {"aaaaaaaaaaaa"}})
	if weak.StatusCode != http.StatusBadRequest || !strings.Contains(readBody(t, weak), "più usate") {
		t.Errorf("a weak password: status %d", weak.StatusCode)
	}
	const pw = "cavallo batteria graffetta"
	if res := ts.post(t, client(t), "/reimposta", url.Values{"codice": {token}, "password": {pw}, "conferma": {pw}}); res.StatusCode != http.StatusOK {
		t.Fatalf("reset: status %d", res.StatusCode)
	}
	if res, _ := ts.get(t, op, "/prospetto"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the session opened before the reset still works: status %d", res.StatusCode)
	}
	if res := ts.post(t, client(t), "/accesso", url.Values{"utente": {"operatore"}, "password": {testPassword}}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the old password: status %d, want 401", res.StatusCode)
	}
	if res := ts.post(t, client(t), "/accesso", url.Values{"utente": {"operatore"}, "password": {pw}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the new password: status %d, want 303", res.StatusCode)
	}
	if res := ts.post(t, client(t), "/reimposta", url.Values{"codice": {token}, "password": {pw + "x"}, "conferma": {pw + "x"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("the link used twice: status %d, want 404", res.StatusCode)
	}
	// A link expires after resetTTL.
	m = resetLink.FindStringSubmatch(readBody(t, ts.post(t, resp, "/utenti/politico/reimposta", nil)))
	ts.opt.Now = func() time.Time { return time.Now().Add(resetTTL + time.Minute) }
	if res, _ := ts.get(t, client(t), "/reimposta?codice="+m[1]); res.StatusCode != http.StatusNotFound {
		t.Errorf("an expired link: status %d, want 404", res.StatusCode)
	}
}

// TestPasswordChangeAndSessions: a user changes her password with the
// current one, which ends her other sessions; she lists her sessions and
// closes one, never another user's.
func TestPasswordChangeAndSessions(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	a, b, other := client(t), client(t), client(t)
	ts.login(t, a, string(Politico))
	ts.login(t, b, string(Politico))
	ts.login(t, other, string(UfficioDiPiano))
	ids := regexp.MustCompile(`name="sessione" value="([0-9a-f]+)"`)
	_, page := ts.get(t, a, "/profilo")
	found := ids.FindAllStringSubmatch(string(page), -1)
	if len(found) != 2 || strings.Count(string(page), "(questa)") != 1 {
		t.Fatalf("profile lists %d sessions, want 2 with one current", len(found))
	}
	if row := sessionRow(string(page), found[0][1]); !strings.Contains(row, "<td>127.0.0.1</td>") {
		t.Errorf("the session's row does not show the address it was opened from: %s", row)
	}
	_, otherPage := ts.get(t, other, "/profilo")
	otherID := ids.FindStringSubmatch(string(otherPage))[1]
	if res := ts.post(t, a, "/profilo/sessioni", url.Values{"sessione": {otherID}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("closing another user's session: status %d, want 404", res.StatusCode)
	}
	if res, _ := ts.get(t, other, "/scenari"); res.StatusCode != http.StatusOK {
		t.Errorf("the other user's session was closed: status %d", res.StatusCode)
	}
	// Close the session that is not a's own: b's.
	var mine string
	for _, f := range found {
		if !strings.Contains(sessionRow(string(page), f[1]), "(questa)") {
			mine = f[1]
		}
	}
	if res := ts.post(t, a, "/profilo/sessioni", url.Values{"sessione": {mine}}); res.StatusCode != http.StatusOK {
		t.Fatalf("close: status %d", res.StatusCode)
	}
	if res, _ := ts.get(t, b, "/cruscotto"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the closed session still works: status %d", res.StatusCode)
	}

	ts.login(t, b, string(Politico))
	const pw = "cavallo batteria graffetta"
	if res := ts.post(t, a, "/profilo/password", url.Values{"attuale": {"sbagliata-e-lunga"}, "nuova": {pw}, "conferma": {pw}}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("a wrong current password: status %d, want 400", res.StatusCode)
	}
	if res := ts.post(t, a, "/profilo/password", url.Values{"attuale": {testPassword}, "nuova": {"aaaaaaaaaaaa"}, "conferma": {"aaaaaaaaaaaa"}}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("a weak new password: status %d, want 400", res.StatusCode)
	}
	if res := ts.post(t, a, "/profilo/password", url.Values{"attuale": {testPassword}, "nuova": {pw}, "conferma": {pw}}); res.StatusCode != http.StatusOK {
		t.Fatalf("change: status %d", res.StatusCode)
	}
	if res, _ := ts.get(t, a, "/cruscotto"); res.StatusCode != http.StatusOK {
		t.Errorf("the session the change was made in: status %d, want 200", res.StatusCode)
	}
	if res, _ := ts.get(t, b, "/cruscotto"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("another session survived the change: status %d", res.StatusCode)
	}
	if res := ts.post(t, client(t), "/accesso", url.Values{"utente": {"politico"}, "password": {pw}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the new password: status %d", res.StatusCode)
	}
}

// sessionRow is the table row of the profile page that holds id.
func sessionRow(page, id string) string {
	i := strings.Index(page, id)
	if i < 0 {
		return ""
	}
	start := strings.LastIndex(page[:i], "<tr>")
	return page[start:i]
}

func readBody(t *testing.T, res *http.Response) string {
	t.Helper()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return b.String()
}
