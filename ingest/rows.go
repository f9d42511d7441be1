package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/ingest/comuni"
	"github.com/carico/carico/ingest/mask"
	"github.com/carico/carico/ingest/value"
)

// personalFields never reach a table: they only feed the pseudonym, and
// their values are masked wherever a rejection shows them.
var personalFields = map[string]bool{"person_cf": true, "person_name": true, "birth_date": true}

// row is the mapping of one source row onto canonical fields. It collects
// one Rejection per bad cell, so the user sees every problem of a row at once.
type row struct {
	p       *Profile
	file    string
	sheet   string
	width   int              // cells of the header
	now     time.Time        // the import's time, for the plausible range of dates
	idx     map[string][]int // canonical field → column positions in the header
	cols    *fieldCols       // idx again, for plain; nil when too many fields for it
	checked []checked        // columns checked for codici fiscali
	tr      map[string]*rowTransform
	bad     []string // fields a transform rejected in this row
	outside bool     // the row's comune is a comune outside the Ambito
	// otherRole is the qualifica of a roster row kept as «altro» because
	// no map knows it ("" when the row's role is known, or when missing:
	// then missingRole).
	otherRole   string
	missingRole bool
	fields      []string
	line        int
	rejects     []Rejection
	skip        bool // the row is not data to import (an age row of a table by age)
	// normalized counts the row's IDs that lost leading zeros.
	normalized int
}

func newRow(p *Profile, file, sheet string, header []string) *row {
	pos := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if _, dup := pos[h]; !dup {
			pos[h] = i
		}
	}
	idx := map[string][]int{}
	for f, cols := range p.Columns {
		for _, c := range cols {
			idx[f] = append(idx[f], pos[strings.TrimSpace(c)])
		}
	}
	var tr map[string]*rowTransform
	for f, t := range p.Transforms {
		if tr == nil {
			tr = map[string]*rowTransform{}
		}
		tr[f] = newRowTransform(t, pos)
	}
	return &row{p: p, file: file, sheet: sheet, idx: idx, cols: newFieldCols(idx), checked: checkedColumns(p, idx), tr: tr,
		width: len(header), now: time.Now()}
}

// fieldCols holds a row's idx for plain, which a kind's mapping calls a
// dozen times a row: a small table probed from the field name's length and
// end letters, where the map hashes the whole name. The map's lookups were
// a seventh of the mapping's time in a CPU profile of BenchmarkMapDiario.
type fieldCols struct {
	slots [64]struct {
		name string
		cols []int
	}
}

// newFieldCols puts idx in a table, or returns nil when idx has more fields
// than the table keeps sparse.
func newFieldCols(idx map[string][]int) *fieldCols {
	if len(idx) > 32 {
		return nil
	}
	f := &fieldCols{}
	for name, cols := range idx {
		if name == "" {
			return nil
		}
		i := fieldSlot(name)
		for f.slots[i].name != "" {
			i = (i + 1) % len(f.slots)
		}
		f.slots[i].name, f.slots[i].cols = name, cols
	}
	return f
}

func fieldSlot(name string) int {
	return int((uint(len(name))*7 ^ uint(name[0])*31 ^ uint(name[len(name)-1])*131) % 64)
}

// get is idx[name].
func (f *fieldCols) get(name string) []int {
	if name == "" {
		return nil
	}
	for i := fieldSlot(name); ; i = (i + 1) % len(f.slots) {
		switch f.slots[i].name {
		case name:
			return f.slots[i].cols
		case "":
			return nil
		}
	}
}

// overflow rejects a row with more filled cells than the header: a
// delimiter inside a value (a name, a note) has shifted its cells, and
// mapping it would put a codice fiscale into «Comune», say.
func (r *row) overflow() bool {
	if len(r.fields) <= r.width {
		return false
	}
	r.rejects = append(r.rejects, Rejection{File: r.file, Line: r.line, Sheet: r.sheet,
		Column: "Colonna " + strconv.Itoa(r.width+1), Value: mask.Value(strings.Join(r.fields[r.width:], " | "), true),
		Reason: fmt.Sprintf("la riga ha %d celle ma l'intestazione %d: un separatore dentro un valore (un nome, una nota) ha spostato le celle; correggere la riga nel file", len(r.fields), r.width)})
	return true
}

// guard masks, in what the row's rejections write, the row's own person
// values (codice fiscale, name and its cells, birth date) in every
// spelling: whatever a reason quoted, or a shift moved, the person's data
// is never written in clear.
func (r *row) guard() {
	var values []string
	for _, f := range []string{"person_cf", "person_name", "birth_date"} {
		for _, c := range r.idx[f] {
			values = append(values, r.cell(c))
		}
		if len(r.idx[f]) > 1 {
			values = append(values, r.text(f))
		}
	}
	if len(values) == 0 {
		return
	}
	for i := range r.rejects {
		rj := &r.rejects[i]
		rj.Value, rj.Reason = mask.Scrub(rj.Value, values...), mask.Scrub(rj.Reason, values...)
	}
}

func (r *row) reset(line int, fields []string) {
	r.line, r.fields, r.rejects, r.skip, r.normalized = line, fields, r.rejects[:0], false, 0
	r.bad, r.outside, r.otherRole, r.missingRole = r.bad[:0], false, "", false
}

// mapped reports whether the profile maps field onto a column or a constant.
func (r *row) mapped(field string) bool {
	if r.cols != nil {
		return len(r.cols.get(field)) > 0 || r.p.Constants[field] != "" || r.tr[field] != nil
	}
	return len(r.idx[field]) > 0 || r.p.Constants[field] != "" || r.tr[field] != nil
}

// text is the trimmed cell of field, or its cells joined by a space when the
// profile builds it from several columns (Cognome + Nome), or what the
// profile's transform takes out of a cell.
func (r *row) text(field string) string {
	if r.tr != nil {
		if t := r.tr[field]; t != nil {
			return t.apply(r, field)
		}
	}
	return r.plain(field)
}

// plain is the text of field's own columns or constant.
func (r *row) plain(field string) string {
	var cols []int
	if r.cols != nil {
		cols = r.cols.get(field)
	} else {
		cols = r.idx[field]
	}
	switch len(cols) {
	case 0:
		return r.p.Constants[field]
	case 1:
		return strings.TrimSpace(r.cell(cols[0]))
	}
	parts := make([]string, 0, len(cols))
	for _, c := range cols {
		if s := strings.TrimSpace(r.cell(c)); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

func (r *row) cell(i int) string {
	if i < len(r.fields) {
		return r.fields[i]
	}
	return ""
}

// reject records a bad cell of field. The value is masked wherever it
// looks personal (see maskCell); the reason never carries it, in any
// spelling (escaped, in capitals): the value has its own column, kept in
// the service, while the reason goes into the exports and the reports,
// and a shifted row can put a case number in any cell (see mask.Without).
func (r *row) reject(field, val, reason string) {
	reason = mask.Without(reason, val)
	if masked := maskCell(field, val); masked != val {
		val = masked
	}
	r.rejects = append(r.rejects, Rejection{
		File: r.file, Line: r.line, Sheet: r.sheet,
		Column: r.column(field), Value: val, Reason: mask.Excerpt(reason),
	})
}

// column names where field comes from: its columns, or the profile's constant.
func (r *row) column(field string) string {
	if cols := r.p.Columns[field]; len(cols) > 0 {
		return strings.Join(cols, " + ")
	}
	if r.p.Constants[field] != "" {
		return "[constants] " + field
	}
	if t := r.p.Transforms[field]; t != nil {
		return strings.Join(t.columns(), " + ")
	}
	return ""
}

// shownDates are the fields whose dates a rejection shows as written, so
// that the user can correct them; a date anywhere else may be a birth date
// a shifted row put there, and is masked.
var shownDates = map[string]bool{"date": true, "opened": true, "closed": true, "application": true,
	"decision": true, "from": true, "to": true, "start": true, "end": true, "patron": true}

// maskCell masks what a rejection shows of a cell of field: a personal
// field entirely; in any other field whatever looks like a codice fiscale,
// a date (outside date fields) or a person's name (except operators, who
// are staff, whose names the roster stores and the user must see to add an
// alias).
func maskCell(field, val string) string {
	switch {
	case personalFields[field]:
		return mask.Personal(val)
	case shownDates[field]:
		return mask.Dates(val)
	case field == "operator" || field == "operator_id":
		return mask.Value(val, false)
	}
	return mask.Value(val, true)
}

// plausible rejects a date before 1900 or more than a year after the
// import: 31/12/9999 would move every default period to the year 9999.
func (r *row) plausible(field, s string, t time.Time) bool {
	if t.Year() < 1900 || t.After(r.now.AddDate(1, 0, 0)) {
		r.reject(field, s, "data fuori dall'intervallo plausibile (dal 1900 a un anno da oggi)")
		return false
	}
	return true
}

// required returns the text of a field that must be present.
func (r *row) required(field, missing string) (string, bool) {
	s := r.text(field)
	if s == "" {
		if !slices.Contains(r.bad, field) {
			r.reject(field, "", missing)
		}
		return "", false
	}
	return s, true
}

// date parses an optional date field; nil when empty or bad.
func (r *row) date(field string) any {
	s := r.text(field)
	if s == "" {
		return nil
	}
	t, open, err := value.OpenEnd(s, r.p.Formats.Date)
	switch {
	case err != nil:
		r.reject(field, s, dateReason(field, err))
		return nil
	case open && endFields[field]:
		return nil // 31/12/9999: not ended
	case !r.plausible(field, s, t):
		return nil
	}
	return t
}

// endFields are the dates that end something still going on when the
// export writes an "open" sentinel (31/12/9999) into them: the closing of
// a case, the end of an assignment, of a contract. Anywhere else such a
// date stays an error.
var endFields = map[string]bool{"closed": true, "to": true, "end": true}

// requiredDate parses a date field that must be present.
func (r *row) requiredDate(field string) (time.Time, bool) {
	s, ok := r.required(field, "data mancante")
	if !ok {
		return time.Time{}, false
	}
	t, err := value.Date(s, r.p.Formats.Date)
	if err != nil {
		r.reject(field, s, dateReason(field, err))
		return time.Time{}, false
	}
	return t, r.plausible(field, s, t)
}

func dateReason(field string, err error) string {
	if personalFields[field] {
		return "data di nascita non valida"
	}
	return err.Error()
}

// number parses an optional non-negative number; nil when empty or bad.
func (r *row) number(field string, max float64, what string) any {
	s := r.text(field)
	if s == "" {
		return nil
	}
	f, err := value.Number(s)
	switch {
	case err != nil:
		r.reject(field, s, err.Error())
		return nil
	case f < 0 || f > max:
		r.reject(field, s, fmt.Sprintf("%s fuori intervallo (0–%s)", what, strconv.FormatFloat(max, 'f', -1, 64)))
		return nil
	}
	return f
}

// label maps a vendor label of field onto a canonical value: first through
// the profile's [values.field] table, then by the canonical value itself or
// its Italian name, all compared case- and accent-insensitively.
type labels struct {
	m     map[string]string
	cache keyCache
}

func newLabels(profile map[string]string, canonical []string, names func(string) string, synonyms map[string]string) labels {
	l := labels{m: map[string]string{}, cache: keyCache{}}
	for _, c := range canonical {
		l.m[NameKey(c)] = c
		l.m[NameKey(names(c))] = c
	}
	for k, v := range synonyms {
		l.m[NameKey(k)] = v
	}
	for k, v := range profile {
		l.m[NameKey(k)] = v
	}
	return l
}

func (l labels) lookup(s string) (string, bool) {
	v, ok := l.m[l.cache.key(s)]
	return v, ok
}

// lookups resolve operators and comuni against what earlier imports stored.
type lookups struct {
	operators map[string]string // NameKey of a name, alias or ID → operator ID
	comuni    map[string]string // ISTAT code or NameKey of a name → ISTAT code
	istat     map[string]bool
	keys      keyCache
}

// fork returns lookups that share l's tables, read-only after loading, but
// have a name-key cache of their own, for another goroutine.
func (l *lookups) fork() *lookups {
	f := *l
	f.keys = keyCache{}
	return &f
}

func loadLookups(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, p *Profile) (*lookups, error) {
	l := &lookups{operators: map[string]string{}, comuni: map[string]string{}, istat: map[string]bool{}, keys: keyCache{}}
	load := func(query string, put func(k, v string)) error {
		rows, err := q.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				return err
			}
			put(k, v)
		}
		return rows.Err()
	}
	err := load(sqlText("operator_names"),
		func(k, v string) { l.operators[NameKey(k)] = v })
	if err == nil {
		err = load(sqlText("comune_names"), func(k, v string) {
			l.comuni[ComuneKey(k)] = v
			l.istat[v] = true
		})
	}
	if err != nil {
		return nil, fmt.Errorf("lettura di operatori e comuni: %w", err)
	}
	for alias, target := range p.Aliases {
		if id, ok := l.operators[NameKey(target)]; ok {
			l.operators[NameKey(alias)] = id
		}
	}
	for name, code := range p.Values["comune"] {
		l.comuni[NameKey(name)] = code
		l.comuni[ComuneKey(name)] = code
	}
	return l, nil
}

// operatorIDs lists the IDs that operator resolves names to.
func (l *lookups) operatorIDs() []string { return slices.Collect(maps.Values(l.operators)) }

// istatCodes lists the codes that comune resolves cells to.
func (l *lookups) istatCodes() []string {
	codes := slices.AppendSeq(slices.Collect(maps.Values(l.comuni)), maps.Keys(l.istat))
	return slices.DeleteFunc(codes, outsideComune)
}

func (l *lookups) operator(r *row) (string, bool) {
	field := "operator"
	if !r.mapped(field) {
		field = "operator_id"
	}
	s, ok := r.required(field, "operatore mancante")
	if !ok {
		return "", false
	}
	id, ok := l.operators[l.keys.key(s)]
	if !ok {
		r.reject(field, s, "operatore sconosciuto: aggiungerlo al personale o agli alias ([aliases] nel profilo)")
	}
	return id, ok
}

// istatOf reads a cell as an ISTAT code, restoring the leading zeros that
// spreadsheets drop ("16024" is "016024").
func istatOf(s string) (string, bool) {
	if s == "" || len(s) > 6 {
		return "", false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return strings.Repeat("0", 6-len(s)) + s, true
}

// comune resolves an optional comune cell by ISTAT code or name; nil when
// empty or unknown.
func (l *lookups) comune(r *row) any {
	if code, ok := l.comuneCode(r); ok {
		return code
	}
	return nil
}

// comuneCode is comune without boxing: false when empty or unknown.
func (l *lookups) comuneCode(r *row) (string, bool) {
	s := r.text("comune")
	if s == "" {
		return "", false
	}
	if code, ok := istatOf(s); ok && l.istat[code] {
		return code, true
	}
	if code, ok := l.comuneByName(s); ok {
		if outsideComune(code) {
			return "", false
		}
		return code, true
	}
	switch c, ok := comuni.Find(s); {
	case ok && l.istat[c.ISTAT]:
		return c.ISTAT, true // by cadastral code, or a spelling of the national table
	case ok && c.Current() && len(l.istat) > 0:
		// A real comune, not one of the Ambito's: the row is kept without
		// it and counted «fuori Ambito».
		r.outside = true
		return "", false
	}
	r.reject("comune", s, "comune sconosciuto: importare prima la popolazione o aggiungerlo a [values.comune] nel profilo")
	return "", false
}

// mapLabel maps a required or optional labelled field; nil when empty or unmapped.
func (r *row) mapLabel(field string, l labels, need bool) any {
	if v, ok := r.label(field, l, need); ok {
		return v
	}
	return nil
}

// label is mapLabel without boxing: false when empty or unmapped.
func (r *row) label(field string, l labels, need bool) (string, bool) {
	s := r.text(field)
	if s == "" {
		if need {
			r.reject(field, "", "valore mancante")
		}
		return "", false
	}
	v, ok := l.lookup(s)
	if !ok {
		r.reject(field, s, fmt.Sprintf("%s non mappato: aggiungere il valore a [values.%s] nel profilo", fieldNames[field], field))
		return "", false
	}
	return v, true
}

var fieldNames = map[string]string{
	"kind": "tipo di attività", "area": "area di utenza", "close_reason": "motivo di chiusura",
	"initiative": "iniziativa", "role": "qualifica", "contract": "contratto", "complexity": "complessità",
	"employer": "datore di lavoro", "social_services": "addetto ai servizi sociali (sì/no)",
}

// Built-in synonyms for labels exports commonly use, so that a profile
// needs a [values] table only for a vendor's own wording.
var (
	areaSynonyms = map[string]string{
		"Immigrati e nomadi": string(carico.AreaMigrants), "Immigrati": string(carico.AreaMigrants),
		"Povertà e disagio adulti": string(carico.AreaPoverty), "Povertà": string(carico.AreaPoverty),
		"Famiglia e minori": string(carico.AreaFamily), "Anziani": string(carico.AreaElderly),
	}
	initiativeSynonyms = map[string]string{
		"Istanza": string(carico.InitiativeApplication), "D'ufficio": string(carico.InitiativeOffice),
		"Altro ente": string(carico.InitiativeOtherBody),
	}
	complexitySynonyms = map[string]string{"1": "1", "2": "2", "3": "3", "bassa": "1", "media": "2", "alta": "3"}
	employerSynonyms   = map[string]string{
		"Comune": string(carico.EmployerComune), "Unione di comuni": string(carico.EmployerAssociation),
		"Consorzio": string(carico.EmployerAssociation), "Azienda speciale consortile": string(carico.EmployerInstrumental),
		"Azienda sanitaria con rimborso": string(carico.EmployerHealthReimbursed), "ASL con rimborso": string(carico.EmployerHealthReimbursed),
		"ASST con rimborso": string(carico.EmployerHealthReimbursed), "Azienda sanitaria": string(carico.EmployerHealth),
		"ASL": string(carico.EmployerHealth), "ASST": string(carico.EmployerHealth), "Altro": string(carico.EmployerOther),
	}
	yesNoSynonyms    = map[string]string{"sì": "si", "s": "si", "x": "si", "1": "si", "vero": "si", "n": "no", "0": "no", "falso": "no"}
	contractSynonyms = map[string]string{"tempo indeterminato": "indeterminato", "tempo determinato": "determinato", "TI": "indeterminato", "TD": "determinato"}
	roleSynonyms     = map[string]string{"Assistente sociale": string(carico.RoleSocialWorker), "Educatore": string(carico.RoleEducator), "OSS": string(carico.RoleCareWorker), "ASA": string(carico.RoleCareWorker),
		"Educatore professionale": string(carico.RoleEducator), "Educatore socio-pedagogico": string(carico.RoleEducator),
		"Educatore professionale socio-sanitario": string(carico.RoleEducator), "Educatrice": string(carico.RoleEducator),
		"Operatore di prossimità": string(carico.RoleCareWorker), "Operatore socio-sanitario": string(carico.RoleCareWorker),
		"Ausiliario socio-assistenziale": string(carico.RoleCareWorker), "Istruttore amministrativo": string(carico.RoleClerk),
		"Psicologo": string(carico.RoleOther), "Psicologa": string(carico.RoleOther), "COP": string(carico.RoleOther),
		"Mediatore culturale": string(carico.RoleOther), "Mediatore linguistico-culturale": string(carico.RoleOther)}
)
