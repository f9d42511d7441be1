package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/carico/carico/ingest/mask"
)

// idFields name a record, a case or an operator: their values are stored
// and exported, so a codice fiscale in them would travel in clear.
var idFields = map[string]bool{"id": true, "case_id": true, "operator_id": true}

// checked is a column the row checks for person-shaped values: a mapped
// column of a field that is not personal.
type checked struct {
	field string
	col   int
}

// checkedColumns lists the columns of non-personal fields, notes included
// only when they are imported.
func checkedColumns(p *Profile, idx map[string][]int) []checked {
	var out []checked
	for f, cols := range idx {
		if personalFields[f] || (f == "note" && !p.ImportNotes) {
			continue
		}
		for _, c := range cols {
			out = append(out, checked{f, c})
		}
	}
	slices.SortFunc(out, func(a, b checked) int { return a.col - b.col })
	return out
}

// cfCandidate matches a codice fiscale's shape anywhere in a text.
var cfCandidate = regexp.MustCompile(`(?i)[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]`)

// holdsCF reports whether s contains a valid codice fiscale (check
// character right). Texts shorter than one are passed at once.
func holdsCF(s string) bool {
	if len(s) < 16 || !cfLongRun(s) {
		return false
	}
	for _, m := range cfCandidate.FindAllString(s, -1) {
		if ValidCF(strings.ToUpper(m)) {
			return true
		}
	}
	return false
}

// cfLongRun reports whether s has 16 runes in a row that cfCandidate's
// classes can match: ASCII letters and digits, and the two runes that
// case-fold onto ASCII letters (ſ onto s, the Kelvin sign onto k). No
// match of cfCandidate lies outside such a run, so a text without one
// holds no codice fiscale; most cells (names, labels, dates) have none,
// and this byte loop spares them the regular expression, which on a
// diario of 1,000,000 rows took a quarter of the import's CPU time.
func cfLongRun(s string) bool {
	run := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' {
				if run++; run >= 16 {
					return true
				}
			} else {
				run = 0
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == 'ſ' || r == 'K' {
			if run++; run >= 16 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// ErrCFInID is the error of an import whose profile maps an ID onto a
// column that holds codici fiscali.
var ErrCFInID = fmt.Errorf("codice fiscale in una colonna di identificativi")

// personShaped rejects the cells of non-personal fields that hold a valid
// codice fiscale, which would otherwise be stored in clear (a shifted
// row, a vendor that writes it into a note). In an ID column it is the
// profile that is wrong, not the row: the import stops, saying what to
// change.
func (r *row) personShaped() (bool, error) {
	bad := false
	for _, c := range r.checked {
		v := r.cell(c.col)
		if !holdsCF(v) {
			continue
		}
		if idFields[c.field] {
			return true, fmt.Errorf("%s, riga %d, colonna %q (campo %s): %w, %s: gli identificativi sono registrati ed esportati in chiaro. "+
				"Nel profilo mappare questa colonna su person_cf e come %s la colonna del numero di cartella o dell'intervento",
				r.file, r.line, r.column(c.field), c.field, ErrCFInID, mask.Personal(v), c.field)
		}
		// The value is not shown: beside the codice fiscale it may hold
		// anything of the person (a shifted row, a swallowed line).
		r.reject(c.field, "", "codice fiscale in una colonna che non è personale: la riga è spostata o il programma lo scrive nel campo sbagliato; correggere la riga o il profilo")
		bad = true
	}
	return bad, nil
}

// id is the ID in field, as stored: trimmed; without the leading zeros a
// spreadsheet drops when the profile declares numeric IDs (counted in
// r.normalized); "" and a rejection for an ID with control characters (a
// NUL byte), which would make two spellings of one ID look the same on
// screen and differ in the database.
func (r *row) id(field string) string {
	s := strings.TrimSpace(r.text(field))
	if strings.IndexFunc(s, func(c rune) bool { return c < 0x20 || c == 0x7f }) >= 0 {
		r.reject(field, strings.Map(visible, s), "identificativo con caratteri di controllo (per esempio NUL, qui «·»): il file è danneggiato o mal esportato")
		return ""
	}
	if r.p.NumericIDs && len(s) > 1 && s[0] == '0' && allDigits(s) {
		s = strings.TrimLeft(s, "0")
		if s == "" {
			s = "0"
		}
		r.normalized++
	}
	return s
}

// requiredID is id for a field that must be present.
func (r *row) requiredID(field, missing string) string {
	if strings.TrimSpace(r.text(field)) == "" {
		r.reject(field, "", missing)
		return ""
	}
	return r.id(field)
}

func visible(c rune) rune {
	if c < 0x20 || c == 0x7f {
		return '·'
	}
	return c
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// sourced matches an ID stored under a source namespace ("progx:123").
var sourced = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*:`)

// ErrSameFile is the error of a file already imported under another
// source: its rows would be stored twice, under two IDs each.
var ErrSameFile = fmt.Errorf("file già importato con un'altra origine (source)")

// sameFileOtherSource refuses a diario or cartelle file whose SHA-256 an
// earlier batch imported with IDs of another source (the profile's
// source changed, or another profile): every row would count twice.
// The same file under the same source is a re-import, which changes
// nothing, and goes ahead.
func sameFileOtherSource(ctx context.Context, db interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, sum string, p *Profile) error {
	tables := map[string]string{"activities": "activity", "cases": "cases"}
	tbl, ok := tables[p.Kind]
	if !ok {
		return nil
	}
	var batch int64
	var file, id string
	err := db.QueryRowContext(ctx, sqlFill("same_file_batch", struct{ Table string }{tbl}),
		sql.Named("sha256", sum), sql.Named("kind", p.Kind)).Scan(&batch, &file, &id)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("lettura dei lotti: %w", err)
	}
	same := strings.HasPrefix(id, p.Source+":")
	if p.Source == "" {
		same = !sourced.MatchString(id)
	}
	if same {
		return nil
	}
	return fmt.Errorf("%w: lo stesso contenuto (SHA-256) è stato importato nel lotto %d (%s) con identificativi di un'altra origine: "+
		"importarlo di nuovo conterebbe due volte ogni riga. Usare il profilo di allora (source), o --force se è davvero un altro insieme di dati",
		ErrSameFile, batch, file)
}
