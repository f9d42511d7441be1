package carico

// Outcome is how the procedure opened by an istanza ended: the decision's
// result, as the istanze kind records it.
type Outcome string

// The outcomes of a procedure.
const (
	OutcomeGranted   Outcome = "accolta"
	OutcomePartial   Outcome = "parziale"
	OutcomeRejected  Outcome = "respinta"
	OutcomeWithdrawn Outcome = "archiviata" // withdrawn, lapsed, or closed without a decision on the merits
	OutcomeOther     Outcome = "altro"
)

// Outcomes lists the outcomes in report order.
var Outcomes = []Outcome{OutcomeGranted, OutcomePartial, OutcomeRejected, OutcomeWithdrawn, OutcomeOther}

var outcomeLabels = map[Outcome]string{
	OutcomeGranted:   "accolta",
	OutcomePartial:   "accolta in parte",
	OutcomeRejected:  "respinta",
	OutcomeWithdrawn: "archiviata o ritirata",
	OutcomeOther:     "altro esito",
}

// Label is the Italian name of the outcome.
func (o Outcome) Label() string { return labelOr(outcomeLabels, o) }

// Valid reports whether o is one of the outcomes.
func (o Outcome) Valid() bool { _, ok := outcomeLabels[o]; return ok }
