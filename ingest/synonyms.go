package ingest

import (
	"slices"
	"strings"

	"github.com/carico/carico"
)

// synonyms maps normalised Italian headers (see normalise) onto canonical
// fields, per import kind: "N. cartella" is the case of an activity but
// the ID of a case.
var synonyms = map[string]map[string]string{
	"activities": merge(common, map[string]string{
		"id": "id", "id intervento": "id", "id attivita": "id", "id prestazione": "id", "codice intervento": "id",
		"n intervento": "id", "numero intervento": "id", "id riga": "id",
		"data": "date", "data intervento": "date", "data attivita": "date", "data prestazione": "date", "giorno": "date",
		"ora": "time", "ora inizio": "time", "orario": "time",
		"n cartella": "case_id", "id cartella": "case_id", "num cartella": "case_id", "numero cartella": "case_id",
		"cartella": "case_id", "codice cartella": "case_id", "n fascicolo": "case_id",
		"tipo attivita": "kind", "tipo prestazione": "kind", "tipo intervento": "kind", "attivita": "kind",
		"prestazione": "kind", "tipologia": "kind", "tipologia attivita": "kind",
		"durata": "minutes", "durata h mm": "minutes", "durata minuti": "minutes", "durata ore": "minutes",
		"minuti": "minutes", "ore": "minutes", "tempo": "minutes", "tempo impiegato": "minutes",
		"note": "note", "annotazioni": "note", "descrizione": "note",
	}),
	"cases": merge(common, map[string]string{
		"n cartella": "id", "id cartella": "id", "num cartella": "id", "numero cartella": "id", "cartella": "id",
		"codice cartella": "id", "n fascicolo": "id",
		"codice fiscale": "person_cf", "cf": "person_cf", "cod fiscale": "person_cf",
		"cognome e nome": "person_name", "nome e cognome": "person_name", "nominativo": "person_name",
		"utente": "person_name", "assistito": "person_name", "cognome": "person_name", "nome": "person_name",
		"data di nascita": "birth_date", "data nascita": "birth_date",
		"data apertura": "opened", "apertura": "opened", "data presa in carico": "opened", "data inizio": "opened",
		"data chiusura": "closed", "chiusura": "closed", "data fine": "closed",
		"motivo chiusura": "close_reason", "motivazione chiusura": "close_reason", "causa chiusura": "close_reason",
		"area": "area", "area di utenza": "area", "area utenza": "area", "target": "area",
		"area di intervento": "area", "area intervento": "area",
		"complessita": "complexity", "livello di complessita": "complexity", "livello complessita": "complexity",
		"iniziativa": "initiative", "modalita di accesso": "initiative", "canale di accesso": "initiative",
		"data istanza": "application", "data domanda": "application", "data richiesta": "application",
		"data decisione": "decision", "data provvedimento": "decision", "data esito": "decision",
		"zona": "zone", "quartiere": "zone",
	}),
	"assignments": merge(common, map[string]string{
		"n cartella": "case_id", "id cartella": "case_id", "num cartella": "case_id", "numero cartella": "case_id",
		"cartella": "case_id",
		"dal":      "from", "data inizio": "from", "inizio": "from", "data assegnazione": "from",
		"al": "to", "data fine": "to", "fine": "to",
	}),
	"staff": merge(common, map[string]string{
		"matricola": "operator_id", "id operatore": "operator_id", "codice operatore": "operator_id",
		"cognome e nome": "operator", "nome e cognome": "operator", "nominativo": "operator",
		"qualifica": "role", "profilo": "role", "profilo professionale": "role", "ruolo": "role", "tipo operatore": "role",
		"ore settimanali": "weekly_hours", "ore sett": "weekly_hours", "orario settimanale": "weekly_hours",
		"contratto": "contract", "tipo contratto": "contract", "tipo di contratto": "contract",
		"data inizio": "start", "data assunzione": "start", "dal": "start",
		"data fine": "end", "data cessazione": "end", "al": "end",
		"quota": "share", "percentuale": "share", "ripartizione": "share",
		"datore di lavoro": "employer", "datore lavoro": "employer", "ente datore di lavoro": "employer", "ente di appartenenza": "employer",
		"servizi sociali": "social_services", "addetto ai servizi sociali": "social_services",
	}),
	"absences": merge(common, map[string]string{
		"matricola": "operator_id", "id operatore": "operator_id", "codice operatore": "operator_id",
		"anno":  "year",
		"ferie": "leave_days", "giorni ferie": "leave_days",
		"malattia": "sick_days", "giorni malattia": "sick_days",
		"altre assenze": "other_days", "permessi": "other_days", "altri giorni": "other_days",
	}),
	"population": {
		"codice istat": "istat", "istat": "istat", "cod istat": "istat", "codice comune": "istat",
		"comune": "comune", "denominazione": "comune", "denominazione comune": "comune",
		"provincia": "province", "sigla provincia": "province",
		"ambito": "ambito", "ambito territoriale": "ambito", "ambito sociale": "ambito",
		"anno":      "year",
		"residenti": "residents", "popolazione": "residents", "popolazione residente": "residents", "totale residenti": "residents",
		"residenti al 1 gennaio": "residents", "popolazione al 1 gennaio": "residents", "totale": "residents",
		"eta": "age", "classe di eta": "age",
		"santo patrono": "patron", "patrono": "patron", "festa patronale": "patron",
	},
}

// common are the headers every kind but population shares.
var common = map[string]string{
	"operatore": "operator", "assistente sociale": "operator", "operatore referente": "operator",
	"referente": "operator", "as referente": "operator", "operatore incaricato": "operator",
	"comune": "comune", "comune di residenza": "comune", "comune residenza": "comune", "ente": "comune",
}

func merge(a, b map[string]string) map[string]string {
	m := make(map[string]string, len(a)+len(b))
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}

// distinctive fields weigh more when guessing the kind of a file.
var distinctive = map[string][]string{
	"activities":  {"kind", "minutes"},
	"cases":       {"opened", "person_cf", "person_name", "close_reason", "area"},
	"assignments": {"from", "to"},
	"staff":       {"role", "weekly_hours", "contract", "share"},
	"absences":    {"leave_days", "sick_days"},
	"population":  {"residents", "istat"},
}

// kindOrder breaks ties when guessing, most common exports first.
var kindOrder = []string{"activities", "cases", "staff", "population", "assignments", "absences"}

// guessKind picks the kind whose synonyms match the header best.
func guessKind(header []string) string {
	best, bestScore := "activities", -1
	for _, k := range kindOrder {
		score := 0
		for _, f := range matchColumns(k, header) {
			switch {
			case f == "":
			case slices.Contains(distinctive[k], f):
				score += 3
			default:
				score++
			}
		}
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	return best
}

// prefixes match headers that carry a date or a place after a known start:
// "Popolazione residente al 1° gennaio 2025".
var prefixes = map[string]map[string]string{
	"population": {"popolazione residente": "residents", "residenti al": "residents", "popolazione al": "residents"},
}

// synonym is the canonical field of a header cell for kind, or "".
func synonym(kind, header string) string {
	n := normalise(header)
	if f := synonyms[kind][n]; f != "" {
		return f
	}
	for prefix, f := range prefixes[kind] {
		if strings.HasPrefix(n, prefix) {
			return f
		}
	}
	return ""
}

// matchColumns gives each header cell its canonical field for kind, or "".
// A field is given once, to its first column, except those that join
// Cognome and Nome (see joined).
func matchColumns(kind string, header []string) []string {
	out := make([]string, len(header))
	taken := map[string]bool{}
	for i, h := range header {
		f := synonym(kind, h)
		if f == "" || (taken[f] && !joined(kind, f)) {
			continue
		}
		out[i], taken[f] = f, true
	}
	return out
}

// labelFields are the fields whose values are vendor labels to map onto a
// canonical vocabulary, with keywords that make the mapping obvious, tried
// in order.
var labelFields = map[string]*labelField{
	"kind": {canonical: strs(carico.Kinds), keywords: [][2]string{
		{"formazione", "training"}, {"supervisione", "supervision"}, {"aggiornamento", "training"},
		{"tavolo", "community"}, {"comunita", "community"}, {"rete", "community"},
		{"segretariato", "access"}, {"sportello", "access"}, {"front office", "access"},
		{"riunione", "admin"}, {"amministrativ", "admin"}, {"back office", "admin"}, {"protocollo", "admin"},
		{"determin", "admin"}, {"debito informativo", "admin"},
		{"colloquio", "case"}, {"visita", "case"}, {"domicil", "case"}, {"relazione", "case"},
		{"accompagn", "case"}, {"telefon", "case"}, {"equipe", "case"}, {"incontro protetto", "case"},
		{"altro", "other"}, {"altre", "other"},
	}},
	"area": {canonical: strs(carico.Areas), keywords: [][2]string{
		{"minor", "famiglia_minori"}, {"famigli", "famiglia_minori"}, {"disab", "disabili"},
		{"dipendenz", "dipendenze"}, {"anzian", "anziani"}, {"immigr", "immigrati"}, {"stranier", "immigrati"},
		{"povert", "poverta"}, {"disagio adulti", "poverta"}, {"multiutenza", "multiutenza"},
	}},
	"close_reason": {canonical: strs(carico.CloseReasons), keywords: [][2]string{
		{"conclus", "conclusione"}, {"obiettiv", "conclusione"}, {"inattiv", "inattivita"},
		{"trasfer", "trasferimento"}, {"residenza", "trasferimento"}, {"decess", "decesso"}, {"altro", "altro"},
	}},
	"initiative": {canonical: strs(carico.Initiatives), keywords: [][2]string{
		{"istanza", "istanza"}, {"domanda", "istanza"}, {"spontane", "istanza"}, {"ufficio", "ufficio"},
		{"tribunal", "altro_ente"}, {"segnalazion", "altro_ente"}, {"scuola", "altro_ente"}, {"ente", "altro_ente"},
	}},
	"role": {canonical: strs(carico.Roles), keywords: [][2]string{
		{"assistente sociale", "assistente_sociale"}, {"educat", "educatore"}, {"oss", "asa_oss"},
		{"asa", "asa_oss"}, {"prossimit", "asa_oss"}, {"amministrativ", "amministrativo"}, {"istruttore", "amministrativo"},
		{"psicolog", "altro"}, {"mediator", "altro"}, {"altro", "altro"},
	}},
	"contract": {canonical: []string{string(carico.ContractPermanent), string(carico.ContractFixedTerm)}, keywords: [][2]string{
		{"indeterminato", "indeterminato"}, {"determinato", "determinato"}, {"tempo det", "determinato"},
	}},
	"complexity": {canonical: []string{"1", "2", "3"}, keywords: [][2]string{
		{"bass", "1"}, {"medi", "2"}, {"alt", "3"},
	}},
	// Order matters: the first keyword found wins.
	"employer": {canonical: strs(carico.Employers), keywords: [][2]string{
		{"rimbors", "azienda_sanitaria_rimborsata"}, {"asl", "azienda_sanitaria"}, {"asst", "azienda_sanitaria"},
		{"sanitari", "azienda_sanitaria"}, {"unione", "associazione"}, {"consorzi", "associazione"},
		{"associazione", "associazione"}, {"azienda speciale", "ente_strumentale"}, {"comune", "comune"},
	}},
	"social_services": {canonical: []string{"si", "no"}, keywords: [][2]string{{"si", "si"}, {"no", "no"}}},
}

type labelField struct {
	canonical []string
	keywords  [][2]string // normalised keyword, canonical value
}

// propose returns the canonical value a label obviously means and the
// keyword that says so (none when the label is the canonical value written
// differently, "Assistente Sociale"); known is true when the label is the
// canonical value itself and needs no mapping.
func (l *labelField) propose(label string) (canonical, keyword string, known bool) {
	n := normalise(label)
	for _, c := range l.canonical {
		if n == normalise(c) {
			return c, "", label == c
		}
	}
	for _, kw := range l.keywords {
		if strings.Contains(" "+n+" ", " "+kw[0]) {
			return kw[1], kw[0], false
		}
	}
	return "", "", false
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}
