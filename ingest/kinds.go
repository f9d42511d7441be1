package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/ingest/comuni"
	"github.com/carico/carico/ingest/value"
	"github.com/carico/carico/internal/italian"
)

// column is a column of a kind's staging table. Staging columns carry the
// names and types of the target columns, so the merge compares like with
// like; field names the profile field the column comes from, and columns
// whose field the profile does not map are left alone in existing rows.
type column struct {
	name, typ, field string
}

// stagedOnly is the field of a staging column that the merge reads and
// never stores: what a row says about how its values were found.
const stagedOnly = "+"

// spec describes one import kind: how a source row becomes a staging row,
// and how staging is merged into the tables.
type spec struct {
	stage []column
	keys  []string // identity of a record; the staging rows are deduplicated on it
	// fill lists the columns that, when their field is not mapped, are
	// staged all the same from another field (a time of day written with
	// the date): they fill a stored NULL but never overwrite a value.
	fill []string
	// current, for records spread over two tables, names the .sql file
	// that selects those already stored with staging's column names, to
	// count inserted, updated and unchanged rows before the merge; ""
	// counts what the merge did.
	current string
	// check runs set-based checks on the staging table (named stg) before
	// deduplication; see staffShares.
	check func(m *merger) error
	// direct names the table a first import streams its rows into without
	// staging them, when that table is empty (see Importer.load); "" for
	// kinds always staged.
	direct string
	// apply merges the deduplicated staging rows into the target tables.
	apply func(m *merger) error
	// build appends the staging values of a row to out, or returns nil
	// when the row is rejected.
	build func(m *mapper, r *row, out []any) []any
	// write, for a kind of many rows (the diario), replaces build: it
	// appends the row of the given line straight to the staging columns
	// of bb, typed, with no value boxed in an []any on the way, and
	// returns false, writing nothing, when the row is rejected.
	write func(m *mapper, r *row, bb *batchBuilder, line int) bool
	// enums lists, for the staging columns whose values come from a set
	// known before the rows are read, that set. Such a column is staged as
	// an ENUM: the appender then hands DuckDB a small integer per row
	// instead of a string, which costs a call into C each.
	enums map[string]func(*lookups) []string
}

// mapper turns rows into staging values.
type mapper struct {
	p      *Profile
	std    map[string]int // the profile's standard_minutes, keyed by NameKey
	secret []byte
	look   *lookups
	labels map[string]labels
}

func newMapper(p *Profile, secret []byte, look *lookups) *mapper {
	m := &mapper{p: p, secret: secret, look: look, labels: map[string]labels{}}
	add := func(field string, canonical []string, names func(string) string, syn map[string]string) {
		m.labels[field] = newLabels(p.Values[field], canonical, names, syn)
	}
	add("kind", strs(carico.Kinds), func(s string) string { return carico.Kind(s).Label() }, nil)
	add("area", strs(carico.Areas), func(s string) string { return carico.Area(s).Label() }, areaSynonyms)
	add("close_reason", strs(carico.CloseReasons), func(s string) string { return carico.CloseReason(s).Label() }, nil)
	add("initiative", strs(carico.Initiatives), func(s string) string { return carico.Initiative(s).Label() }, initiativeSynonyms)
	add("role", strs(carico.Roles), func(s string) string { return carico.Role(s).Label() }, roleSynonyms)
	add("contract", []string{string(carico.ContractPermanent), string(carico.ContractFixedTerm)},
		func(s string) string { return carico.Contract(s).Label() }, contractSynonyms)
	add("complexity", nil, nil, complexitySynonyms)
	add("employer", strs(carico.Employers), func(s string) string { return carico.Employer(s).Label() }, employerSynonyms)
	add("social_services", []string{"si", "no"}, func(s string) string { return s }, yesNoSynonyms)
	add("outcome", strs(carico.Outcomes), func(s string) string { return carico.Outcome(s).Label() }, outcomeSynonyms)
	return m
}

var specs = map[string]*spec{
	"activities": {
		// The time of day comes from its own column or with the date;
		// raw_label, the label as written, is kept from the first import:
		// a label that changes only in spelling changes nothing.
		stage: []column{{"id", "VARCHAR", ""}, {"day", "DATE", "date"}, {"start_time", "TIME", "time"},
			{"operator_id", "VARCHAR", "operator"}, {"case_id", "VARCHAR", "case_id"}, {"kind", "VARCHAR", "kind"},
			{"minutes", "INTEGER", "minutes"}, {"istat", "VARCHAR", "comune"}, {"raw_label", "VARCHAR", "-"},
			{"note", "VARCHAR", "note"}, {"estimated", "BOOLEAN", "minutes"}},
		keys:   []string{"id"},
		fill:   []string{"start_time"},
		direct: "activity",
		apply:  func(m *merger) error { return m.upsert("activity", true) },
		write:  (*mapper).writeActivity,
		enums: map[string]func(*lookups) []string{
			"operator_id": (*lookups).operatorIDs,
			"kind":        func(*lookups) []string { return strs(carico.Kinds) },
			"istat":       (*lookups).istatCodes,
		},
	},
	"cases": {
		// The person of a stored case changes only with a row that carries
		// a codice fiscale: an export keyed by name and birth date, or a
		// row whose codice fiscale is blank, must not re-key people, nor
		// merge homonyms the codice fiscale told apart (see keepPersons).
		stage: []column{{"id", "VARCHAR", "id"}, {"person", "VARCHAR", "person_cf"}, {"istat", "VARCHAR", "comune"},
			{"zone", "VARCHAR", "zone"}, {"area", "VARCHAR", "area"}, {"complexity", "TINYINT", "complexity"},
			{"initiative", "VARCHAR", "initiative"}, {"opened", "DATE", "opened"}, {"closed", "DATE", "closed"},
			{"close_reason", "VARCHAR", "close_reason"}, {"application", "DATE", "application"},
			{"decision", "DATE", "decision"}, {"operator_id", "VARCHAR", "operator"},
			{"person_by_name", "BOOLEAN", stagedOnly}},
		keys:  []string{"id"},
		check: keepPersons,
		apply: func(m *merger) error { return m.upsert("cases", true) },
		build: (*mapper).caseRow,
	},
	"assignments": {
		stage: []column{{"case_id", "VARCHAR", "case_id"}, {"operator_id", "VARCHAR", "operator"},
			{"from_date", "DATE", "from"}, {"to_date", "DATE", "to"}},
		keys:  []string{"case_id", "from_date"},
		apply: func(m *merger) error { return m.upsert("assignment", false) },
		build: (*mapper).assignment,
	},
	"absences": {
		stage: []column{{"operator_id", "VARCHAR", ""}, {"year", "SMALLINT", "year"},
			{"leave_days", "DOUBLE", "leave_days"}, {"sick_days", "DOUBLE", "sick_days"}, {"other_days", "DOUBLE", "other_days"}},
		keys:  []string{"operator_id", "year"},
		apply: func(m *merger) error { return m.upsert("absence", false) },
		build: (*mapper).absence,
	},
	"staff": {
		stage: []column{{"operator_id", "VARCHAR", ""}, {"istat", "VARCHAR", ""}, {"name", "VARCHAR", "operator"},
			{"role", "VARCHAR", "role"}, {"weekly_hours", "DOUBLE", "weekly_hours"}, {"contract", "VARCHAR", "contract"},
			{"start_date", "DATE", "start"}, {"end_date", "DATE", "end"}, {"share", "DOUBLE", ""}, {"alias", "VARCHAR", "-"},
			{"employer", "VARCHAR", "employer"}, {"social_services", "BOOLEAN", "social_services"}},
		// An operator's rows with another start are another contract
		// period (see applyStaff).
		keys:    []string{"operator_id", "istat", "start_date"},
		current: "staff_current",
		check:   staffShares,
		apply:   applyStaff,
		build:   (*mapper).staff,
	},
	"population": {
		stage: []column{{"istat", "VARCHAR", ""}, {"year", "SMALLINT", "year"}, {"name", "VARCHAR", "comune"},
			{"province", "VARCHAR", "province"}, {"ambito", "VARCHAR", "ambito"}, {"patron_month", "TINYINT", "patron"},
			{"patron_day", "TINYINT", "patron"}, {"residents", "INTEGER", "residents"}},
		keys:    []string{"istat", "year"},
		current: "population_current",
		apply:   applyPopulation,
		build:   (*mapper).population,
	},
}

// activityRow is a diario row as staged, before it reaches its Arrow
// columns: typed, so that nothing is boxed on the way (the diario is the
// kind with millions of rows). caseID and note are NULL when "", istat
// without hasIstat.
type activityRow struct {
	id, op, caseID, kind, istat, label, note string
	day, start                               time.Time
	hasStart, hasIstat                       bool
	minutes                                  int
	estimated                                bool
}

// writeActivity maps a diario row straight into the staging columns of bb;
// false, with nothing written, when the row is rejected.
func (m *mapper) writeActivity(r *row, bb *batchBuilder, line int) bool {
	a, ok := m.activity(r)
	if !ok {
		return false
	}
	bb.row(line)
	bb.prefixed(0, m.p.Source, a.id)
	bb.date(1, a.day)
	bb.clock(2, a.start, a.hasStart)
	bb.text(3, a.op)
	bb.prefixed(4, m.p.Source, a.caseID)
	bb.text(5, a.kind)
	bb.int32(6, a.minutes)
	bb.textIf(7, a.istat, a.hasIstat)
	bb.text(8, a.label)
	bb.textIf(9, a.note, a.note != "")
	bb.boolean(10, a.estimated)
	return true
}

// activity maps a diario row; false when it is rejected.
func (m *mapper) activity(r *row) (activityRow, bool) {
	var a activityRow
	if s, ok := r.required("date", "data mancante"); ok {
		t, hasTime, err := value.DateTime(s, m.p.Formats.Date)
		switch {
		case err != nil:
			r.reject("date", s, err.Error())
		case !r.plausible("date", s, t):
		case hasTime:
			a.day, a.start, a.hasStart = t.Truncate(24*time.Hour), clockOf(t), true
		default:
			a.day = t
		}
	}
	if s := r.text("time"); s != "" {
		if t, ok := parseClock(s); ok {
			a.start, a.hasStart = t, true
		} else {
			r.reject("time", s, "ora non valida (attesa hh:mm)")
		}
	}
	a.op, _ = m.look.operator(r)
	a.label = r.text("kind")
	kind, hasKind := r.label("kind", m.labels["kind"], true)
	a.kind = kind
	if s := r.text("minutes"); s != "" {
		n, err := value.Minutes(s, m.p.Formats.Duration)
		switch {
		case err != nil:
			r.reject("minutes", s, err.Error())
		case n > 1440:
			r.reject("minutes", s, "durata oltre le 24 ore")
		default:
			a.minutes = m.shared(r, n)
		}
	} else if n, ok := m.standardMinutes(r, kind, hasKind); ok {
		a.minutes, a.estimated = m.shared(r, n), true
	} else {
		r.reject("minutes", "", "durata mancante (o una durata standard per il tipo di attività in [standard_minutes] del profilo)")
	}
	a.istat, a.hasIstat = m.look.comuneCode(r)
	if m.p.ImportNotes {
		a.note = r.text("note")
	}
	a.id, a.caseID = r.id("id"), r.id("case_id")
	if len(r.rejects) > 0 {
		return a, false
	}
	if a.id == "" {
		// No source ID: derive one from the content, so that re-importing
		// the same row still finds it. (The values are written as they
		// were when they were boxed: "<nil>" for a missing one.)
		start, istat := any(nil), any(nil)
		if a.hasStart {
			start = a.start
		}
		if a.hasIstat {
			istat = a.istat
		}
		h := sha256.Sum256([]byte(strings.Join([]string{a.day.Format(time.DateOnly), fmt.Sprint(start), a.op,
			r.text("case_id"), a.label, strconv.Itoa(a.minutes), fmt.Sprint(istat)}, "\x1f")))
		a.id = "h" + hex.EncodeToString(h[:10])
	}
	return a, true
}

// standardMinutes is the profile's standard duration for the row's
// activity, for a contact the source records without one: by the label as
// written, else by its canonical kind.
func (m *mapper) standardMinutes(r *row, kind string, hasKind bool) (int, bool) {
	if len(m.p.StandardMinutes) == 0 {
		return 0, false
	}
	if m.std == nil {
		m.std = map[string]int{}
		for k, v := range m.p.StandardMinutes {
			m.std[NameKey(k)] = v
		}
	}
	if n, ok := m.std[NameKey(r.text("kind"))]; ok {
		return n, true
	}
	if hasKind {
		n, ok := m.std[NameKey(kind)]
		return n, ok
	}
	return 0, false
}

// shared gives the recorder's minutes of an activity that the operators
// field says several operators did, as the profile's shared option says;
// a bad number of operators rejects the row.
func (m *mapper) shared(r *row, minutes int) int {
	s := r.text("operators")
	if s == "" || m.p.Shared == "" || m.p.Shared == SharedRecorder {
		return minutes
	}
	n, err := value.Int(s)
	if err != nil || n < 1 || n > 50 {
		r.reject("operators", s, "numero di operatori non valido (da 1 a 50)")
		return 0
	}
	if m.p.Shared == SharedSplit {
		return int(math.Round(float64(minutes) / float64(n)))
	}
	return minutes * n
}

func (m *mapper) caseRow(r *row, out []any) []any {
	id := r.requiredID("id", "numero di cartella mancante")
	person, byName := m.person(r)
	opened, okOpen := r.requiredDate("opened")
	closed := r.date("closed")
	if c, ok := closed.(time.Time); ok && okOpen && c.Before(opened) {
		r.reject("closed", r.text("closed"), "data di chiusura precedente all'apertura")
	}
	reason := r.mapLabel("close_reason", m.labels["close_reason"], false)
	area := r.mapLabel("area", m.labels["area"], false)
	complexity := r.mapLabel("complexity", m.labels["complexity"], false)
	initiative := r.mapLabel("initiative", m.labels["initiative"], false)
	application, decision := r.date("application"), r.date("decision")
	var op any
	if r.text("operator") != "" {
		op, _ = m.look.operator(r)
	}
	istat := m.look.comune(r)
	if len(r.rejects) > 0 {
		return nil
	}
	if complexity != nil {
		complexity = int(complexity.(string)[0] - '0')
	}
	return append(out, m.sourceID(id), person, istat, nullable(r.text("zone")), area, complexity, initiative, opened, closed,
		reason, application, decision, op, byName)
}

// person is the pseudonym of the case's citizen: the HMAC of the codice
// fiscale, or of name and birth date when the row has no codice fiscale
// (byName).
func (m *mapper) person(r *row) (person string, byName bool) {
	if raw := r.text("person_cf"); raw != "" {
		cf := NormalizeCF(raw)
		if !ValidCF(cf) {
			r.reject("person_cf", raw, "codice fiscale non valido (formato o carattere di controllo errato)")
			return "", false
		}
		return pseudonym(m.secret, "cf:"+cf), false
	}
	name := NameKey(r.text("person_name"))
	if name == "" {
		r.reject("person_cf", "", "persona non identificabile: mancano codice fiscale e nome")
		return "", false
	}
	born := ""
	if t, ok := r.date("birth_date").(time.Time); ok {
		born = t.Format(time.DateOnly)
	}
	return pseudonym(m.secret, "nome:"+name+"|"+born), true
}

func (m *mapper) assignment(r *row, out []any) []any {
	caseID := r.requiredID("case_id", "numero di cartella mancante")
	op, _ := m.look.operator(r)
	from, okFrom := r.requiredDate("from")
	to := r.date("to")
	if t, ok := to.(time.Time); ok && okFrom && t.Before(from) {
		r.reject("to", r.text("to"), "fine dell'assegnazione precedente all'inizio")
	}
	if len(r.rejects) > 0 {
		return nil
	}
	return append(out, m.sourceCase(caseID), op, from, to)
}

func (m *mapper) absence(r *row, out []any) []any {
	op, _ := m.look.operator(r)
	year := m.year(r)
	days := func(f string) any {
		if d := r.number(f, 366, "giorni"); d != nil {
			return d
		}
		return 0.0
	}
	leave, sick, other := days("leave_days"), days("sick_days"), days("other_days")
	if len(r.rejects) > 0 {
		return nil
	}
	return append(out, op, year, leave, sick, other)
}

// role maps a roster row's qualifica onto carico's roles. A qualifica
// neither the profile's [values.role] nor the built-in synonyms know, or a
// missing one, keeps the person as «altro» (counted in no role's FTE) and
// the import warns with the label (Result.OtherRoles): a roster is never
// refused for a profile carico does not measure.
func (m *mapper) role(r *row) any {
	s := r.text("role")
	if v, ok := m.labels["role"].lookup(s); ok && s != "" {
		return v
	}
	r.otherRole, r.missingRole = s, s == ""
	return string(carico.RoleOther)
}

// OtherRolesWarning words, in Italian, the roster rows kept as «altro»
// (Result.OtherRoles) and how a profile attributes them to a role; ""
// when there are none.
func (res *Result) OtherRolesWarning() string {
	if len(res.OtherRoles) == 0 {
		return ""
	}
	return res.OtherRolesNote() + " Per attribuirle a un ruolo: [values.role] nel profilo."
}

// OtherRolesNote is OtherRolesWarning without its advice, for a page that
// gives its own (the web import's preview, where the qualifiche are
// classified in the form).
func (res *Result) OtherRolesNote() string {
	if len(res.OtherRoles) == 0 {
		return ""
	}
	n, labels := 0, make([]string, 0, len(res.OtherRoles))
	for _, l := range sortedKeys(res.OtherRoles) {
		n += res.OtherRoles[l]
		switch l {
		case "":
			labels = append(labels, fmt.Sprintf("qualifica mancante (%d)", res.OtherRoles[l]))
		case "…":
			labels = append(labels, fmt.Sprintf("altre (%d)", res.OtherRoles[l]))
		default:
			labels = append(labels, fmt.Sprintf("«%s» (%d)", l, res.OtherRoles[l]))
		}
	}
	rows := italian.Count(n) + " righe con una qualifica che carico non riconosce, importate come «%s» ed escluse"
	if n == 1 {
		rows = "1 riga con una qualifica che carico non riconosce, importata come «%s» ed esclusa"
	}
	return fmt.Sprintf(rows+" dagli FTE degli altri ruoli: %s.", carico.RoleOther.Label(), strings.Join(labels, ", "))
}

func (m *mapper) year(r *row) any {
	s, ok := r.required("year", "anno mancante")
	if !ok {
		return nil
	}
	y, err := value.Int(s)
	if err != nil || y < 1900 || y > 2100 {
		r.reject("year", s, "anno non valido")
		return nil
	}
	return y
}

func (m *mapper) staff(r *row, out []any) []any {
	name := r.text("operator")
	id := r.text("operator_id")
	switch {
	case id == "" && name == "":
		r.reject("operator", "", "operatore mancante")
	case id == "":
		// Known spellings keep their ID; a new operator gets one from the
		// normalised name, which does not depend on the order of its words.
		if known, ok := m.look.operators[NameKey(name)]; ok {
			id = known
		} else {
			id = strings.ReplaceAll(NameKey(name), " ", "-")
		}
	}
	role := m.role(r)
	hours := any(nil)
	if s, ok := r.required("weekly_hours", "ore settimanali mancanti"); ok {
		h, err := value.Number(s)
		switch {
		case err != nil:
			r.reject("weekly_hours", s, err.Error())
		case h <= 0 || h > 48:
			r.reject("weekly_hours", s, "ore settimanali fuori intervallo (oltre 0 e fino a 48)")
		default:
			hours = h
		}
	}
	contract := r.mapLabel("contract", m.labels["contract"], true)
	start, end := r.date("start"), r.date("end")
	istat := m.look.comune(r)
	if istat == nil && r.text("comune") == "" {
		r.reject("comune", "", "comune mancante")
	}
	var share any
	if s := r.text("share"); s != "" {
		f, err := value.Share(s)
		switch {
		case err != nil:
			r.reject("share", s, err.Error())
		case f == 0:
			r.reject("share", s, "quota nulla: togliere la riga o indicare la quota")
		default:
			share = f
		}
	}
	employer := r.mapLabel("employer", m.labels["employer"], false)
	var social any
	if v := r.mapLabel("social_services", m.labels["social_services"], false); v != nil {
		social = v == "si"
	}
	if len(r.rejects) > 0 {
		return nil
	}
	return append(out, id, istat, nullable(name), role, hours, contract, start, end, share, nullable(NameKey(name)), employer, social)
}

// totalAges are how tables by age label the row of all ages: ISTAT's
// demographic tables write 999.
// (keys as NameKey writes them, words sorted).
var totalAges = map[string]bool{"999": true, "totale": true, "eta le tutte": true, "eta totale": true}

func (m *mapper) population(r *row, out []any) []any {
	if r.mapped("age") && !totalAges[NameKey(r.text("age"))] {
		// A table by age: only the row of all ages is the comune's total.
		r.skip = true
		return nil
	}
	name := r.text("comune")
	var istat string
	if s := r.text("istat"); s != "" {
		code, ok := istatOf(s)
		if !ok {
			r.reject("istat", s, "codice ISTAT non valido (sei cifre)")
		}
		istat = code
	} else if code, ok := m.look.comuneByName(name); ok && !outsideComune(code) {
		istat = code
	} else if c, ok := comuni.Find(name); ok && c.Current() {
		istat = c.ISTAT // by the national table
	} else {
		r.reject("comune", name, "codice ISTAT sconosciuto: aggiungere la colonna del codice o il comune a [values.comune]")
	}
	year := m.year(r)
	residents := any(nil)
	if s, ok := r.required("residents", "residenti mancanti"); ok {
		n, err := value.Int(s)
		if err != nil || n < 0 {
			r.reject("residents", s, "numero di residenti non valido")
		} else {
			residents = n
		}
	}
	var month, day any
	if s := r.text("patron"); s != "" {
		if mo, d, ok := dayMonth(s); ok {
			month, day = mo, d
		} else {
			r.reject("patron", s, "festa patronale non valida (attesa gg/mm)")
		}
	}
	if len(r.rejects) > 0 {
		return nil
	}
	return append(out, istat, year, nullable(name), nullable(r.text("province")), nullable(r.text("ambito")), month, day, residents)
}

// sourceID prefixes an ID with the profile's source namespace, so that two
// vendors' "123" do not collide.
func (m *mapper) sourceID(id string) string {
	if m.p.Source == "" {
		return id
	}
	return m.p.Source + ":" + id
}

func (m *mapper) sourceCase(id string) string {
	if id == "" {
		return ""
	}
	return m.sourceID(id)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func clockOf(t time.Time) time.Time {
	return time.Date(1970, 1, 1, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

func parseClock(s string) (time.Time, bool) {
	// hh:mm, as nearly every export writes it, without time.Parse: the
	// same time of day it gives, on every row of a diario.
	if len(s) == 5 && s[2] == ':' && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[3]) && isDigit(s[4]) {
		h, m := int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
		if h < 24 && m < 60 {
			return time.Date(0, time.January, 1, h, m, 0, 0, time.UTC), true
		}
	}
	for _, layout := range []string{"15:04", "15:04:05", "15.04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// dayMonth reads a patron-saint day as "gg/mm", "gg-mm" or a full date.
func dayMonth(s string) (int, int, bool) {
	if t, err := value.Date(s, ""); err == nil {
		return int(t.Month()), t.Day(), true
	}
	t, err := value.Date(strings.ReplaceAll(s, "-", "/")+"/2024", "") // a leap year admits 29/02
	if err != nil {
		return 0, 0, false
	}
	return int(t.Month()), t.Day(), true
}
