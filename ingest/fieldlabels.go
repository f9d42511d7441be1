package ingest

// The names users read for carico's fields, in Italian: the web
// application's mapping and preview show these, never the profile's keys
// (`minutes`, `case_id`). The fields whose labels are mapped keep their
// names in fieldNames, which the rejections also use.
var fieldLabels = map[string]string{
	"age": "età (riga del totale)", "ambito": "ambito territoriale", "application": "data dell'istanza",
	"birth_date": "data di nascita dell'assistito", "case_id": "numero della cartella", "closed": "data di chiusura",
	"comune": "comune", "date": "data", "decision": "data della decisione", "end": "fine del rapporto",
	"from": "dal", "hours_per_week": "ore settimanali di riduzione", "id": "codice della riga",
	"istat": "codice ISTAT del comune", "leave_days": "giorni di ferie", "minutes": "durata", "note": "note",
	"opened": "data di apertura", "operator": "operatore (cognome e nome)", "operator_id": "codice dell'operatore",
	"operators": "numero di operatori presenti", "other_days": "altri giorni di assenza", "patron": "festa del patrono (gg/mm)",
	"percent": "percentuale di riduzione", "person_cf": "codice fiscale dell'assistito", "person_name": "cognome e nome dell'assistito",
	"procedure": "tipo di procedimento", "protocol": "numero di protocollo",
	"province": "provincia", "residents": "residenti", "share": "quota del tempo nel comune", "sick_days": "giorni di malattia",
	"start": "inizio del rapporto", "time": "ora", "to": "al", "weekly_hours": "ore settimanali", "year": "anno",
	"zone": "zona o quartiere",
}

// kindFieldLabels name the fields whose meaning depends on the export.
var kindFieldLabels = map[string]map[string]string{
	"activities": {"id": "codice dell'attività"},
	"cases":      {"id": "numero della cartella", "operator": "operatore titolare (cognome e nome)"},
	"capacity":   {"note": "nota sulla riduzione"},
}

// FieldLabel is the Italian name of field in an export of kind, as the
// user reads it; the field itself when carico has no name for it.
func FieldLabel(kind, field string) string {
	if l := kindFieldLabels[kind][field]; l != "" {
		return l
	}
	if l := fieldNames[field]; l != "" {
		return l
	}
	if l := fieldLabels[field]; l != "" {
		return l
	}
	return field
}
