package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/carico/carico/facts/app"
	"golang.org/x/crypto/argon2"
)

// Role is what an account may see and do.
type Role string

// The roles of the web application.
const (
	Responsabile   Role = "responsabile"     // everything; manages accounts; the only role that imports
	Operatore      Role = "operatore"        // her own statement, the team's aggregates without names
	UfficioDiPiano Role = "ufficio_di_piano" // Ambito-wide aggregates, scenarios and forecasts
	Politico       Role = "politico"         // the politico report only
)

// Roles lists the roles in the order the pages show them.
var Roles = []Role{Responsabile, Operatore, UfficioDiPiano, Politico}

// Label is the role's name for its users.
func (r Role) Label() string {
	switch r {
	case Responsabile:
		return "Responsabile di servizio"
	case Operatore:
		return "Operatore"
	case UfficioDiPiano:
		return "Ufficio di Piano"
	case Politico:
		return "Amministratore (Giunta, Consiglio)"
	}
	return string(r)
}

func parseRole(s string) (Role, bool) {
	for _, r := range Roles {
		if string(r) == s {
			return r, true
		}
	}
	return "", false
}

// User is an account.
type User struct {
	Username   string
	Role       Role
	OperatorID string // for Operatore
	Disabled   bool   // refused at login, its sessions ended
}

// argon2id parameters (RFC 9106's second recommended option, 64 MiB).
// Each hash records its own, so that a change applies to new passwords and
// old ones still verify; tests lower them (argonCost) to stay fast.
const (
	argonThreads = 2
	argonKeyLen  = 32
)

var argonCost = struct{ time, memory uint32 }{3, 64 * 1024}

// hashPassword returns an encoded argon2id hash with a random salt.
func hashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonCost.time, argonCost.memory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", argonCost.memory, argonCost.time, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// checkPassword reports whether pw matches the encoded hash.
func checkPassword(encoded, pw string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" { // a disabled account's starts with '!'

		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// randomToken returns a random URL-safe token and the hex SHA-256 under which
// it is stored.
func randomToken() (token, sum string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, tokenSum(token)
}

func tokenSum(token string) string {
	s := sha256.Sum256([]byte(token))
	return hex.EncodeToString(s[:])
}

var (
	errNoUser   = errors.New("utente o password non validi")
	errDisabled = errors.New("questo account è disattivato: rivolgersi al responsabile del servizio")
)

// createUser stores a new account.
func (s *Server) createUser(ctx context.Context, u User, pw string) error {
	if u.Username = strings.TrimSpace(u.Username); u.Username == "" {
		return errors.New("manca il nome utente")
	}
	if _, ok := parseRole(string(u.Role)); !ok {
		return fmt.Errorf("ruolo %q sconosciuto", u.Role)
	}
	if (u.Role == Operatore) != (u.OperatorID != "") {
		return errors.New("un account operatore va collegato a un operatore dell'anagrafica, e solo lui")
	}
	if err := checkNewPassword(pw, u.Username); err != nil {
		return err
	}
	h, err := hashPassword(pw)
	if err != nil {
		return err
	}
	err = app.InsertUser(ctx, s.db, app.User{Username: u.Username, Role: string(u.Role), OperatorID: u.OperatorID, Hash: h})
	if err != nil && strings.Contains(err.Error(), "Duplicate key") {
		return fmt.Errorf("l'utente %q esiste già", u.Username)
	}
	return err
}

// userCount is the number of accounts; zero means the first start.
func (s *Server) userCount(ctx context.Context) (int, error) {
	return app.UserCount(ctx, s.db)
}

func (s *Server) users(ctx context.Context) ([]User, error) {
	us, err := app.Users(ctx, s.db)
	var out []User
	for _, u := range us {
		out = append(out, userOf(u))
	}
	return out, err
}

// userOf is the account of a row of web_user.
func userOf(u app.User) User {
	return User{Username: u.Username, Role: Role(u.Role), OperatorID: u.OperatorID, Disabled: u.Disabled}
}

// authenticate checks a username and password.
func (s *Server) authenticate(ctx context.Context, username, pw string) (*User, error) {
	row, err := app.UserByName(ctx, s.db, username)
	if errors.Is(err, app.ErrNotFound) {
		checkPassword(dummyHash(), pw) // the same work whether the user exists or not
		return nil, errNoUser
	}
	if err != nil {
		return nil, err
	}
	if !checkPassword(strings.TrimPrefix(row.Hash, "!"), pw) {
		return nil, errNoUser
	}
	if row.Disabled {
		return nil, errDisabled
	}
	u := userOf(row)
	return &u, nil
}

// dummyHash is verified when the user does not exist, so that a login
// takes as long whether the user exists or not. It is computed once, when
// the first server is made (New), not when the program starts: at 64 MiB
// and some 0.1 s of CPU it was paid by every command of the CLI, an import
// included, that never serves a login.
var dummyHash = sync.OnceValue(func() string {
	h, _ := hashPassword("carico-dummy-password")
	return h
})

// Sessions.

const (
	sessionCookie = "carico_sessione"
	sessionTTL    = 8 * time.Hour
)

// newSession stores a fresh session for u and sets its cookie. Any session
// the browser carried before is deleted: a token fixed by someone else
// before login never becomes an authenticated one.
func (s *Server) newSession(w http.ResponseWriter, r *http.Request, u *User) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		app.DeleteSession(r.Context(), s.db, tokenSum(c.Value))
	}
	token, sum := randomToken()
	now := s.now()
	if err := app.InsertSession(r.Context(), s.db, sum, u.Username, s.remote(r), now, now.Add(sessionTTL)); err != nil {
		return err
	}
	http.SetCookie(w, s.cookie(token, int(sessionTTL/time.Second)))
	return nil
}

func (s *Server) cookie(value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: sessionCookie, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.opt.SecureCookies}
}

// session returns the user of the request's session, or nil.
func (s *Server) session(r *http.Request) *User {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	row, err := app.SessionUser(r.Context(), s.db, tokenSum(c.Value), s.now())
	if err != nil {
		return nil
	}
	u := userOf(row)
	return &u
}

func (s *Server) endSession(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		app.DeleteSession(r.Context(), s.db, tokenSum(c.Value))
	}
	http.SetCookie(w, s.cookie("", -1))
}

// throttle limits failed logins per account and per address: after
// maxFailures for one account, or maxAddressFailures from one address,
// within throttleWindow, further attempts are refused until the window has
// passed, whatever the password. An office behind one NAT address shares
// it, so the address's limit is higher: five mistakes there must not lock
// everyone out, while guessing across many accounts still stops.
type throttle struct {
	mu       sync.Mutex
	failures map[string][]time.Time
}

const (
	maxFailures        = 5
	maxAddressFailures = 50
	throttleWindow     = 15 * time.Minute
)

func (t *throttle) recent(key string, now time.Time) []time.Time {
	var keep []time.Time
	for _, at := range t.failures[key] {
		if now.Sub(at) < throttleWindow {
			keep = append(keep, at)
		}
	}
	t.failures[key] = keep
	return keep
}

// blocked reports whether the account or the address has too many recent
// failures.
func (t *throttle) blocked(now time.Time, account, address string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.recent(account, now)) >= maxFailures || len(t.recent(address, now)) >= maxAddressFailures
}

func (t *throttle) fail(now time.Time, keys ...string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		t.failures[k] = append(t.recent(k, now), now)
	}
}

func (t *throttle) reset(keys ...string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		delete(t.failures, k)
	}
}
