package carico

import "time"

// Employer is the kind of body that employs an operator. L. 178/2020,
// art. 1 c. 797, counts the social workers of the comuni, of their
// associations and instrumental bodies, and those of a health authority
// delegated by the comuni whose cost the comuni reimburse.
type Employer string

// The employer kinds.
const (
	EmployerComune           Employer = "comune"
	EmployerAssociation      Employer = "associazione"
	EmployerInstrumental     Employer = "ente_strumentale"
	EmployerHealthReimbursed Employer = "azienda_sanitaria_rimborsata"
	EmployerHealth           Employer = "azienda_sanitaria"
	EmployerOther            Employer = "altro"
)

// Employers lists the employer kinds in report order.
var Employers = []Employer{EmployerComune, EmployerAssociation, EmployerInstrumental,
	EmployerHealthReimbursed, EmployerHealth, EmployerOther}

var employerLabels = map[Employer]string{
	EmployerComune:           "Comune",
	EmployerAssociation:      "Associazione di comuni",
	EmployerInstrumental:     "Ente strumentale dei comuni",
	EmployerHealthReimbursed: "Azienda sanitaria, costo rimborsato dai comuni",
	EmployerHealth:           "Azienda sanitaria, costo non rimborsato",
	EmployerOther:            "Altro ente",
}

// Label is the Italian name of the employer kind.
func (e Employer) Label() string { return labelOr(employerLabels, e) }

// Valid reports whether e is one of the employer kinds.
func (e Employer) Valid() bool { _, ok := employerLabels[e]; return ok }

// ContractPeriod is one row of an operator's contract history: from Start
// to End (both included; zero Start: since before the records, zero End:
// still in service) the operator worked WeeklyHours under Contract for
// Employer, giving Share of that time to the comune ISTAT. A change of
// hours, of contract or of employer starts a new period; an operator
// shared among comuni has one row per comune in each period.
type ContractPeriod struct {
	OperatorID  string
	ISTAT       string
	Share       float64
	Start, End  time.Time
	WeeklyHours float64
	Contract    Contract
	Employer    Employer // "" when the roster does not say
	// SocialServices says whether the operator works in planning,
	// organising or delivering the social services; nil when the roster
	// does not say.
	SocialServices *bool
}
