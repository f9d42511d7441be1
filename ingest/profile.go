package ingest

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/carico/carico/internal/tomlerr"

	"github.com/carico/carico"
	"github.com/carico/carico/ingest/mask"
	"github.com/carico/carico/ingest/table"
	"github.com/carico/carico/ingest/value"
)

// Profile says how one shape of vendor export maps onto canonical records.
// It is a small, commented TOML file that a user can read and edit; `carico
// inspect` proposes one from a file's header.
//
// Example (a diario export):
//
//	kind      = "activities"
//	encoding  = "windows-1252"   # "" or "auto" detects
//	delimiter = ";"              # "" detects
//
//	[columns]
//	id       = "ID intervento"
//	date     = "Data"
//	operator = "Operatore"
//	case_id  = "N. cartella"
//	kind     = "Tipo attività"
//	minutes  = "Durata"
//	comune   = "Comune"
//
//	[formats]
//	date     = "dd/mm/yyyy"
//	duration = "h:mm"
//
//	[values.kind]
//	"Colloquio in sede" = "case"
//	"Segretariato sociale" = "access"
type Profile struct {
	Name      string `toml:"name"`      // free description, shown in reports' Metodo e fonti
	Kind      string `toml:"kind"`      // activities | cases | assignments | staff | absences | population | capacity
	Source    string `toml:"source"`    // optional namespace prefixed to source IDs ("vendorx:123")
	Encoding  string `toml:"encoding"`  // "", "auto", "utf-8", "utf-16", "windows-1252"
	Delimiter string `toml:"delimiter"` // "", ";", ",", "\t", "|"
	Sheet     string `toml:"sheet"`     // XLSX: sheet name or 1-based index
	HeaderRow int    `toml:"header_row"`
	// NumericIDs declares the file's IDs numbers: leading zeros, which a
	// spreadsheet drops ("000101" → "101"), are removed from every ID so
	// that both spellings are the same record.
	NumericIDs bool `toml:"numeric_ids"`

	// Columns maps a canonical field (see Fields) to the source column that
	// holds it, or to several columns joined with a space (["Cognome", "Nome"]).
	Columns map[string]Columns `toml:"columns"`
	Formats Formats            `toml:"formats"`
	// Values maps, per canonical field, vendor labels onto canonical values:
	// activity kinds, areas, close reasons, initiatives, roles, contracts,
	// comune names onto ISTAT codes.
	Values map[string]map[string]string `toml:"values"`
	// Constants give a field one value for the whole file, when the file
	// has no column for it: the year of a population table, the Ambito,
	// the role of a roster that lists only social workers.
	// TOML writes them as text or numbers (year = 2025).
	Constants    map[string]string `toml:"-"`
	RawConstants map[string]any    `toml:"constants"`
	// ImportNotes must be true for a free-text note column to be stored.
	ImportNotes bool `toml:"import_notes"`
	// Aliases maps spellings of operator names that normalisation cannot
	// match ("M. Rossi") onto the name or ID of a known operator.
	Aliases map[string]string `toml:"aliases"`
	// Transforms take a field's value out of part of a cell (see Transform).
	Transforms map[string]*Transform `toml:"transforms"`
	// Shared says how the time of an activity done by several operators
	// (the operators field counts them) reaches the operator of the row,
	// the one who recorded it: see SharedRecorder, SharedSplit, SharedEach.
	Shared string `toml:"shared"`
	// StandardMinutes gives a standard duration, in minutes, to the
	// contacts the source records without one (colloqui, segretariato):
	// keyed by the activity's label as written or by its canonical kind
	// ("Colloquio" = 45, access = 20). Such rows are marked estimated, and
	// every report says what share of the hours they make.
	StandardMinutes map[string]int `toml:"standard_minutes"`
}

// How the time of an activity shared by several operators is attributed.
const (
	// SharedRecorder (the default): the recorded duration, as it is, to the
	// operator who recorded it. The other operators' time is not counted:
	// with several operators the service's hours are underestimated.
	SharedRecorder = "recorder"
	// SharedSplit: the recorded duration is the operators' time together;
	// the recorder's share is it divided by their number.
	SharedSplit = "split"
	// SharedEach: the recorded duration is the elapsed time, which each
	// operator spent; the recorder is given it times their number, since
	// the row names no other operator: the service's hours are right, one
	// operator's are overstated.
	SharedEach = "each"
)

// Formats fixes how ambiguous values are written in the export; empty
// fields are detected per value.
type Formats struct {
	Date     string `toml:"date"`     // "dd/mm/yyyy", "dd/mm/yy", "dd-mm-yyyy", "yyyy-mm-dd", "excel"
	Duration string `toml:"duration"` // "minutes", "hours", "h:mm", "hh:mm:ss"
}

// Columns is one or more source column names.
type Columns []string

// UnmarshalTOML accepts a single name or a list of names.
func (c *Columns) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*c = Columns{v}
	case []any:
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				return fmt.Errorf("nome di colonna non testuale: %v", x)
			}
			*c = append(*c, s)
		}
	default:
		return fmt.Errorf("colonna: atteso un nome o un elenco di nomi, trovato %v", v)
	}
	return nil
}

// Fields lists the canonical fields of each kind of import.
var Fields = map[string][]string{
	"activities": {"id", "date", "time", "operator", "case_id", "kind", "minutes", "comune", "note", "operators"},
	"cases": {"id", "person_cf", "person_name", "birth_date", "opened", "closed", "close_reason", "area", "complexity",
		"initiative", "application", "decision", "operator", "comune", "zone"},
	"assignments": {"case_id", "operator", "from", "to"},
	"staff": {"operator_id", "operator", "role", "weekly_hours", "contract", "start", "end", "comune", "share",
		"employer", "social_services"},
	"absences":   {"operator_id", "operator", "year", "leave_days", "sick_days", "other_days"},
	"population": {"istat", "comune", "province", "ambito", "year", "residents", "patron", "age"},
}

// LoadProfile reads and checks a profile file.
func LoadProfile(path string) (*Profile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	p, err := ParseProfile(b)
	if err != nil {
		return nil, fmt.Errorf("profilo %s: %w", path, err)
	}
	return p, nil
}

// ParseProfile decodes and checks a profile. Unknown keys are errors, not
// silently ignored: a misspelt column field would otherwise import nothing.
func ParseProfile(b []byte) (*Profile, error) {
	var p Profile
	md, err := toml.Decode(string(b), &p)
	if err != nil {
		return nil, tomlerr.Italian(string(b), err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = fmt.Sprintf("%s (riga %d)", k.String(), keyLine(string(b), k))
		}
		return nil, fmt.Errorf("chiavi sconosciute: %s", mask.Excerpt(strings.Join(keys, ", ")))
	}
	for k, v := range p.RawConstants {
		if p.Constants == nil {
			p.Constants = map[string]string{}
		}
		switch v := v.(type) {
		case string, int64, float64, bool:
			p.Constants[k] = fmt.Sprint(v)
		default:
			return nil, fmt.Errorf("[constants] %s: atteso un testo o un numero", k)
		}
	}
	if err := p.Check(); err != nil {
		return nil, err
	}
	return &p, nil
}

// keyLine finds the line of key in a TOML text: the line that sets its
// last part under the table of its other parts; 0 when not found.
func keyLine(src string, key toml.Key) int {
	if len(key) == 0 {
		return 0
	}
	table, last := strings.Join(key[:len(key)-1], "."), key[len(key)-1]
	current := ""
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			current = strings.Trim(strings.TrimSpace(strings.Trim(line, "[]")), " ")
			if current == key.String() {
				return i + 1
			}
			continue
		}
		name, _, ok := strings.Cut(line, "=")
		if ok && current == table && strings.Trim(strings.TrimSpace(name), `"'`) == last {
			return i + 1
		}
	}
	return 0
}

// required lists, per kind, the fields without which no record can be
// built; a "|" separates alternatives of which one is enough.
var required = map[string][]string{
	"activities":  {"date", "operator|operator_id", "kind", "minutes"},
	"cases":       {"id", "opened", "person_cf|person_name"},
	"assignments": {"case_id", "operator", "from"},
	"staff":       {"operator|operator_id", "role", "weekly_hours", "contract", "comune"},
	"absences":    {"operator|operator_id", "year"},
	"population":  {"istat|comune", "year", "residents"},
}

// valueTargets says which canonical values each mappable field accepts.
var valueTargets = map[string]func(string) bool{
	"kind":            func(s string) bool { return carico.Kind(s).Valid() },
	"area":            func(s string) bool { return carico.Area(s).Valid() },
	"close_reason":    func(s string) bool { return carico.CloseReason(s).Valid() },
	"initiative":      func(s string) bool { return carico.Initiative(s).Valid() },
	"role":            func(s string) bool { return carico.Role(s).Valid() },
	"contract":        func(s string) bool { return carico.Contract(s).Valid() },
	"complexity":      func(s string) bool { return s == "1" || s == "2" || s == "3" },
	"employer":        func(s string) bool { return carico.Employer(s).Valid() },
	"social_services": func(s string) bool { return s == "si" || s == "no" },
	"comune":          func(s string) bool { return istatCode.MatchString(s) || s == "" }, // "": no comune (senza fissa dimora, estero)
}

var istatCode = regexp.MustCompile(`^[0-9]{6}$`)

// Check reports, in Italian and naming them, the fields the profile gets
// wrong: an unknown kind, unknown fields, value maps onto anything but
// canonical values, formats the parsers do not know. A profile may still
// lack required fields (a draft proposed by inspect); Complete says which.
func (p *Profile) Check() error {
	fields, ok := Fields[p.Kind]
	if !ok {
		return fmt.Errorf("kind %q non valido (activities, cases, assignments, staff, absences, population, capacity, istanze)", p.Kind)
	}
	var errs []string
	known := map[string]bool{}
	for _, f := range fields {
		known[f] = true
	}
	for _, f := range sortedKeys(p.Columns) {
		if !known[f] {
			errs = append(errs, fmt.Sprintf("campo sconosciuto in [columns]: %q (per %s: %s)", f, p.Kind, strings.Join(fields, ", ")))
		} else if len(p.Columns[f]) == 0 {
			errs = append(errs, fmt.Sprintf("campo %q senza colonne", f))
		}
	}
	for _, f := range sortedKeys(p.Constants) {
		switch {
		case !known[f]:
			errs = append(errs, fmt.Sprintf("campo sconosciuto in [constants]: %q (per %s: %s)", f, p.Kind, strings.Join(fields, ", ")))
		case len(p.Columns[f]) > 0:
			errs = append(errs, fmt.Sprintf("campo %q sia in [columns] sia in [constants]: tenerne uno", f))
		case personalFields[f] || f == "id":
			errs = append(errs, fmt.Sprintf("[constants] non ammette %q: è diverso per ogni riga", f))
		}
	}
	for _, f := range sortedKeys(p.Values) {
		valid, ok := valueTargets[f]
		if !ok || !known[f] {
			errs = append(errs, fmt.Sprintf("[values.%s]: campo senza valori da mappare", f))
			continue
		}
		for _, label := range sortedKeys(p.Values[f]) {
			if v := p.Values[f][label]; !valid(v) {
				errs = append(errs, fmt.Sprintf("[values.%s]: %q → %q non è un valore ammesso", f, label, v))
			}
		}
	}
	switch p.Delimiter {
	case "", ";", ",", "\t", "|":
	default:
		errs = append(errs, fmt.Sprintf("delimiter %q non valido: un solo carattere tra \";\" \",\" \"|\" e \"\\t\" (tabulazione), o \"\" per riconoscerlo", p.Delimiter))
	}
	switch p.Formats.Date {
	case "", value.LayoutDMY, value.LayoutDMYShort, value.LayoutDMYDash, value.LayoutISO, value.LayoutExcel:
	default:
		errs = append(errs, fmt.Sprintf("[formats] date = %q non valido (dd/mm/yyyy, dd/mm/yy, dd-mm-yyyy, yyyy-mm-dd, excel)", p.Formats.Date))
	}
	switch p.Formats.Duration {
	case "", value.LayoutMinutes, value.LayoutHours, value.LayoutHM, value.LayoutHMS:
	default:
		errs = append(errs, fmt.Sprintf("[formats] duration = %q non valido (minutes, hours, h:mm, hh:mm:ss)", p.Formats.Duration))
	}
	for _, f := range sortedKeys(p.Transforms) {
		if !known[f] {
			errs = append(errs, fmt.Sprintf("campo sconosciuto in [transforms]: %q (per %s: %s)", f, p.Kind, strings.Join(fields, ", ")))
		} else if err := p.Transforms[f].compile(p, f); err != nil {
			errs = append(errs, err.Error())
		}
	}
	switch p.Shared {
	case "", SharedRecorder:
	case SharedSplit, SharedEach:
		if p.Kind != "activities" || !p.maps("operators") {
			errs = append(errs, fmt.Sprintf("shared = %q vale solo per le attività con la colonna del numero di operatori (operators in [columns])", p.Shared))
		}
	default:
		errs = append(errs, fmt.Sprintf("shared = %q non valido (recorder, split, each)", p.Shared))
	}
	for _, k := range sortedKeys(p.StandardMinutes) {
		if p.Kind != "activities" {
			errs = append(errs, "[standard_minutes] vale solo per le attività (kind = \"activities\")")
			break
		}
		if n := p.StandardMinutes[k]; n < 1 || n > 480 {
			errs = append(errs, fmt.Sprintf("[standard_minutes] %q = %d: una durata standard va da 1 a 480 minuti", k, n))
		}
	}
	if len(p.Aliases) > 0 && !known["operator"] {
		errs = append(errs, "[aliases] vale solo per i file con una colonna operatore")
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "; "))
	}
	return nil
}

// Complete reports the required fields the profile does not map yet; an
// import needs them all.
func (p *Profile) Complete() error {
	var missing []string
	for _, alt := range required[p.Kind] {
		found := false
		for _, f := range strings.Split(alt, "|") {
			found = found || p.maps(f)
		}
		if !found {
			missing = append(missing, strings.ReplaceAll(alt, "|", " o "))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("mancano in [columns] i campi obbligatori: %s", strings.Join(missing, ", "))
	}
	return nil
}

// maps reports whether the profile gives field a value: a column, a
// constant, a transform or, for the minutes, a standard duration.
func (p *Profile) maps(field string) bool {
	// A standard duration gives the minutes of the rows without one.
	return len(p.Columns[field]) > 0 || p.Constants[field] != "" || p.Transforms[field] != nil ||
		(field == "minutes" && len(p.StandardMinutes) > 0)
}

// yearInTitle matches a year in a title line: "Popolazione residente al
// 1° gennaio 2025".
var yearInTitle = regexp.MustCompile(`\b(19|20)[0-9]{2}\b`)

// withTitleYear returns the profile with the year of the title lines as a
// constant, for a population table that has no year column and whose
// profile fixes none: ISTAT's tables put the year in their title.
func (p *Profile) withTitleYear(title []string) *Profile {
	if p.Kind != "population" || p.maps("year") {
		return p
	}
	for _, t := range title {
		if y := yearInTitle.FindString(t); y != "" {
			q := *p
			q.Constants = map[string]string{"year": y}
			for k, v := range p.Constants {
				q.Constants[k] = v
			}
			return &q
		}
	}
	return p
}

// MissingColumns lists the columns the profile names that header lacks, so
// that a profile written for another export fails before any row is read.
func (p *Profile) MissingColumns(header []string) []string {
	have := map[string]bool{}
	for _, h := range header {
		have[strings.TrimSpace(h)] = true
	}
	var missing []string
	for _, f := range sortedKeys(p.Columns) {
		for _, c := range p.Columns[f] {
			if !have[strings.TrimSpace(c)] {
				missing = append(missing, c)
			}
		}
	}
	for _, f := range sortedKeys(p.Transforms) {
		for _, c := range p.Transforms[f].columns() {
			if !have[strings.TrimSpace(c)] && !slices.Contains(missing, c) {
				missing = append(missing, c)
			}
		}
	}
	return missing
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Fits reports whether the file at path has every column the profile
// names, read with the profile's encoding, delimiter and sheet.
func (p *Profile) Fits(path string) bool {
	src, err := table.Open(path, tableOptions(p))
	if err != nil {
		return false
	}
	defer src.Close()
	return len(p.MissingColumns(src.Header())) == 0
}
