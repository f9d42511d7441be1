// Package web is carico's web application: the dashboards, statements,
// imports and scenarios of the service in the browser, served from the same
// binary and the same DuckDB file as the CLI. Pages are rendered by package
// reports from what the model and analytics compute; this package adds
// accounts, roles, sessions and the access log, and never computes a figure
// of its own.
package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/carico/carico/analytics"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/usererr"
	"github.com/carico/carico/model"
	"github.com/carico/carico/reports"
	"github.com/carico/carico/store"
)

// Options configures a Server.
type Options struct {
	// Secret is the pseudonym key imports use (ingest.LoadOrCreateSecret).
	Secret []byte
	// Config is the one configuration file's content (weights,
	// thresholds, available time, procedure terms); nil for defaults.
	Config *analytics.Config
	// SecureCookies marks the session cookie Secure: under TLS, or behind a
	// reverse proxy that terminates it.
	SecureCookies bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For hops
	// are believed for the client's address (remote); none by default.
	TrustedProxies []netip.Prefix
	// MaxUpload bounds an uploaded export, in bytes; 0 means DefaultMaxUpload.
	MaxUpload int64
	// Chromium is the browser that prints statements to PDF ("" finds it).
	Chromium string
	// TempDir holds uploads while they are inspected and imported, each
	// file mode 0600: carico serve puts it beside the database, never in
	// the system's temporary directory ("" is the system's, for tests).
	// It is created (0700) if missing, and swept at start and by Close.
	TempDir string
	Log     *slog.Logger
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// DefaultMaxUpload is the largest export accepted by default (200 MB).
const DefaultMaxUpload = 200 << 20

// Server is the web application over one database, which it owns.
type Server struct {
	db  *store.DB
	opt Options

	setupMu    sync.Mutex
	setupToken string // SHA-256 of the one-time link's token; "" once used

	throttle throttle
	uploads  uploads
	cache    cache
	importMu sync.Mutex // the one writer: imports run one at a time
	printer  *reports.Printer
	// background is the work that outlives its request: the imports
	// started from a page and the figures computed again after a change
	// (changedInPage). Close cancels stopping, so that a running import
	// rolls back and leaves the database as it was, and waits for them.
	background sync.WaitGroup
	stopping   context.Context
	stop       context.CancelFunc
}

// pdfParallel is how many statements the shared browser prints at once;
// the others wait their turn.
const pdfParallel = 2

// New makes a server over db.
func New(db *store.DB, opt Options) (*Server, error) {
	dummyHash() // before the first login, which must not take longer for it
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = DefaultMaxUpload
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.TempDir != "" {
		if err := os.MkdirAll(opt.TempDir, 0o700); err != nil {
			return nil, fmt.Errorf("cartella dei caricamenti: %w", err)
		}
		if err := sweepUploads(opt.TempDir); err != nil {
			return nil, fmt.Errorf("cartella dei caricamenti: %w", err)
		}
	}
	s := &Server{db: db, opt: opt, printer: reports.NewPrinter(opt.Chromium, opt.TempDir, pdfParallel)}
	s.stopping, s.stop = context.WithCancel(context.Background())
	s.throttle.failures = map[string][]time.Time{}
	s.uploads.m = map[string]*upload{}
	return s, nil
}

func (s *Server) now() time.Time { return s.opt.Now().UTC() }

// SetupPath returns, on the first start (no account yet), the path of the
// one-time link that creates the responsabile's account, and "" otherwise.
// Each call makes a new link and voids the previous one.
func (s *Server) SetupPath(ctx context.Context) (string, error) {
	n, err := s.userCount(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	token, sum := randomToken()
	s.setupMu.Lock()
	s.setupToken = sum
	s.setupMu.Unlock()
	return "/configura?codice=" + token, nil
}

// route is one page: its pattern, the roles that may open it (nil: anyone,
// logged in or not) and its handler.
type route struct {
	pattern string
	roles   []Role
	handle  func(s *Server, w http.ResponseWriter, r *http.Request, u *User)
}

var (
	everyone    = []Role{Responsabile, Operatore, UfficioDiPiano, Politico}
	onlyResp    = []Role{Responsabile}
	namedRoles  = []Role{Responsabile, Operatore}
	aggregRoles = []Role{Responsabile, UfficioDiPiano, Politico}
	planRoles   = []Role{Responsabile, UfficioDiPiano}
)

// routes is the authorisation matrix: tests walk it, every route × role.
func routes() []route {
	return []route{
		{"GET /{$}", everyone, (*Server).home},
		{"GET /cruscotto", aggregRoles, (*Server).dashboard},
		{"GET /cruscotto/rapporto", aggregRoles, (*Server).dashboardPage},
		{"GET /cruscotto/cartella.xlsx", aggregRoles, (*Server).dashboardWorkbook},
		{"GET /prospetto", namedRoles, (*Server).statement},
		{"GET /prospetto/rapporto", namedRoles, (*Server).statementPage},
		{"GET /prospetto/cartella.xlsx", namedRoles, (*Server).statementWorkbook},
		{"GET /prospetto/prospetto.pdf", namedRoles, (*Server).statementPDF},
		{"GET /coda", onlyResp, (*Server).queuePage},
		{"GET /coda/voce", onlyResp, (*Server).queueItem},
		{"POST /coda/voce", onlyResp, (*Server).queueDecide},
		{"GET /coda/decisioni.csv", onlyResp, (*Server).queueExport},
		{"GET /coda/decisioni.xlsx", onlyResp, (*Server).queueExport},
		{"GET /segnalazioni", everyone, (*Server).registerPage},
		{"POST /segnalazioni", []Role{Operatore}, (*Server).registerFile},
		{"GET /segnalazioni/{id}", namedRoles, (*Server).registerEntry},
		{"POST /segnalazioni/{id}/passo", onlyResp, (*Server).registerStep},
		{"GET /segnalazioni/{id}/prospetto.pdf", namedRoles, (*Server).registerPDF},
		{"GET /importa", onlyResp, (*Server).importForm},
		{"POST /importa", onlyResp, (*Server).importUpload},
		{"GET /importa/{id}", onlyResp, (*Server).importMapping},
		{"POST /importa/{id}", onlyResp, (*Server).importPreview},
		{"POST /importa/{id}/avvia", onlyResp, (*Server).importRun},
		{"GET /importazioni", onlyResp, (*Server).importList},
		{"GET /importazioni/{batch}", onlyResp, (*Server).importSummary},
		{"GET /importazioni/{batch}/scarti.csv", onlyResp, (*Server).importRejects},
		{"GET /scenari", planRoles, (*Server).scenarios},
		{"POST /scenari", planRoles, (*Server).scenarioSave},
		{"POST /scenari/pubblica", planRoles, (*Server).scenarioPublish},
		{"POST /scenari/ritira", planRoles, (*Server).scenarioWithdraw},
		{"POST /scenari/rinomina", planRoles, (*Server).scenarioRename},
		{"POST /scenari/elimina", planRoles, (*Server).scenarioDelete},
		{"GET /sioss", planRoles, (*Server).siossPage},
		{"GET /sioss/cartella.xlsx", planRoles, (*Server).siossWorkbook},
		{"GET /sioss/prospetto.pdf", planRoles, (*Server).siossPDF},
		{"POST /sioss/persona", onlyResp, (*Server).siossEmployer},
		{"GET /riduzioni", onlyResp, (*Server).capacityPage},
		{"POST /riduzioni", onlyResp, (*Server).capacitySave},
		{"GET /utenti", onlyResp, (*Server).accounts},
		{"POST /utenti", onlyResp, (*Server).accountCreate},
		{"POST /utenti/{nome}/ruolo", onlyResp, (*Server).accountRole},
		{"POST /utenti/{nome}/disattiva", onlyResp, (*Server).accountDisable},
		{"POST /utenti/{nome}/riattiva", onlyResp, (*Server).accountEnable},
		{"POST /utenti/{nome}/reimposta", onlyResp, (*Server).accountReset},
		{"GET /profilo", everyone, (*Server).profile},
		{"POST /profilo/password", everyone, (*Server).passwordChange},
		{"POST /profilo/sessioni", everyone, (*Server).sessionRevoke},
		{"GET /registro", onlyResp, (*Server).accessLog},
		{"GET /registro/registro.csv", onlyResp, (*Server).accessExport},
		{"GET /accesso", nil, (*Server).loginForm},
		{"POST /accesso", nil, (*Server).login},
		{"POST /esci", nil, (*Server).logout},
		{"GET /configura", nil, (*Server).setupForm},
		{"POST /configura", nil, (*Server).setup},
		{"GET /reimposta", nil, (*Server).resetForm},
		{"POST /reimposta", nil, (*Server).reset},
		{"GET /privacy", nil, (*Server).privacyNotice},
		{"GET /accessibilita", nil, (*Server).accessibility},
	}
}

//go:embed static
var static embed.FS

// Handler is the application with its security headers and its protection
// against cross-site requests.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range routes() {
		mux.Handle(rt.pattern, s.guard(rt))
	}
	sub, _ := fs.Sub(static, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", s.staticFiles(sub)))
	mux.HandleFunc("GET /static/js/{name}", s.scriptFile)
	// The mux's own answers to an unknown page or method are English
	// («404 page not found»): these say it in Italian.
	seen := map[string]bool{}
	for _, rt := range routes() {
		if _, path, _ := strings.Cut(rt.pattern, " "); !seen[path] {
			seen[path] = true
			mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
				s.errorPage(w, r, s.session(r), http.StatusMethodNotAllowed, "Questa pagina non accetta questa operazione.")
			})
		}
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.errorPage(w, r, s.session(r), http.StatusNotFound, "La pagina richiesta non esiste.")
	})
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "Richiesta rifiutata: proviene da un altro sito (protezione CSRF).", http.StatusForbidden)
	}))
	return gzipped(securityHeaders(csrf.Handler(mux)))
}

// guard lets a request through to its page only with a session of one of
// the route's roles.
func (s *Server) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := s.session(r)
		if rt.roles != nil {
			if u == nil {
				if r.Method == http.MethodGet {
					http.Redirect(w, r, "/accesso", http.StatusSeeOther)
				} else {
					http.Error(w, "Sessione assente o scaduta: accedere di nuovo.", http.StatusUnauthorized)
				}
				return
			}
			if !allowed(rt.roles, u.Role) {
				s.logAccess(r, u, "negato", r.URL.RequestURI())
				s.errorPage(w, r, u, http.StatusForbidden, "Questa pagina non è disponibile per il suo ruolo.")
				return
			}
		}
		rt.handle(s, w, r, u)
	})
}

func allowed(roles []Role, r Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

// contentPolicy allows nothing from outside the server. Bootstrap Italia's
// stylesheet draws its small icons from data: URIs.
const contentPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "SAMEORIGIN")
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			hd.Set("Cache-Control", "no-store")
		}
		h.ServeHTTP(w, r)
	})
}

// staticFiles serves the stylesheets, scripts and fonts, cacheable, and
// answers a directory (a listing, with http.FileServer) as a page that
// does not exist.
func (s *Server) staticFiles(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	tags := etags(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimSuffix(r.URL.Path, "/")
		if name == "" {
			name = "."
		}
		if st, err := fs.Stat(fsys, name); err != nil || st.IsDir() {
			w.Header().Set("Cache-Control", "no-store")
			s.errorPage(w, r, s.session(r), http.StatusNotFound, "La pagina richiesta non esiste.")
			return
		}
		// Revalidated by ETag: an upgrade's new stylesheet is seen at once.
		w.Header().Set("Cache-Control", "public, no-cache")
		w.Header().Set("ETag", tags[name])
		files.ServeHTTP(w, r)
	})
}

// logAccess records who saw or downloaded what.
func (s *Server) logAccess(r *http.Request, u *User, action, object string) {
	a := app.Access{At: s.now(), Action: action, Object: object, Addr: s.remote(r)}
	if u != nil {
		a.Username, a.Role = u.Username, string(u.Role)
	}
	if err := app.LogAccess(context.WithoutCancel(r.Context()), s.db, a); err != nil {
		s.opt.Log.Error("registro degli accessi", "err", err)
	}
}

// Pages.

//go:embed templates/*.html
var templateFiles embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"roleLabel":   func(r Role) string { return r.Label() },
	"minPassword": func() int { return minPassword },
	"local":       local,
	"kindLabel":   kindLabel,
	"has":         func(u *User, roles ...Role) bool { return u != nil && allowed(roles, u.Role) },
}).ParseFS(templateFiles, "templates/*.html"))

// view is what every page template receives.
type view struct {
	Ente    string // the ente's name in the header (render sets it)
	Title   string
	User    *User
	Active  string
	Error   string
	Message string
	Data    any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	v.Ente = s.ente().Name
	if err := pages.ExecuteTemplate(w, name, v); err != nil {
		s.opt.Log.Error("pagina", "template", name, "err", err)
	}
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, u *User, status int, msg string) {
	s.render(w, r, status, "error.html", view{Title: statusText(status), User: u, Error: msg})
}

// fail shows err to the user as a server error, in Italian (usererr);
// the original goes to the log.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, u *User, err error) {
	s.opt.Log.Error("richiesta", "path", r.URL.Path, "err", usererr.Detail(err))
	status := http.StatusInternalServerError
	if errors.Is(err, model.ErrNoData) {
		status = http.StatusConflict
	}
	s.errorPage(w, r, u, status, usererr.Message(err))
}

// statusText names an HTTP status in Italian, for the title of an error
// page (http.StatusText is English).
func statusText(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "Richiesta non valida"
	case http.StatusUnauthorized:
		return "Accesso richiesto"
	case http.StatusForbidden:
		return "Accesso non consentito"
	case http.StatusNotFound:
		return "Pagina non trovata"
	case http.StatusMethodNotAllowed:
		return "Operazione non consentita"
	case http.StatusConflict:
		return "Dati non disponibili"
	case http.StatusRequestEntityTooLarge:
		return "File troppo grande"
	case http.StatusTooManyRequests:
		return "Troppi tentativi"
	case http.StatusServiceUnavailable:
		return "Servizio non disponibile"
	}
	if status >= 500 {
		return "Errore del server"
	}
	return "Errore"
}
