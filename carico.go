// Package carico holds the canonical vocabulary and records of the engine:
// the kinds of work, the ISTAT areas of users, the ways a cartella opens and
// closes, the staff roles and contracts, and the records every layer passes on.
//
// Following the Standard Package Layout, this root package depends on nothing
// but the standard library, so that every layer (ingest, store, model,
// analytics, reports) can share one vocabulary without importing each other.
// The workload computations themselves live in model/.
package carico

import (
	"strings"
	"time"
)

// Kind is the canonical kind of an activity in the diario (DOMAIN.md §3).
type Kind string

// The canonical activity kinds. Vendor labels are mapped onto these by the
// import profile.
const (
	KindCase      Kind = "case"      // colloqui, visite domiciliari, relazioni, équipe sul caso
	KindCommunity Kind = "community" // lavoro di comunità, tavoli territoriali, reti
	KindAccess    Kind = "access"    // segretariato sociale, sportello
	KindAdmin     Kind = "admin"     // back office non legato a un caso
	KindTraining  Kind = "training"  // formazione, aggiornamento
	// KindSupervision is professional supervision (individual, group or
	// organisational), a LEPS since L. 234/2021: protected time, counted
	// apart from training.
	KindSupervision Kind = "supervision"
	KindOther       Kind = "other"
)

// Kinds lists the activity kinds in report order.
var Kinds = []Kind{KindCase, KindCommunity, KindAccess, KindAdmin, KindTraining, KindSupervision, KindOther}

var kindLabels = map[Kind]string{
	KindCase:        "Lavoro sul caso",
	KindCommunity:   "Lavoro di comunità",
	KindAccess:      "Segretariato sociale",
	KindAdmin:       "Amministrazione",
	KindTraining:    "Formazione",
	KindSupervision: "Supervisione professionale",
	KindOther:       "Altro",
}

// Label is the Italian name of the kind, as reports show it.
func (k Kind) Label() string { return labelOr(kindLabels, k) }

// Valid reports whether k is one of the canonical kinds.
func (k Kind) Valid() bool { _, ok := kindLabels[k]; return ok }

// Area is the area di utenza of ISTAT's survey of municipal social services.
type Area string

// The ISTAT areas di utenza.
const (
	AreaFamily     Area = "famiglia_minori"
	AreaDisability Area = "disabili"
	AreaAddiction  Area = "dipendenze"
	AreaElderly    Area = "anziani"
	AreaMigrants   Area = "immigrati"
	AreaPoverty    Area = "poverta"
	AreaMulti      Area = "multiutenza"
)

// Areas lists the areas in ISTAT's order.
var Areas = []Area{AreaFamily, AreaDisability, AreaAddiction, AreaElderly, AreaMigrants, AreaPoverty, AreaMulti}

var areaLabels = map[Area]string{
	AreaFamily:     "Famiglia e minori",
	AreaDisability: "Disabili",
	AreaAddiction:  "Dipendenze",
	AreaElderly:    "Anziani (65 anni e più)",
	AreaMigrants:   "Immigrati, Rom, Sinti e Caminanti",
	AreaPoverty:    "Povertà, disagio adulti e senza dimora",
	AreaMulti:      "Multiutenza",
}

// Label is the ISTAT name of the area.
func (a Area) Label() string { return labelOr(areaLabels, a) }

// Valid reports whether a is one of the ISTAT areas.
func (a Area) Valid() bool { _, ok := areaLabels[a]; return ok }

// CloseReason is why a cartella was closed (cartella lab, Bergamo 2018).
type CloseReason string

// The canonical close reasons.
const (
	CloseConcluded  CloseReason = "conclusione"   // conclusione del processo di aiuto
	CloseInactivity CloseReason = "inattivita"    // nessun accesso e nessun intervento per un anno
	CloseTransfer   CloseReason = "trasferimento" // trasferimento o cambio di residenza
	CloseDeath      CloseReason = "decesso"
	CloseOther      CloseReason = "altro"
)

// CloseReasons lists the close reasons in report order.
var CloseReasons = []CloseReason{CloseConcluded, CloseInactivity, CloseTransfer, CloseDeath, CloseOther}

var closeLabels = map[CloseReason]string{
	CloseConcluded:  "Conclusione del processo di aiuto",
	CloseInactivity: "Nessun accesso né intervento per un anno",
	CloseTransfer:   "Trasferimento o cambio di residenza",
	CloseDeath:      "Decesso",
	CloseOther:      "Altro",
}

// Label is the Italian name of the close reason.
func (r CloseReason) Label() string { return labelOr(closeLabels, r) }

// Valid reports whether r is one of the canonical close reasons.
func (r CloseReason) Valid() bool { _, ok := closeLabels[r]; return ok }

// Initiative is how the procedure behind a cartella started.
type Initiative string

// The initiatives of a procedure.
const (
	InitiativeApplication Initiative = "istanza"    // the citizen applies
	InitiativeOffice      Initiative = "ufficio"    // d'ufficio
	InitiativeOtherBody   Initiative = "altro_ente" // richiesta di altro ente: tribunale, ATS, scuola…
)

// Initiatives lists the initiatives in report order.
var Initiatives = []Initiative{InitiativeApplication, InitiativeOffice, InitiativeOtherBody}

var initiativeLabels = map[Initiative]string{
	InitiativeApplication: "Istanza di parte",
	InitiativeOffice:      "D'ufficio",
	InitiativeOtherBody:   "Richiesta di altro ente",
}

// Label is the Italian name of the initiative.
func (i Initiative) Label() string { return labelOr(initiativeLabels, i) }

// Valid reports whether i is one of the canonical initiatives.
func (i Initiative) Valid() bool { _, ok := initiativeLabels[i]; return ok }

// Role is a staff member's professional role.
type Role string

// The staff roles.
const (
	RoleSocialWorker Role = "assistente_sociale"
	RoleEducator     Role = "educatore"
	RoleCareWorker   Role = "asa_oss" // ASA/OSS, operatore di prossimità
	RoleClerk        Role = "amministrativo"
	// RoleOther is any other profile (psicologo, mediatore, COP …): kept
	// on the roster, counted in no other role's FTE, never a social
	// worker.
	RoleOther Role = "altro"
)

// Roles lists the roles in report order.
var Roles = []Role{RoleSocialWorker, RoleEducator, RoleCareWorker, RoleClerk, RoleOther}

var roleLabels = map[Role]string{
	RoleSocialWorker: "Assistente sociale",
	RoleEducator:     "Educatore professionale",
	RoleCareWorker:   "ASA/OSS",
	RoleClerk:        "Amministrativo",
	RoleOther:        "Altro profilo",
}

// Label is the Italian name of the role.
func (r Role) Label() string { return labelOr(roleLabels, r) }

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool { _, ok := roleLabels[r]; return ok }

// DoesCommunityWork tells whether the service expects community work of
// the role — of the professional roles, not of clerks or care workers — and
// so whether its time is judged against the community-work target.
func (r Role) DoesCommunityWork() bool { return r == RoleSocialWorker || r == RoleEducator }

// Contract is the kind of employment contract. Only permanent social workers
// count towards the LEPS ratio (L. 178/2020, art. 1 c. 797).
type Contract string

// The contract kinds.
const (
	ContractPermanent Contract = "indeterminato"
	ContractFixedTerm Contract = "determinato"
)

var contractLabels = map[Contract]string{
	ContractPermanent: "Tempo indeterminato",
	ContractFixedTerm: "Tempo determinato",
}

// Label is the Italian name of the contract.
func (c Contract) Label() string { return labelOr(contractLabels, c) }

// Valid reports whether c is one of the contract kinds.
func (c Contract) Valid() bool { _, ok := contractLabels[c]; return ok }

// FullTimeHours is the full-time week of the Funzioni Locali contract. The
// figures divide by the configured awt.full_time_hours (model.AWTConfig.FTE),
// whose default this is; the sample generator staffs with it.
const FullTimeHours = 36.0

// Comune is a municipality of the Ambito.
type Comune struct {
	ISTAT    string // six-digit ISTAT code, e.g. "016024"
	Name     string
	Province string // sigla, e.g. "BG"
	Ambito   string
	// Patron is the comune's patron-saint holiday as month and day; zero when unknown.
	PatronMonth time.Month
	PatronDay   int
}

// Residents is the resident population of a comune at 1 January of Year.
type Residents struct {
	ISTAT     string
	Year      int
	Residents int
}

// Operator is a staff member. Names of staff are not citizens' data: the
// responsabile audience sees them, the politico audience never does.
type Operator struct {
	ID          string
	Name        string
	Role        Role
	WeeklyHours float64
	Contract    Contract
	Start       time.Time
	End         time.Time // zero while in service
}

// Allocation is the share of an operator's time given to a comune; the
// shares of one operator sum to 1.
type Allocation struct {
	OperatorID string
	ISTAT      string
	Share      float64
}

// Absence is the leave an operator took in a year, when the roster has it;
// the model falls back on configured averages otherwise.
type Absence struct {
	OperatorID string
	Year       int
	LeaveDays  float64 // ferie and festività soppresse
	SickDays   float64
	OtherDays  float64 // formazione esterna, permessi, congedi
}

// Case is a cartella sociale. Person is a keyed pseudonym: the citizen's name
// and codice fiscale never reach the store.
type Case struct {
	ID          string
	Person      string
	ISTAT       string
	Zone        string // quartiere or territorial zone, when the export has it
	Area        Area
	Complexity  int // 1 bassa, 2 media, 3 alta; 0 unknown
	Initiative  Initiative
	Opened      time.Time
	Closed      time.Time // zero while open
	CloseReason CloseReason
	Application time.Time // data dell'istanza o della richiesta; zero if none
	Decision    time.Time // data della decisione; zero if none
	OperatorID  string    // current assignment
	Assignments []Assignment
}

// Assignment is a period in which a case was assigned to an operator.
type Assignment struct {
	CaseID     string
	OperatorID string
	From       time.Time
	To         time.Time // zero while in force
}

// Activity is one entry of the diario.
type Activity struct {
	ID         string
	Date       time.Time // day, with the time of day when the export has it
	OperatorID string
	CaseID     string // empty for community work, segretariato, admin, training
	Kind       Kind
	Minutes    int
	ISTAT      string
	RawLabel   string // the vendor's own label, kept for audit
}

func labelOr[K ~string](m map[K]string, k K) string {
	if l, ok := m[k]; ok {
		return l
	}
	return string(k)
}

// DisplayID is a cartella or activity identifier as the cartella software
// shows it. The import prefixes the identifiers of a profile with a source
// namespace and a colon ("cartelleB:11551"), so that two programs' numbers
// cannot collide in the store; a reader looks the record up by the number
// alone. Only the first colon separates a namespace.
func DisplayID(id string) string {
	if _, number, ok := strings.Cut(id, ":"); ok {
		return number
	}
	return id
}
