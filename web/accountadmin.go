package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/usererr"
)

// The responsabile manages the accounts (role, disable, reset link); each
// user changes her own password and ends her own sessions (profilo).

// resetTTL is how long a reset link stays valid.
const resetTTL = 24 * time.Hour

// Reset links are stored as the SHA-256 of their token, never in clear,
// in the database: they survive a restart, serve once and expire after
// resetTTL; a new link for an account voids its previous one.

// resetUser is the account of a live reset link, or "".
func (s *Server) resetUser(ctx context.Context, token string) (string, error) {
	if token == "" {
		return "", nil
	}
	name, err := app.ResetUser(ctx, s.db, tokenSum(token), s.now())
	if errors.Is(err, app.ErrNotFound) {
		return "", nil
	}
	return name, err
}

// checkOperator refuses an operatore's account without an operator of the
// roster, and an operator on another role's account.
func (s *Server) checkOperator(ctx context.Context, role Role, id string) error {
	if (role == Operatore) != (id != "") {
		return errors.New("un account operatore va collegato a un operatore dell'anagrafica, e solo lui")
	}
	if id == "" {
		return nil
	}
	ops, err := s.roster(ctx)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(ops, func(o operator) bool { return o.ID == id }) {
		return fmt.Errorf("l'operatore %q non è nell'anagrafica del personale", id)
	}
	return nil
}

// target is the account an administration form names, never the
// responsabile's own (she would lock herself out); on refusal it has
// answered.
func (s *Server) target(w http.ResponseWriter, r *http.Request, u *User) (*User, bool) {
	name := r.PathValue("nome")
	row, err := app.UserByName(r.Context(), s.db, name)
	if errors.Is(err, app.ErrNotFound) {
		s.errorPage(w, r, u, http.StatusNotFound, "L'account indicato non esiste.")
		return nil, false
	}
	if err != nil {
		s.fail(w, r, u, err)
		return nil, false
	}
	if row.Username == u.Username {
		s.accountsPage(w, r, u, http.StatusBadRequest, "", "Il proprio account non si modifica da qui: la password si cambia dal profilo; ruolo e stato li cambia un altro responsabile.")
		return nil, false
	}
	t := userOf(row)
	return &t, true
}

func (s *Server) accountRole(w http.ResponseWriter, r *http.Request, u *User) {
	t, ok := s.target(w, r, u)
	if !ok {
		return
	}
	role, ok := parseRole(r.PostFormValue("ruolo"))
	if !ok {
		s.accountsPage(w, r, u, http.StatusBadRequest, "", "Scegliere un ruolo.")
		return
	}
	op := ""
	if role == Operatore {
		op = r.PostFormValue("operatore")
	}
	if err := s.checkOperator(r.Context(), role, op); err != nil {
		s.accountsPage(w, r, u, http.StatusBadRequest, "", usererr.Message(err))
		return
	}
	if err := app.SetRole(r.Context(), s.db, t.Username, string(role), op); err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.logAccess(r, u, "ruolo cambiato", fmt.Sprintf("%s: da %s a %s", t.Username, t.Role, role))
	s.accountsPage(w, r, u, http.StatusOK, fmt.Sprintf("Ora «%s» ha il ruolo %s.", t.Username, role.Label()), "")
}

func (s *Server) accountDisable(w http.ResponseWriter, r *http.Request, u *User) {
	s.setDisabled(w, r, u, true)
}

func (s *Server) accountEnable(w http.ResponseWriter, r *http.Request, u *User) {
	s.setDisabled(w, r, u, false)
}

// setDisabled disables an account, ending its sessions at once, or enables
// it again with its old password.
func (s *Server) setDisabled(w http.ResponseWriter, r *http.Request, u *User, disabled bool) {
	t, ok := s.target(w, r, u)
	if !ok {
		return
	}
	err := app.SetDisabled(r.Context(), s.db, t.Username, disabled)
	if err == nil && disabled {
		err = app.DeleteSessionsOf(r.Context(), s.db, t.Username)
	}
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	action, msg := "account riattivato", "L'account «%s» è di nuovo attivo, con la password di prima."
	if disabled {
		action, msg = "account disattivato", "L'account «%s» è disattivato: le sue sessioni sono chiuse e non può più accedere."
	}
	s.logAccess(r, u, action, t.Username)
	s.accountsPage(w, r, u, http.StatusOK, fmt.Sprintf(msg, t.Username), "")
}

// accountReset makes a one-time link that sets a new password, for the
// responsabile to hand to the user (it is shown once, never stored).
func (s *Server) accountReset(w http.ResponseWriter, r *http.Request, u *User) {
	t, ok := s.target(w, r, u)
	if !ok {
		return
	}
	if t.Disabled {
		s.accountsPage(w, r, u, http.StatusBadRequest, "", fmt.Sprintf("L'account «%s» è disattivato: riattivarlo prima di reimpostarne la password.", t.Username))
		return
	}
	token, sum := randomToken()
	if err := app.IssueReset(r.Context(), s.db, sum, t.Username, s.now(), s.now().Add(resetTTL)); err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.logAccess(r, u, "collegamento di reimpostazione", t.Username)
	link := s.baseURL(r) + "/reimposta?codice=" + token
	s.accountsPageLink(w, r, u, fmt.Sprintf("Collegamento per «%s», valido 24 ore e una sola volta: consegnarlo di persona o per un canale sicuro.", t.Username), link)
}

// baseURL is the address the browser used, for a link to hand on.
func (s *Server) baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || s.opt.SecureCookies {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Server) resetForm(w http.ResponseWriter, r *http.Request, u *User) {
	token := r.URL.Query().Get("codice")
	name, ok := s.resetLink(w, r, u, token)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "reset.html", view{Title: "Nuova password", Data: resetView{Token: token, Username: name, Min: minPassword}})
}

// resetLink is the account a reset link's token opens; when none, it
// answers the page itself.
func (s *Server) resetLink(w http.ResponseWriter, r *http.Request, u *User, token string) (string, bool) {
	name, err := s.resetUser(r.Context(), token)
	if err != nil {
		s.fail(w, r, u, err)
		return "", false
	}
	if name == "" {
		s.errorPage(w, r, u, http.StatusNotFound, "Il collegamento per reimpostare la password non è valido, è scaduto o è già stato usato: chiederne un altro al responsabile.")
		return "", false
	}
	return name, true
}

type resetView struct {
	Token, Username string
	Min             int
}

// reset sets the new password from a reset link, ends the account's
// sessions and lifts its login throttle.
func (s *Server) reset(w http.ResponseWriter, r *http.Request, u *User) {
	token := r.PostFormValue("codice")
	name, ok := s.resetLink(w, r, u, token)
	if !ok {
		return
	}
	v := view{Title: "Nuova password", Data: resetView{Token: token, Username: name, Min: minPassword}}
	pw := r.PostFormValue("password")
	if pw != r.PostFormValue("conferma") {
		v.Error = "Le due password non coincidono."
		s.render(w, r, http.StatusBadRequest, "reset.html", v)
		return
	}
	if err := s.setPassword(r.Context(), name, pw); err != nil {
		v.Error = usererr.Message(err)
		s.render(w, r, http.StatusBadRequest, "reset.html", v)
		return
	}
	if err := app.UseReset(r.Context(), s.db, tokenSum(token)); err != nil {
		s.fail(w, r, u, err)
		return
	}
	if err := app.DeleteSessionsOf(r.Context(), s.db, name); err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.throttle.reset("utente:" + name)
	s.logAccess(r, &User{Username: name}, "password reimpostata", name)
	s.render(w, r, http.StatusOK, "login.html", view{Title: "Accesso", Message: "Password reimpostata: accedere con la nuova password."})
}

// setPassword checks pw against the policy and stores its hash.
func (s *Server) setPassword(ctx context.Context, username, pw string) error {
	if err := checkNewPassword(pw, username); err != nil {
		return err
	}
	h, err := hashPassword(pw)
	if err != nil {
		return err
	}
	return app.SetHash(ctx, s.db, username, h)
}

// Profilo: one's own password and sessions.

type profileView struct {
	Sessions []app.Session
	Min      int
}

func (s *Server) profilePage(w http.ResponseWriter, r *http.Request, u *User, status int, msg, errMsg string) {
	sessions, err := app.SessionsOf(r.Context(), s.db, u.Username, s.sessionSum(r), s.now())
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.render(w, r, status, "profile.html", view{Title: "Profilo", User: u, Active: "profilo", Message: msg, Error: errMsg,
		Data: profileView{Sessions: sessions, Min: minPassword}})
}

func (s *Server) profile(w http.ResponseWriter, r *http.Request, u *User) {
	s.profilePage(w, r, u, http.StatusOK, "", "")
}

// sessionSum is the SHA-256 of the request's session token, or "".
func (s *Server) sessionSum(r *http.Request) string {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		return tokenSum(c.Value)
	}
	return ""
}

// passwordChange sets a new password after checking the current one (with
// the login's throttle), and ends the account's other sessions.
func (s *Server) passwordChange(w http.ResponseWriter, r *http.Request, u *User) {
	key := "utente:" + u.Username
	now := s.now()
	if s.throttle.blocked(now, key, "indirizzo:"+s.remote(r)) {
		s.profilePage(w, r, u, http.StatusTooManyRequests, "", "Troppi tentativi non riusciti: riprovare tra 15 minuti.")
		return
	}
	if _, err := s.authenticate(r.Context(), u.Username, r.PostFormValue("attuale")); err != nil {
		s.throttle.fail(now, key, "indirizzo:"+s.remote(r))
		s.logAccess(r, u, "cambio password non riuscito", u.Username)
		s.profilePage(w, r, u, http.StatusBadRequest, "", "La password attuale non è corretta.")
		return
	}
	pw := r.PostFormValue("nuova")
	if pw != r.PostFormValue("conferma") {
		s.profilePage(w, r, u, http.StatusBadRequest, "", "Le due password nuove non coincidono.")
		return
	}
	if err := s.setPassword(r.Context(), u.Username, pw); err != nil {
		s.profilePage(w, r, u, http.StatusBadRequest, "", usererr.Message(err))
		return
	}
	if err := app.DeleteOtherSessions(r.Context(), s.db, u.Username, s.sessionSum(r)); err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.logAccess(r, u, "password cambiata", u.Username)
	s.profilePage(w, r, u, http.StatusOK, "Password cambiata; le altre sessioni sono state chiuse.", "")
}

// sessionRevoke ends one of the user's own sessions; ending the current
// one is logging out.
func (s *Server) sessionRevoke(w http.ResponseWriter, r *http.Request, u *User) {
	id := r.PostFormValue("sessione")
	sessions, err := app.SessionsOf(r.Context(), s.db, u.Username, s.sessionSum(r), s.now())
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	i := slices.IndexFunc(sessions, func(x app.Session) bool { return x.ID == id })
	if i < 0 {
		s.profilePage(w, r, u, http.StatusNotFound, "", "La sessione indicata non esiste o è già chiusa.")
		return
	}
	if err := app.RevokeSession(r.Context(), s.db, u.Username, id); err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.logAccess(r, u, "sessione chiusa", u.Username)
	if sessions[i].Current {
		s.endSession(w, r)
		http.Redirect(w, r, "/accesso", http.StatusSeeOther)
		return
	}
	s.profilePage(w, r, u, http.StatusOK, "Sessione chiusa.", "")
}
