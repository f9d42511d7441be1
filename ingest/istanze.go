package ingest

import (
	"time"

	"github.com/carico/carico"
)

// The istanze kind imports the requests behind the cartelle, many per
// cartella: its request date, protocol number, type of procedure (which
// sets its term, [timeliness.procedures] of the configuration), decision
// date and outcome. An istanza is keyed by cartella, request date,
// protocol and procedure: a later file with the same four changes its
// decision and outcome. The cartelle kind's application and decision
// columns remain, a shortcut for exports with one istanza per cartella.
func init() {
	specs["istanze"] = &spec{
		stage: []column{{"case_id", "VARCHAR", "case_id"}, {"received", "DATE", "application"},
			{"protocol", "VARCHAR", "protocol"}, {"procedure", "VARCHAR", "procedure"},
			{"decision", "DATE", "decision"}, {"outcome", "VARCHAR", "outcome"}},
		keys:  []string{"case_id", "received", "protocol", "procedure"},
		apply: func(m *merger) error { return m.upsert("istanza", true) },
		build: (*mapper).istanza,
	}
	Fields["istanze"] = []string{"case_id", "application", "protocol", "procedure", "decision", "outcome"}
	required["istanze"] = []string{"case_id", "application"}
	synonyms["istanze"] = map[string]string{
		"n cartella": "case_id", "id cartella": "case_id", "num cartella": "case_id", "numero cartella": "case_id",
		"cartella": "case_id", "codice cartella": "case_id", "n fascicolo": "case_id", "id caso": "case_id", "caso id": "case_id",
		"data domanda": "application", "data istanza": "application", "data richiesta": "application",
		"data presentazione": "application", "data protocollo": "application",
		"protocollo": "protocol", "n protocollo": "protocol", "numero protocollo": "protocol", "prot": "protocol",
		"protocollo domanda": "protocol",
		"tipo procedimento":  "procedure", "procedimento": "procedure", "tipo domanda": "procedure",
		"tipo istanza": "procedure", "prestazione richiesta": "procedure", "intervento richiesto": "procedure", "tipo intervento": "procedure",
		"data decisione": "decision", "data provvedimento": "decision", "data esito": "decision",
		"esito": "outcome", "esito domanda": "outcome", "esito istanza": "outcome", "stato domanda": "outcome",
	}
	distinctive["istanze"] = []string{"protocol", "procedure", "outcome"}
	kindOrder = append(kindOrder, "istanze")
	valueTargets["outcome"] = func(s string) bool { return carico.Outcome(s).Valid() }
	fieldNames["outcome"] = "esito"
	labelFields["outcome"] = &labelField{canonical: strs(carico.Outcomes), keywords: [][2]string{
		{"parzial", "parziale"}, {"in parte", "parziale"}, {"accolt", "accolta"}, {"approvat", "accolta"},
		{"concess", "accolta"}, {"ammess", "accolta"}, {"respint", "respinta"}, {"rigett", "respinta"},
		{"negat", "respinta"}, {"non ammess", "respinta"}, {"archiviat", "archiviata"}, {"ritirat", "archiviata"},
		{"rinunci", "archiviata"}, {"decadut", "archiviata"}, {"altro", "altro"},
	}}
}

// outcomeSynonyms are wordings of the outcomes exports commonly use.
var outcomeSynonyms = map[string]string{
	"Accolta": "accolta", "Accolto": "accolta", "Approvata": "accolta", "Ammessa": "accolta", "Concessa": "accolta",
	"Accolta parzialmente": "parziale", "Parzialmente accolta": "parziale", "Accolta in parte": "parziale",
	"Respinta": "respinta", "Rigettata": "respinta", "Non accolta": "respinta", "Non ammessa": "respinta", "Negata": "respinta",
	"Archiviata": "archiviata", "Ritirata": "archiviata", "Rinuncia": "archiviata", "Decaduta": "archiviata",
}

// istanza builds one request. Its decision may not precede the request
// only when both are dated in the file: such a row is rejected here rather
// than counted as a data error later, since the file says both dates.
func (m *mapper) istanza(r *row, out []any) []any {
	caseID := r.requiredID("case_id", "numero di cartella mancante")
	received, okReceived := r.requiredDate("application")
	decision := r.date("decision")
	if d, ok := decision.(time.Time); ok && okReceived && d.Before(received) {
		r.reject("decision", r.text("decision"), "data della decisione precedente alla domanda")
	}
	outcome := r.mapLabel("outcome", m.labels["outcome"], false)
	protocol, procedure := r.id("protocol"), r.text("procedure")
	if len(r.rejects) > 0 {
		return nil
	}
	return append(out, m.sourceCase(caseID), received, protocol, procedure, decision, outcome)
}
