package web

import (
	"net/http"

	"github.com/carico/carico/analytics"
)

// ente is who runs the service, from the configuration (empty when unset).
func (s *Server) ente() analytics.EnteConfig {
	if s.opt.Config == nil {
		return analytics.EnteConfig{}
	}
	return s.opt.Config.Ente
}

// privacyNotice is the notice to the staff whose work carico measures and
// who use it (GDPR art. 13): a template the service completes, through the
// configuration's [ente] section and with its data protection officer.
func (s *Server) privacyNotice(w http.ResponseWriter, r *http.Request, u *User) {
	s.render(w, r, http.StatusOK, "privacy.html", view{Title: "Informativa sul trattamento dei dati del personale", User: u, Data: s.ente()})
}

// accessibility is the accessibility statement, after the AgID model: a
// template the ente completes and publishes through AgID's form.
func (s *Server) accessibility(w http.ResponseWriter, r *http.Request, u *User) {
	s.render(w, r, http.StatusOK, "accessibility.html", view{Title: "Dichiarazione di accessibilità", User: u, Data: s.ente()})
}
