package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/csvsafe"
)

// The access log, searchable by user, action and days, and exportable.

const (
	accessPageRows   = 500     // lines a page shows
	accessExportRows = 1000000 // lines an export holds at most
)

type accessView struct {
	Entries []app.Access
	Users   []User
	Actions []string
	// The search as the form shows it, and as the export link repeats it.
	User, Action, From, To, Query string
	Full                          bool // the page shows accessPageRows and more match
}

// accessFilter reads the search: dal and al are days in Italian time, al
// included.
func accessFilter(r *http.Request, limit int) (app.AccessFilter, accessView, error) {
	q := r.URL.Query()
	v := accessView{User: q.Get("utente"), Action: q.Get("azione"), From: q.Get("dal"), To: q.Get("al")}
	f := app.AccessFilter{Username: v.User, Action: v.Action, Limit: limit}
	day := func(s, name string) (time.Time, error) {
		if s == "" {
			return time.Time{}, nil
		}
		t, err := time.ParseInLocation(time.DateOnly, s, rome)
		if err != nil {
			return t, fmt.Errorf("la data «%s» (%s) non è valida: usare il formato gg/mm/aaaa del calendario", s, name)
		}
		return t, nil
	}
	var err error
	if f.From, err = day(v.From, "dal"); err != nil {
		return f, v, err
	}
	if f.To, err = day(v.To, "al"); err != nil {
		return f, v, err
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // al is included: up to the next midnight
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return f, v, fmt.Errorf("il giorno «dal» viene dopo il giorno «al»")
	}
	keep := url.Values{}
	for k, x := range map[string]string{"utente": v.User, "azione": v.Action, "dal": v.From, "al": v.To} {
		if x != "" {
			keep.Set(k, x)
		}
	}
	v.Query = keep.Encode()
	return f, v, nil
}

func (s *Server) accessLog(w http.ResponseWriter, r *http.Request, u *User) {
	f, v, ferr := accessFilter(r, accessPageRows+1)
	users, err := s.users(r.Context())
	if err == nil {
		v.Actions, err = app.AccessActions(r.Context(), s.db)
	}
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	v.Users = users
	status, msg := http.StatusOK, ""
	if ferr != nil {
		status, msg = http.StatusBadRequest, ferr.Error()
	} else {
		if v.Entries, err = app.AccessLog(r.Context(), s.db, f); err != nil {
			s.fail(w, r, u, err)
			return
		}
		if len(v.Entries) > accessPageRows {
			v.Entries, v.Full = v.Entries[:accessPageRows], true
		}
	}
	s.render(w, r, status, "accesslog.html", view{Title: "Registro degli accessi", User: u, Active: "registro", Error: msg, Data: v})
}

// accessExport downloads the search as CSV, for Excel (semicolons, UTF-8
// with BOM, formulas neutralised), times in Italian time.
func (s *Server) accessExport(w http.ResponseWriter, r *http.Request, u *User) {
	f, v, err := accessFilter(r, accessExportRows)
	if err != nil {
		s.errorPage(w, r, u, http.StatusBadRequest, err.Error())
		return
	}
	log, err := app.AccessLog(r.Context(), s.db, f)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.logAccess(r, u, "scaricamento", "registro degli accessi "+v.Query)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", accessFileName(v)))
	fmt.Fprint(w, "\ufeff")
	cw := csvsafe.NewWriter(w)
	cw.Write([]string{"quando (ora italiana)", "utente", "ruolo", "azione", "oggetto", "indirizzo"})
	for _, e := range log {
		cw.Write([]string{local(e.At).Format("02/01/2006 15:04:05"), e.Username, e.Role, e.Action, e.Object, e.Addr})
	}
	if err := cw.Flush(); err != nil {
		s.opt.Log.Error("registro degli accessi", "err", err)
	}
}

// accessFileName names an export after its search:
// registro-accessi_dal-2026-01-01_al-2026-01-31_utente-anna.csv.
func accessFileName(v accessView) string {
	parts := []string{"registro-accessi"}
	for _, p := range [][2]string{{"dal", v.From}, {"al", v.To}, {"utente", v.User}, {"azione", v.Action}} {
		if p[1] != "" {
			parts = append(parts, p[0]+"-"+fileSafe(p[1]))
		}
	}
	return strings.Join(parts, "_") + ".csv"
}

// downloadName names a download after what it holds: the report, the
// period, the reference date and the filters asked for
// (cruscotto-responsabile_dal-2024-01-01_al-2024-12-31_comune-016198.xlsx);
// no period means the report's default one, and the name says nothing of it.
func downloadName(what string, f filters, ext string) string {
	parts := []string{fileSafe(what)}
	for _, p := range []struct {
		key string
		t   time.Time
	}{{"dal", f.From}, {"al", f.To}, {"data", f.At}} {
		if !p.t.IsZero() {
			parts = append(parts, p.key+"-"+p.t.Format(time.DateOnly))
		}
	}
	for _, p := range [][2]string{{"comune", f.Comune}, {"area", f.Area}} {
		if p[1] != "" {
			parts = append(parts, p[0]+"-"+fileSafe(p[1]))
		}
	}
	return strings.Join(parts, "_") + ext
}

// fileSafe keeps letters, digits and dashes of s, for a file name.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			return r
		}
		return '-'
	}, s)
}
