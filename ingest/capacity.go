package ingest

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/ingest/value"
)

// The capacity kind imports the capacity register: dated reductions of an
// operator's time for cartelle, from an HR export (Cognome, Nome, Dal, Al,
// Riduzione %, Motivo). A reduction is keyed by operator and start date; a
// later file changes a stored reduction with the same start, and a period
// that overlaps another of the same operator, in the file or stored, is
// rejected: the register never holds two reductions for one day.
func init() {
	specs["capacity"] = &spec{
		stage: []column{{"operator_id", "VARCHAR", ""}, {"from_date", "DATE", "from"}, {"to_date", "DATE", "to"},
			{"percent", "DOUBLE", "percent"}, {"hours_per_week", "DOUBLE", "hours_per_week"},
			{"reason", "VARCHAR", "reason"}, {"note", "VARCHAR", "note"}},
		keys:  []string{"operator_id", "from_date"},
		check: capacityOverlaps,
		apply: func(m *merger) error { return m.upsert("capacity_reduction", true) },
		build: (*mapper).reduction,
	}
	Fields["capacity"] = []string{"operator_id", "operator", "from", "to", "percent", "hours_per_week", "reason", "note"}
	required["capacity"] = []string{"operator|operator_id", "from", "percent|hours_per_week"}
	synonyms["capacity"] = merge(common, map[string]string{
		"matricola": "operator_id", "id operatore": "operator_id", "codice operatore": "operator_id",
		"cognome e nome": "operator", "nome e cognome": "operator", "nominativo": "operator",
		"cognome": "operator", "nome": "operator", "dipendente": "operator",
		"dal": "from", "data inizio": "from", "inizio": "from", "decorrenza": "from",
		"al": "to", "data fine": "to", "fine": "to", "scadenza": "to",
		"riduzione": "percent", "riduzione percentuale": "percent", "percentuale riduzione": "percent",
		"percentuale": "percent", "esonero": "percent", "esonero percentuale": "percent",
		"ore settimanali": "hours_per_week", "riduzione ore": "hours_per_week", "ore riduzione": "hours_per_week",
		"ore settimanali riduzione": "hours_per_week", "riduzione ore settimanali": "hours_per_week",
		"motivo": "reason", "motivazione": "reason", "causale": "reason", "tipo riduzione": "reason",
		"note": "note", "annotazioni": "note",
	})
	distinctive["capacity"] = []string{"percent", "hours_per_week", "reason"}
	kindOrder = append(kindOrder, "capacity")
	valueTargets["reason"] = func(s string) bool { return carico.ReductionReason(s).Valid() }
	fieldNames["reason"] = "motivo della riduzione"
	labelFields["reason"] = &labelField{canonical: strs(carico.ReductionReasons), keywords: [][2]string{
		{"coordin", "coordinamento"}, {"responsabil", "coordinamento"}, {"primo anno", "primo_anno"},
		{"neoassunt", "primo_anno"}, {"neo assunt", "primo_anno"}, {"sindacal", "sindacale"}, {"distacco", "sindacale"},
		{"104", "adeguamento"}, {"adeguament", "adeguamento"}, {"incarico", "incarico_aggiuntivo"}, {"altro", "altro"},
	}}
}

// reasonSynonyms are wordings of the reasons HR exports commonly use.
var reasonSynonyms = map[string]string{
	"Distacco sindacale": "sindacale", "Permessi sindacali": "sindacale", "Permesso sindacale": "sindacale",
	"L. 104/1992": "adeguamento", "Legge 104": "adeguamento", "Permessi L. 104": "adeguamento", "Adeguamento ragionevole": "adeguamento",
	"Neoassunto": "primo_anno", "Neoassunta": "primo_anno", "Primo anno": "primo_anno", "Coordinatore": "coordinamento",
}

// reasonLabels sets the lookup of the reductions' reasons, once.
func (m *mapper) reasonLabels() {
	if m.labels["reason"].m == nil {
		m.labels["reason"] = newLabels(m.p.Values["reason"], strs(carico.ReductionReasons),
			func(s string) string { return carico.ReductionReason(s).Label() }, reasonSynonyms)
	}
}

// joined reports whether field may join several columns of a file of kind
// (Cognome and Nome): the person of a cartella, the operator of the
// exports that name no assistito (operatorNames).
func joined(kind, field string) bool {
	return field == "person_name" || (kind != "cases" && kind != "assignments" && field == "operator")
}

// reduction builds a row of the register: the cells parsed here, the
// rules of a reduction (carico.Reduction.Problems, the form's too) checked
// on the values; its reason defaults to «altro» when the export has none.
func (m *mapper) reduction(r *row, out []any) []any {
	m.reasonLabels()
	op, _ := m.look.operator(r)
	from, _ := r.requiredDate("from")
	to := r.date("to")
	x := carico.Reduction{From: from, Reason: carico.ReasonOther}
	if t, ok := to.(time.Time); ok {
		x.To = t
	}
	percent, okP := cellNumber(r, "percent", true)
	hours, okH := cellNumber(r, "hours_per_week", false)
	x.Percent, x.HoursPerWeek = percent, hours
	if r.text("reason") != "" {
		reason := r.mapLabel("reason", m.labels["reason"], true)
		s, _ := reason.(string)
		x.Reason = carico.ReductionReason(s)
	}
	if okP && okH && !x.From.IsZero() {
		for _, p := range x.Problems() {
			if p.Field != "reason" { // an unknown label is rejected by mapLabel
				r.reject(p.Field, r.text(p.Field), p.Reason)
			}
		}
	}
	if len(r.rejects) > 0 {
		return nil
	}
	var note any
	if s := r.text("note"); s != "" {
		note = s
	}
	return append(out, op, from, to, nilIfZero(x.Percent), nilIfZero(x.HoursPerWeek), string(x.Reason), note)
}

// cellNumber reads the percentage or the hours of a reduction; 0 when
// empty. A percentage reads "20", "20 %" or, as a fraction below 1, "0,2".
// ok is false when the cell is not a number (rejected here).
func cellNumber(r *row, field string, percent bool) (float64, bool) {
	s := r.text(field)
	if s == "" {
		return 0, true
	}
	t := s
	if percent {
		t = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	f, err := value.Number(t)
	if err != nil {
		what := "ore settimanali di riduzione non valide"
		if percent {
			what = "percentuale di riduzione non valida"
		}
		r.reject(field, s, what)
		return 0, false
	}
	if percent && !strings.HasSuffix(s, "%") && f > 0 && f < 1 {
		f *= 100
	}
	return f, true
}

func nilIfZero(f float64) any {
	if f == 0 {
		return nil
	}
	return f
}

// capacityOverlaps rejects the rows whose period overlaps another of the
// same operator: another row of the file (both are rejected, each naming
// the other's line) or a stored reduction the file does not replace.
func capacityOverlaps(m *merger) error {
	col := strings.Join(m.p.Columns["from"], " + ")
	n, err := m.exec(sqlText("capacity_overlaps"), sql.Named("batch", m.batch), sql.Named("file", m.file), sql.Named("col", col))
	if err != nil {
		return fmt.Errorf("controllo delle sovrapposizioni: %w", err)
	}
	return m.dropRejected(n)
}
