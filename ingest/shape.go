package ingest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

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
	if len(s) < 16 {
		return false
	}
	for _, m := range cfCandidate.FindAllString(s, -1) {
		if ValidCF(strings.ToUpper(m)) {
			return true
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
		r.reject(c.field, v, "codice fiscale in una colonna che non è personale: la riga è spostata o il programma lo scrive nel campo sbagliato; correggere la riga o il profilo")
		bad = true
	}
	return bad, nil
}
