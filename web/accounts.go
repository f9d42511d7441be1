package web

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/carico/carico/internal/usererr"
)

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request, u *User) {
	if u != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login.html", view{Title: "Accesso"})
}

// login checks the credentials, throttled per account and per address, and
// starts a new session.
func (s *Server) login(w http.ResponseWriter, r *http.Request, _ *User) {
	name := strings.TrimSpace(r.PostFormValue("utente"))
	keys := []string{"utente:" + name, "indirizzo:" + s.remote(r)}
	now := s.now()
	if s.throttle.blocked(now, keys[0], keys[1]) {
		s.logAccess(r, nil, "accesso bloccato", name)
		w.Header().Set("Retry-After", "900")
		s.render(w, r, http.StatusTooManyRequests, "login.html", view{Title: "Accesso",
			Error: "Troppi tentativi non riusciti: riprovare tra 15 minuti."})
		return
	}
	u, err := s.authenticate(r.Context(), name, r.PostFormValue("password"))
	if errors.Is(err, errDisabled) {
		s.logAccess(r, nil, "accesso di un account disattivato", name)
		s.render(w, r, http.StatusForbidden, "login.html", view{Title: "Accesso", Error: "Questo account è disattivato: rivolgersi al responsabile del servizio."})
		return
	}
	if err != nil {
		s.throttle.fail(now, keys...)
		s.logAccess(r, nil, "accesso non riuscito", name)
		s.render(w, r, http.StatusUnauthorized, "login.html", view{Title: "Accesso", Error: "Nome utente o password non validi."})
		return
	}
	s.throttle.reset(keys[0])
	if err := s.newSession(w, r, u); err != nil {
		s.fail(w, r, nil, err)
		return
	}
	s.logAccess(r, u, "accesso", "sessione")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, u *User) {
	if u != nil {
		s.logAccess(r, u, "uscita", "sessione")
	}
	s.endSession(w, r)
	http.Redirect(w, r, "/accesso", http.StatusSeeOther)
}

// validSetup reports whether token is the current one-time link's.
func (s *Server) validSetup(token string) bool {
	s.setupMu.Lock()
	defer s.setupMu.Unlock()
	return s.setupToken != "" && subtle.ConstantTimeCompare([]byte(tokenSum(token)), []byte(s.setupToken)) == 1
}

func (s *Server) setupForm(w http.ResponseWriter, r *http.Request, u *User) {
	token := r.URL.Query().Get("codice")
	if !s.validSetup(token) {
		s.errorPage(w, r, u, http.StatusNotFound, "Il collegamento per la prima configurazione non è valido o è già stato usato.")
		return
	}
	s.render(w, r, http.StatusOK, "setup.html", view{Title: "Prima configurazione", Data: token})
}

// setup creates the responsabile's account from the one-time link, and
// logs her in.
func (s *Server) setup(w http.ResponseWriter, r *http.Request, _ *User) {
	token := r.PostFormValue("codice")
	if !s.validSetup(token) {
		s.errorPage(w, r, nil, http.StatusNotFound, "Il collegamento per la prima configurazione non è valido o è già stato usato.")
		return
	}
	u := User{Username: r.PostFormValue("utente"), Role: Responsabile}
	pw := r.PostFormValue("password")
	if pw != r.PostFormValue("conferma") {
		s.render(w, r, http.StatusBadRequest, "setup.html", view{Title: "Prima configurazione", Data: token, Error: "Le due password non coincidono."})
		return
	}
	if err := s.createUser(r.Context(), u, pw); err != nil {
		s.render(w, r, http.StatusBadRequest, "setup.html", view{Title: "Prima configurazione", Data: token, Error: usererr.Message(err)})
		return
	}
	s.setupMu.Lock()
	s.setupToken = ""
	s.setupMu.Unlock()
	s.logAccess(r, &u, "prima configurazione", "account "+u.Username)
	if err := s.newSession(w, r, &u); err != nil {
		s.fail(w, r, nil, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

type accountsView struct {
	Users     []User
	Roles     []Role
	Operators []operator
	Self      string
	Link      string // a reset link just made, shown once
}

func (s *Server) accountsPage(w http.ResponseWriter, r *http.Request, u *User, status int, msg, errMsg string) {
	s.accountsPageWith(w, r, u, status, msg, errMsg, "")
}

func (s *Server) accountsPageLink(w http.ResponseWriter, r *http.Request, u *User, msg, link string) {
	s.accountsPageWith(w, r, u, http.StatusOK, msg, "", link)
}

func (s *Server) accountsPageWith(w http.ResponseWriter, r *http.Request, u *User, status int, msg, errMsg, link string) {
	users, err := s.users(r.Context())
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	ops, err := s.roster(r.Context())
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.render(w, r, status, "accounts.html", view{Title: "Utenti", User: u, Active: "utenti", Message: msg, Error: errMsg,
		Data: accountsView{Users: users, Roles: Roles, Operators: ops, Self: u.Username, Link: link}})
}

func (s *Server) accounts(w http.ResponseWriter, r *http.Request, u *User) {
	s.accountsPage(w, r, u, http.StatusOK, "", "")
}

func (s *Server) accountCreate(w http.ResponseWriter, r *http.Request, u *User) {
	nu := User{Username: r.PostFormValue("utente"), Role: Role(r.PostFormValue("ruolo"))}
	if nu.Role == Operatore {
		nu.OperatorID = r.PostFormValue("operatore")
	}
	err := s.checkOperator(r.Context(), nu.Role, nu.OperatorID)
	if _, ok := parseRole(string(nu.Role)); !ok {
		err = errors.New("scegliere un ruolo")
	}
	if err == nil {
		err = s.createUser(r.Context(), nu, r.PostFormValue("password"))
	}
	if err != nil {
		s.accountsPage(w, r, u, http.StatusBadRequest, "", usererr.Message(err))
		return
	}
	s.logAccess(r, u, "nuovo account", nu.Username+" ("+string(nu.Role)+")")
	s.accountsPage(w, r, u, http.StatusOK, "Account «"+nu.Username+"» creato.", "")
}
