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

// reduction builds a row of the register. A reduction states either a
// percentage (above 0, at most 100) or hours per week; its reason defaults
// to «altro» when the export has none.
func (m *mapper) reduction(r *row, out []any) []any {
	m.reasonLabels()
	op, _ := m.look.operator(r)
	from, okFrom := r.requiredDate("from")
	to := r.date("to")
	if t, ok := to.(time.Time); ok && okFrom && t.Before(from) {
		r.reject("to", r.text("to"), "fine della riduzione precedente all'inizio")
	}
	percent := percentCell(r)
	hours := r.number("hours_per_week", 60, "ore settimanali di riduzione")
	if h, ok := hours.(float64); ok && h == 0 {
		hours = nil
	}
	switch {
	case percent != nil && hours != nil:
		r.reject("hours_per_week", r.text("hours_per_week"), "indicare la riduzione in percentuale oppure in ore settimanali, non entrambe")
	case percent == nil && hours == nil && r.text("percent") == "" && r.text("hours_per_week") == "":
		r.reject("percent", "", "riduzione mancante (percentuale o ore settimanali)")
	}
	var reason any = string(carico.ReasonOther)
	if r.text("reason") != "" {
		reason = r.mapLabel("reason", m.labels["reason"], true)
	}
	var note any
	if s := r.text("note"); s != "" {
		note = s
	}
	if len(r.rejects) > 0 {
		return nil
	}
	return append(out, op, from, to, percent, hours, reason, note)
}

// percentCell reads the percentage of a reduction: "20", "20 %" or, as a
// fraction below 1, "0,2"; nil when empty or rejected (0 or above 100 %).
func percentCell(r *row) any {
	s := r.text("percent")
	if s == "" {
		return nil
	}
	t := strings.TrimSpace(strings.TrimSuffix(s, "%"))
	f, err := value.Number(t)
	switch {
	case err != nil:
		r.reject("percent", s, "percentuale di riduzione non valida")
		return nil
	case !strings.HasSuffix(s, "%") && f > 0 && f < 1:
		f *= 100
	}
	switch {
	case f > 100:
		r.reject("percent", s, "percentuale di riduzione oltre il 100 %")
	case f <= 0:
		r.reject("percent", s, "percentuale di riduzione nulla o negativa: una riduzione va da più di 0 a 100 %")
	default:
		return f
	}
	return nil
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
