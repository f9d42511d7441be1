package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/ingest"
	"github.com/carico/carico/ingest/table"
	"github.com/carico/carico/internal/csvsafe"
	"github.com/carico/carico/internal/usererr"
)

// upload is an export on its way into the database: streamed to a file
// beside the database (Options.TempDir, mode 0600), inspected, mapped,
// previewed and imported. The file is deleted when the import ends or
// fails, when it is left untouched for uploadTTL, and at start and
// shutdown (uploads.go).
type upload struct {
	ID, Name, path string
	Inspection     *ingest.Inspection
	HeaderSum      string
	Profile        *ingest.Profile
	ProfileName    string
	SavedProfile   bool // proposed from a profile saved for the same header
	// ComuneLabels are the distinct names in the comune column, which
	// the form maps onto the comuni of the database.
	ComuneLabels []string

	touched time.Time // last opened; guarded by uploads.mu

	// dry is what the import would do with Profile, from the last
	// preview's dry run; nil until previewed. Guarded by mu.
	dry *ingest.Result
	// dryErr is why the last preview's dry run failed. Guarded by mu.
	dryErr error

	mu       sync.Mutex
	state    string // "mappatura", "anteprima" (the dry run), "in corso", "conclusa", "fallita"
	progress string
	result   *ingest.Result
	err      error
}

// remove deletes the uploaded file and its directory.
func (up *upload) remove() { os.RemoveAll(filepath.Dir(up.path)) }

// busy reports whether the upload's preview or import is running.
func (up *upload) busy() bool {
	up.mu.Lock()
	defer up.mu.Unlock()
	return up.state == "anteprima" || up.state == "in corso"
}

// comuniOrNone lists the comuni for the mapping form; without them the
// form offers no comune mapping and the importer matches names itself.
func (s *Server) comuniOrNone(ctx context.Context) []comune {
	c, err := s.comuni(ctx)
	if err != nil {
		s.opt.Log.Error("comuni", "err", err)
	}
	return c
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request, u *User) {
	s.render(w, r, http.StatusOK, "import.html", view{Title: "Importa un'esportazione", User: u, Active: "importa",
		Data: map[string]any{"Max": s.opt.MaxUpload >> 20, "Kinds": kindChoices()}})
}

// importUpload streams the uploaded export to a temporary file, with the
// size limit, and inspects it.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request, u *User) {
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxUpload+1<<20)
	up, kind, err := s.receive(r)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			err = fmt.Errorf("il file supera il limite di %d MB", s.opt.MaxUpload>>20)
		}
		s.render(w, r, http.StatusBadRequest, "import.html", view{Title: "Importa un'esportazione", User: u, Active: "importa", Error: usererr.Message(err),
			Data: map[string]any{"Max": s.opt.MaxUpload >> 20, "Kinds": kindChoices()}})
		return
	}
	if err := s.propose(r.Context(), up, kind); err != nil {
		up.remove()
		s.render(w, r, http.StatusBadRequest, "import.html", view{Title: "Importa un'esportazione", User: u, Active: "importa", Error: usererr.Message(err),
			Data: map[string]any{"Max": s.opt.MaxUpload >> 20, "Kinds": kindChoices()}})
		return
	}
	s.uploads.put(up, s.now())
	s.logAccess(r, u, "caricamento", up.Name)
	http.Redirect(w, r, "/importa/"+up.ID, http.StatusSeeOther)
}

// receive reads the multipart form field by field, copying the file part to
// disk as it arrives.
func (s *Server) receive(r *http.Request) (*upload, string, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, "", errors.New("modulo di caricamento non valido")
	}
	var up *upload
	var kind string
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			if up != nil {
				up.remove()
			}
			return nil, "", err
		}
		switch part.FormName() {
		case "tipo":
			b, _ := io.ReadAll(io.LimitReader(part, 64))
			kind = strings.TrimSpace(string(b))
		case "file":
			name := filepath.Base(part.FileName())
			ext := strings.ToLower(filepath.Ext(name))
			if !slices.Contains([]string{".csv", ".txt", ".tsv", ".xlsx", ".xlsm"}, ext) {
				return nil, "", fmt.Errorf("formato di %q non riconosciuto: caricare un file .csv o .xlsx", name)
			}
			// The file keeps its name, which the import's summary and
			// rejections cite, in a directory of its own.
			dir, err := os.MkdirTemp(s.opt.TempDir, uploadPrefix)
			if err != nil {
				return nil, "", err
			}
			path := filepath.Join(dir, name)
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
			if err != nil {
				os.RemoveAll(dir)
				return nil, "", err
			}
			n, err := io.Copy(f, part)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err == nil && n > s.opt.MaxUpload {
				err = fmt.Errorf("il file supera il limite di %d MB", s.opt.MaxUpload>>20)
			}
			if err != nil {
				os.RemoveAll(dir)
				return nil, "", err
			}
			token, _ := randomToken()
			up = &upload{ID: token[:16], Name: name, path: path, state: "mappatura"}
		}
	}
	if up == nil {
		return nil, "", errors.New("nessun file scelto")
	}
	return up, kind, nil
}

// propose inspects the file and proposes a profile: the one saved for the
// same header, or the one inspect writes.
func (s *Server) propose(ctx context.Context, up *upload, kind string) error {
	if kind != "" {
		if _, ok := ingest.Fields[kind]; !ok {
			return fmt.Errorf("tipo %q sconosciuto", kind)
		}
	}
	in, err := ingest.Inspect(up.path, table.Options{}, kind)
	if err != nil {
		return err
	}
	up.Inspection = in
	up.HeaderSum = headerSum(in)
	saved, err := app.ProfileFor(ctx, s.db, up.HeaderSum)
	switch {
	case err == nil:
		p, err := ingest.ParseProfile([]byte(saved.TOML))
		if err != nil {
			return fmt.Errorf("profilo salvato %q: %w", saved.Name, err)
		}
		up.Profile, up.ProfileName, up.SavedProfile = p, saved.Name, true
		up.ComuneLabels, err = distinctValues(up.path, p, "comune")
		return err
	case !errors.Is(err, app.ErrNotFound):
		return err
	}
	var b bytes.Buffer
	if err := in.WriteProfile(&b); err != nil {
		return err
	}
	p, err := ingest.ParseProfile(b.Bytes())
	if err != nil {
		return fmt.Errorf("profilo proposto: %w", err)
	}
	up.Profile, up.ProfileName = p, strings.TrimSuffix(up.Name, filepath.Ext(up.Name))
	up.ComuneLabels, err = distinctValues(up.path, p, "comune")
	return err
}

// maxLabels bounds the distinct names offered for mapping.
const maxLabels = 200

// distinctValues lists the distinct values of the columns the profile maps
// to field, in order of first appearance; nil when there are too many.
func distinctValues(path string, p *ingest.Profile, field string) ([]string, error) {
	cols := p.Columns[field]
	if len(cols) == 0 {
		return nil, nil
	}
	src, err := table.Open(path, tableOptions(p))
	if err != nil {
		return nil, err
	}
	defer src.Close()
	header := src.Header()
	seen := map[string]bool{}
	var out []string
	for {
		row, err := src.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			continue // the import reports unreadable rows
		}
		v := joinColumns(header, row.Fields, cols, nil)
		if v != "" && !seen[v] {
			if seen[v] = true; len(seen) > maxLabels {
				return nil, nil
			}
			out = append(out, v)
		}
	}
}

// joinColumns is the value of a field held in cols, joined with a space
// as the importer joins them; masked columns show a placeholder.
func joinColumns(header, fields, cols []string, masked map[string]bool) string {
	var parts []string
	for _, col := range cols {
		if k := slices.Index(header, col); k >= 0 && k < len(fields) {
			v := strings.TrimSpace(fields[k])
			if masked[col] && v != "" {
				v = "•••• (pseudonimizzato)"
			}
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, " ")
}

// tableOptions reads a file as the profile says.
func tableOptions(p *ingest.Profile) table.Options {
	opt := table.Options{Encoding: p.Encoding, Sheet: p.Sheet, HeaderRow: p.HeaderRow}
	if p.Delimiter != "" {
		opt.Delimiter = []rune(p.Delimiter)[0]
	}
	return opt
}

// headerSum identifies an export's layout: its kind and column names.
func headerSum(in *ingest.Inspection) string {
	h := sha256.New()
	io.WriteString(h, in.Kind)
	for _, c := range in.Columns {
		io.WriteString(h, "\x00"+strings.TrimSpace(c.Name))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// mappingView is the mapping form: column → field, label → canonical value.
type mappingView struct {
	Up      *upload
	Columns []columnChoice
	Labels  []labelGroup
	Fields  []option            // carico's fields of the kind, named in Italian
	Formats map[string][]option // the formats offered: value, Italian name
	// Unclassified are the labels the import would reject rows for.
	Unclassified []unclassified
	// Dry is the dry run's outcome, Sample its first rows as stored and
	// Rejections its first rejections; nil before a preview.
	Dry        *ingest.Result
	SampleRows [][]string // the dry run's first rows, canonical values named in Italian
	Rejections []ingest.Rejection
	// OtherRoles is the dry run's warning of roster rows kept as «altro»
	// (ingest.Result.OtherRolesNote, the words `carico import` prints).
	OtherRoles string
	Running    bool
}

// unclassified is a label no value is given for, with the form's select
// that classifies it.
type unclassified struct{ Field, Label, Select string }

// maxShownRejections bounds the rejections the preview lists.
const maxShownRejections = 20

type columnChoice struct {
	Index   int
	Name    string
	Field   string
	Samples string
}

type labelGroup struct {
	Field   string
	Name    string // the field's Italian name
	Empty   string // the choice that maps nothing
	Options []option
	Labels  []labelChoice
}

type option struct{ Value, Label string }

type labelChoice struct {
	Index        int
	Label, Value string
}

func (s *Server) mappingView(up *upload, comuni []comune) mappingView {
	in, p := up.Inspection, up.Profile
	v := mappingView{Up: up, Formats: map[string][]option{
		"date": {{"dd/mm/yyyy", "gg/mm/aaaa"}, {"dd/mm/yy", "gg/mm/aa"}, {"dd-mm-yyyy", "gg-mm-aaaa"}, {"yyyy-mm-dd", "aaaa-mm-gg"},
			{"excel", "numero di serie di Excel"}},
		"duration": {{"minutes", "minuti"}, {"hours", "ore, anche decimali (1,5)"}, {"h:mm", "ore e minuti (h:mm)"}, {"hh:mm:ss", "ore, minuti e secondi (hh:mm:ss)"}},
	}}
	for _, f := range ingest.Fields[in.Kind] {
		v.Fields = append(v.Fields, option{f, ingest.FieldLabel(in.Kind, f)})
	}
	for i, c := range in.Columns {
		cc := columnChoice{Index: i, Name: c.Name}
		for f, cols := range p.Columns {
			if slices.Contains(cols, c.Name) {
				cc.Field = f
			}
		}
		if c.Masked {
			cc.Samples = "dato personale: esempi non mostrati"
		} else {
			cc.Samples = strings.Join(c.Samples, " · ")
		}
		v.Columns = append(v.Columns, cc)
	}
	look := ingest.Labeller(p)
	for _, f := range ingest.Fields[in.Kind] {
		values := ingest.LabelValues(f)
		if values == nil || len(in.Labels[f]) == 0 {
			continue
		}
		g := labelGroup{Field: f, Name: ingest.FieldLabel(in.Kind, f), Empty: "da classificare"}
		// A qualifica no one classifies is not rejected: the person is
		// imported as «altro» (ingest's mapper.role), and the preview
		// warns (mappingView.OtherRoles).
		keeps := f == "role"
		if keeps {
			g.Empty = "non riconosciuta: " + carico.RoleOther.Label()
		}
		for _, x := range values {
			g.Options = append(g.Options, option{x, valueLabel(f, x)})
		}
		for i, l := range in.Labels[f] {
			val, ok := look(f, l)
			if !ok && !keeps {
				v.Unclassified = append(v.Unclassified, unclassified{Field: g.Name, Label: l, Select: fmt.Sprintf("val-%s-%d", f, i)})
			}
			g.Labels = append(g.Labels, labelChoice{Index: i, Label: l, Value: val})
		}
		v.Labels = append(v.Labels, g)
	}
	if len(up.ComuneLabels) > 0 {
		g := labelGroup{Field: "comune", Name: "comune", Empty: "riconosciuto dal nome, se coincide"}
		for _, c := range comuni {
			g.Options = append(g.Options, option{c.ISTAT, c.Name})
		}
		for i, l := range up.ComuneLabels {
			g.Labels = append(g.Labels, labelChoice{Index: i, Label: l, Value: p.Values["comune"][l]})
		}
		v.Labels = append(v.Labels, g)
	}
	up.mu.Lock()
	if v.Dry = up.dry; v.Dry != nil {
		v.Rejections = v.Dry.Rejections[:min(len(v.Dry.Rejections), maxShownRejections)]
		v.OtherRoles = v.Dry.OtherRolesNote()
		if sm := v.Dry.Sample; sm != nil {
			for _, row := range sm.Rows {
				out := make([]string, len(row))
				for i, x := range row {
					out[i] = valueLabel(sm.Keys[i], x)
				}
				v.SampleRows = append(v.SampleRows, out)
			}
		}
	}
	up.mu.Unlock()
	return v
}

// upload is the request's upload; without it, it has answered 404.
func (s *Server) upload(w http.ResponseWriter, r *http.Request, u *User) *upload {
	up := s.uploads.get(r.PathValue("id"), s.now())
	if up == nil {
		s.errorPage(w, r, u, http.StatusNotFound, "Caricamento non trovato: il file è già stato importato o il server è stato riavviato. Caricarlo di nuovo.")
	}
	return up
}

func (s *Server) importMapping(w http.ResponseWriter, r *http.Request, u *User) {
	up := s.upload(w, r, u)
	if up == nil {
		return
	}
	up.mu.Lock()
	state, progress, res, err, dry, dryErr := up.state, up.progress, up.result, up.err, up.dry, up.dryErr
	up.mu.Unlock()
	switch state {
	case "in corso":
		s.render(w, r, http.StatusOK, "progress.html", view{Title: "Importazione in corso", User: u, Active: "importa",
			Data: progressView{ID: up.ID, Name: up.Name, What: "Importazione", Line: progress}})
	case "anteprima":
		s.render(w, r, http.StatusOK, "progress.html", view{Title: "Anteprima in corso", User: u, Active: "importa",
			Data: progressView{ID: up.ID, Name: up.Name, What: "Anteprima dell'importazione", Line: progress}})
	case "conclusa":
		http.Redirect(w, r, fmt.Sprintf("/importazioni/%d", res.BatchID), http.StatusSeeOther)
	case "fallita":
		s.render(w, r, http.StatusOK, "mapping.html", view{Title: "Importazione non riuscita", User: u, Active: "importa",
			Error: "Importazione non riuscita, nessuna riga è stata importata: " + usererr.Message(err), Data: s.mappingView(up, s.comuniOrNone(r.Context()))})
	default: // "mappatura"
		if dryErr != nil {
			s.render(w, r, http.StatusOK, "mapping.html", view{Title: "Corrispondenze del file", User: u, Active: "importa",
				Error: "Anteprima non riuscita: " + usererr.Message(dryErr), Data: s.mappingView(up, s.comuniOrNone(r.Context()))})
			return
		}
		title := "Corrispondenze del file"
		if dry != nil {
			title = "Anteprima dell'importazione"
		}
		s.render(w, r, http.StatusOK, "mapping.html", view{Title: title, User: u, Active: "importa", Data: s.mappingView(up, s.comuniOrNone(r.Context()))})
	}
}

// progressView is the page of a preview or an import under way; Line is
// the importer's last progress line.
type progressView struct{ ID, Name, What, Line string }

// profileFromForm reads the mapping form into a profile.
func profileFromForm(r *http.Request, up *upload) (*ingest.Profile, string, error) {
	if err := r.ParseForm(); err != nil {
		return nil, "", err
	}
	in := up.Inspection
	p := *up.Profile
	p.Columns = map[string]ingest.Columns{}
	p.Values = map[string]map[string]string{}
	p.Source = strings.TrimSpace(r.PostFormValue("source"))
	p.Formats.Date = r.PostFormValue("date")
	p.Formats.Duration = r.PostFormValue("duration")
	fields := ingest.Fields[in.Kind]
	for i, c := range in.Columns {
		f := r.PostFormValue("col" + strconv.Itoa(i))
		if f == "" {
			continue
		}
		if !slices.Contains(fields, f) {
			return nil, "", fmt.Errorf("campo %q sconosciuto per la colonna %q", f, c.Name)
		}
		p.Columns[f] = append(p.Columns[f], c.Name)
	}
	labels := map[string][]string{"comune": up.ComuneLabels}
	for f, ls := range in.Labels {
		labels[f] = ls
	}
	for _, f := range fields {
		for i, l := range labels[f] {
			v := r.PostFormValue(fmt.Sprintf("val-%s-%d", f, i))
			if v == "" || v == l {
				continue
			}
			if p.Values[f] == nil {
				p.Values[f] = map[string]string{}
			}
			p.Values[f][l] = v
		}
	}
	name := strings.TrimSpace(r.PostFormValue("nome"))
	if name == "" {
		return nil, "", errors.New("dare un nome al profilo, per riproporlo il mese prossimo")
	}
	p.Name = name
	if err := errors.Join(p.Check(), p.Complete()); err != nil {
		return &p, name, err
	}
	return &p, name, nil
}

// importPreview checks the mapping and starts the import's dry run in the
// background, through the same importer; the upload's page shows its
// progress, then what the import would insert, update, leave unchanged
// and reject, and the first rows as they would be stored. A form that
// does not make a profile is answered at once.
func (s *Server) importPreview(w http.ResponseWriter, r *http.Request, u *User) {
	up := s.upload(w, r, u)
	if up == nil {
		return
	}
	if up.busy() {
		http.Redirect(w, r, "/importa/"+up.ID, http.StatusSeeOther)
		return
	}
	p, name, err := profileFromForm(r, up)
	up.mu.Lock()
	if p != nil {
		up.Profile, up.ProfileName = p, name
	}
	up.dry, up.dryErr = nil, nil
	if err == nil {
		up.state, up.progress = "anteprima", "In attesa che finiscano le importazioni in corso…"
	}
	up.mu.Unlock()
	if err != nil {
		s.render(w, r, http.StatusBadRequest, "mapping.html", view{Title: "Corrispondenze del file", User: u, Active: "importa", Error: usererr.Message(err),
			Data: s.mappingView(up, s.comuniOrNone(r.Context()))})
		return
	}
	s.background.Go(func() { s.runDryRun(up) })
	http.Redirect(w, r, "/importa/"+up.ID, http.StatusSeeOther)
}

// runDryRun runs the import of up with its profile and rolls it back, as
// the one writer: imports and previews run one at a time.
func (s *Server) runDryRun(up *upload) {
	s.importMu.Lock()
	defer s.importMu.Unlock()
	progressLine{up}.Write([]byte("Anteprima avviata…"))
	im := &ingest.Importer{DB: s.db, Secret: s.opt.Secret, Log: s.opt.Log, DryRun: true, Progress: progressLine{up}}
	res, err := im.Import(s.stopping, up.path, up.Profile, up.ProfileName)
	up.mu.Lock()
	defer up.mu.Unlock()
	up.state, up.dry, up.dryErr = "mappatura", res, err
	if err != nil {
		up.dry = nil
	}
}

// importRun saves the profile by name and queues the import: the server is
// the database's one writer, and imports run one at a time.
func (s *Server) importRun(w http.ResponseWriter, r *http.Request, u *User) {
	up := s.upload(w, r, u)
	if up == nil {
		return
	}
	up.mu.Lock()
	if up.state != "mappatura" && up.state != "fallita" {
		up.mu.Unlock()
		http.Redirect(w, r, "/importa/"+up.ID, http.StatusSeeOther)
		return
	}
	dry := up.dry
	if dry == nil || (dry.Rejected > 0 && r.PostFormValue("conferma_scarti") != "si") {
		up.mu.Unlock()
		msg := "Controllare l'anteprima prima di importare."
		if dry != nil {
			rows := fmt.Sprintf("%d righe sarebbero scartate", dry.Rejected)
			if dry.Rejected == 1 {
				rows = "Una riga sarebbe scartata"
			}
			msg = rows + ": classificare le etichette o correggere il file e ricontrollare, oppure confermare di importare senza quelle righe."
		}
		s.render(w, r, http.StatusConflict, "mapping.html", view{Title: "Anteprima dell'importazione", User: u, Active: "importa", Error: msg,
			Data: s.mappingView(up, s.comuniOrNone(r.Context()))})
		return
	}
	up.state, up.progress = "in corso", "In attesa che finiscano le importazioni precedenti…"
	up.mu.Unlock()
	if err := s.saveProfile(r.Context(), up, u); err != nil {
		up.mu.Lock()
		up.state, up.err = "fallita", err
		up.mu.Unlock()
		http.Redirect(w, r, "/importa/"+up.ID, http.StatusSeeOther)
		return
	}
	s.logAccess(r, u, "importazione", up.Name+" con il profilo "+up.ProfileName)
	s.background.Go(func() { s.runImport(up) })
	http.Redirect(w, r, "/importa/"+up.ID, http.StatusSeeOther)
}

func (s *Server) saveProfile(ctx context.Context, up *upload, u *User) error {
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(up.Profile); err != nil {
		return err
	}
	return app.SaveProfile(ctx, s.db, app.Profile{Name: up.ProfileName, Kind: up.Profile.Kind, HeaderSum: up.HeaderSum,
		TOML: b.String(), SavedAt: s.now(), SavedBy: u.Username})
}

// progressLine keeps the importer's last progress line for the page.
type progressLine struct{ up *upload }

func (p progressLine) Write(b []byte) (int, error) {
	line := strings.TrimSpace(strings.TrimLeft(string(b), "\r"))
	if line != "" {
		p.up.mu.Lock()
		p.up.progress = line
		p.up.mu.Unlock()
	}
	return len(b), nil
}

// errStopped is an import the server's shutdown cancelled: it rolled
// back, as any failed import does.
var errStopped = errors.New("il server è stato fermato durante l'importazione: nessun dato di questo file è stato scritto; caricarlo di nuovo")

// runImport imports an upload, one at a time, in the background; the
// server's shutdown cancels it.
func (s *Server) runImport(up *upload) {
	s.importMu.Lock()
	defer s.importMu.Unlock()
	progressLine{up}.Write([]byte("Importazione avviata…"))
	im := &ingest.Importer{DB: s.db, Secret: s.opt.Secret, Log: s.opt.Log, Progress: progressLine{up}}
	var res *ingest.Result
	err := errStopped
	if s.stopping.Err() == nil {
		res, err = im.Import(s.stopping, up.path, up.Profile, up.ProfileName)
	}
	if err != nil && s.stopping.Err() != nil {
		s.opt.Log.Warn("importazione interrotta dalla chiusura del server", "file", up.Name, "err", usererr.Detail(err))
		res, err = nil, errStopped
	}
	if res != nil {
		res.File = up.Name
	}
	if err == nil {
		progressLine{up}.Write([]byte("Aggiornamento degli indicatori…"))
		s.dataChanged(s.stopping)
	} else {
		s.cache.invalidate()
	}
	up.mu.Lock()
	defer up.mu.Unlock()
	if err != nil {
		// The file stays for another try, which the page offers; it goes
		// when the upload expires.
		up.state, up.err = "fallita", err
		return
	}
	up.state, up.result = "conclusa", res
	up.remove()
}

// Import summaries.

type batch = facts.ImportBatch

type rejection = facts.RejectedLine

func (s *Server) batches(ctx context.Context, id int64) ([]batch, error) {
	bs, err := facts.ImportBatches(ctx, s.db, id)
	for i := range bs {
		bs[i].File = filepath.Base(bs[i].File)
	}
	return bs, err
}

func (s *Server) importList(w http.ResponseWriter, r *http.Request, u *User) {
	bs, err := s.batches(r.Context(), 0)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.render(w, r, http.StatusOK, "imports.html", view{Title: "Importazioni", User: u, Active: "importazioni", Data: bs})
}

func (s *Server) rejections(ctx context.Context, id int64, limit int) ([]rejection, error) {
	return facts.RejectedLines(ctx, s.db, id, limit)
}

func (s *Server) batchOf(w http.ResponseWriter, r *http.Request, u *User) (*batch, bool) {
	id, err := strconv.ParseInt(r.PathValue("batch"), 10, 64)
	if err != nil {
		s.errorPage(w, r, u, http.StatusNotFound, "Importazione non trovata.")
		return nil, false
	}
	bs, err := s.batches(r.Context(), id)
	if err != nil {
		s.fail(w, r, u, err)
		return nil, false
	}
	if len(bs) == 0 {
		s.errorPage(w, r, u, http.StatusNotFound, "Importazione non trovata.")
		return nil, false
	}
	return &bs[0], true
}

func (s *Server) importSummary(w http.ResponseWriter, r *http.Request, u *User) {
	b, ok := s.batchOf(w, r, u)
	if !ok {
		return
	}
	rej, err := s.rejections(r.Context(), b.ID, 200)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.logAccess(r, u, "vista", fmt.Sprintf("riepilogo importazione %d", b.ID))
	s.render(w, r, http.StatusOK, "summary.html", view{Title: "Riepilogo dell'importazione", User: u, Active: "importazioni",
		Data: map[string]any{"Batch": b, "Rejections": rej}})
}

// importRejects downloads the summary and every rejected row as CSV, for
// Excel (semicolons, UTF-8 with BOM).
func (s *Server) importRejects(w http.ResponseWriter, r *http.Request, u *User) {
	b, ok := s.batchOf(w, r, u)
	if !ok {
		return
	}
	rej, err := s.rejections(r.Context(), b.ID, 1<<30)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	s.logAccess(r, u, "scaricamento", fmt.Sprintf("scarti importazione %d", b.ID))
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"importazione-%d.csv\"", b.ID))
	io.WriteString(w, "\ufeff")
	cw := csvsafe.NewWriter(w)
	cw.Write([]string{"file", "tipo", "righe lette", "inserite", "aggiornate", "invariate", "scartate"})
	cw.Write([]string{b.File, kindLabel(b.Kind), strconv.Itoa(b.Read), strconv.Itoa(b.Inserted), strconv.Itoa(b.Updated), strconv.Itoa(b.Unchanged), strconv.Itoa(b.Rejected)})
	cw.Write(nil)
	cw.Write([]string{"riga", "foglio", "colonna", "valore", "motivo"})
	for _, x := range rej {
		cw.Write([]string{strconv.Itoa(x.Line), x.Sheet, x.Column, x.Value, x.Reason})
	}
	cw.Flush()
}

// valueLabel names a canonical value in Italian, with its code.
func valueLabel(field, v string) string {
	var l string
	switch field {
	case "kind":
		l = carico.Kind(v).Label()
	case "area":
		l = carico.Area(v).Label()
	case "initiative":
		l = carico.Initiative(v).Label()
	case "role":
		l = carico.Role(v).Label()
	case "contract":
		l = carico.Contract(v).Label()
	}
	if l == "" {
		return v
	}
	return l
}

type kindChoice struct{ Value, Label string }

// kindLabel names an import kind in Italian.
func kindLabel(kind string) string {
	for _, k := range kindChoices()[1:] {
		if k.Value == kind {
			return k.Label
		}
	}
	return kind
}

func kindChoices() []kindChoice {
	return []kindChoice{{"", "dedotto dall'intestazione"}, {"activities", "diario degli interventi"}, {"cases", "cartelle"},
		{"assignments", "assegnazioni delle cartelle"}, {"staff", "personale"}, {"absences", "assenze"}, {"population", "popolazione residente"},
		{"istanze", "istanze (più per cartella)"}, {"capacity", "riduzioni di capacità"}}
}
