package allocate

import (
	"cmp"
	"slices"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
	"github.com/carico/carico/model"
)

// The queue is the work waiting for someone, as a weekly allocation
// meeting reviews it: open cartelle without a holder in service, and
// istanze waiting for a decision with the days left to their L. 241/1990
// term. It lists; the responsabile decides.

// Kinds of queue item.
const (
	KindNew       = "nuova"            // opened within NewDays, never assigned
	KindNever     = "mai_assegnata"    // open longer, never assigned
	KindHolderOut = "titolare_cessato" // the holder's assignment or contract ended
	KindAbsent    = "titolare_assente" // the holder wrote nothing in the diario for AbsentDays
	KindIstanza   = "istanza"          // an istanza waiting for a decision
)

// kindLabels are the Italian names every output prints for the kinds.
var kindLabels = map[string]string{
	KindNew:       "Nuova cartella in attesa di titolare",
	KindNever:     "Cartella mai assegnata",
	KindHolderOut: "Titolare non più in servizio",
	KindAbsent:    "Titolare assente",
	KindIstanza:   "Istanza in attesa di decisione",
}

// KindLabel is the Italian name of a queue item's kind.
func KindLabel(kind string) string {
	if l, ok := kindLabels[kind]; ok {
		return l
	}
	return kind
}

// QueueConfig sets when a cartella enters the queue.
type QueueConfig struct {
	// AbsentDays is how long a holder may go without any diario entry
	// before her cartelle count as waiting (default 30): carico has no
	// dated absences, so the diario's silence stands for them.
	AbsentDays int
	// NewDays is how recent an unassigned cartella is still «nuova»
	// rather than «mai assegnata» (default 30).
	NewDays int
	// NearingDays is how many days before its term an istanza is «in
	// scadenza» (default 7: the term would pass before the next weekly
	// allocation meeting). A default of carico's, not a rule of law.
	NearingDays int
}

// DefaultQueueConfig is the design default: 30 days for AbsentDays and
// NewDays, 7 for NearingDays.
func DefaultQueueConfig() QueueConfig {
	return QueueConfig{AbsentDays: 30, NewDays: 30, NearingDays: 7}
}

// Item is one thing waiting in the queue.
type Item struct {
	Kind       string      `json:"kind"`
	Cartella   string      `json:"cartella"`
	Area       carico.Area `json:"area"`
	Complexity int         `json:"complexity"` // 1–3, 0 not recorded
	ISTAT      string      `json:"istat"`
	Comune     string      `json:"comune"`
	Holder     string      `json:"holder,omitempty"` // holder on record, for the absent or departed
	// Procedure and Protocol identify an istanza among its cartella's,
	// when the istanze kind records them.
	Procedure string `json:"procedure,omitempty"`
	Protocol  string `json:"protocol,omitempty"`
	// Since is when the waiting started: the opening, the end of the
	// holder's assignment or contract, the day after her last diario
	// entry, or the filing of the istanza.
	Since       model.Date `json:"since"`
	DaysWaiting int        `json:"days_waiting"`
	// TermDays and DaysLeft apply to istanze only (null otherwise); a
	// negative DaysLeft is past the term.
	TermDays *int `json:"term_days"`
	DaysLeft *int `json:"days_left"`
	// Decision is the allocation recorded for the item, while no later
	// cartelle import shows it; nil when none.
	Decision *Decision `json:"decision,omitempty"`
}

// Number is the cartella's number as the cartella software shows it
// (carico.DisplayID): what the responsabile reads and the software's
// export carries; Cartella stays the stored key.
func (it Item) Number() string { return carico.DisplayID(it.Cartella) }

// Overdue reports whether an istanza is past its term.
func (it Item) Overdue() bool { return it.DaysLeft != nil && *it.DaysLeft < 0 }

// Nearing reports whether an istanza is nearing its term: not past it,
// with at most cfg.NearingDays days left. The one rule of «in scadenza»
// for an istanza.
func (it Item) Nearing(cfg QueueConfig) bool {
	return it.DaysLeft != nil && *it.DaysLeft >= 0 && *it.DaysLeft <= cfg.NearingDays
}

// Queue builds the queue at at from the cartelle without a holder in
// service (facts.UnheldCases) and the pending istanze
// (facts.PendingIstanze), with term giving an istanza's term in days from
// its type of procedure and initiative, and names the comuni's names by
// ISTAT code. Items are sorted by days left (istanze first, the most
// overdue at the top), then by days waiting, longest first.
func Queue(at time.Time, unheld []facts.Unheld, istanze []facts.PendingIstanza, term func(procedure, initiative string) int, names map[string]string, cfg QueueConfig) []Item {
	at = facts.Day(at)
	items := []Item{}
	for _, u := range unheld {
		kind := u.Kind
		if kind == KindNever && days(u.Opened, at) <= cfg.NewDays {
			kind = KindNew
		}
		items = append(items, Item{Kind: kind, Cartella: u.CaseID, Area: carico.Area(u.Area), Complexity: u.Complexity,
			ISTAT: u.ISTAT, Comune: names[u.ISTAT], Holder: u.Holder, Since: model.DateOf(u.Since), DaysWaiting: days(u.Since, at)})
	}
	for _, is := range istanze {
		waited := days(is.Received, at)
		t := term(is.Procedure, is.Initiative)
		left := t - waited
		items = append(items, Item{Kind: KindIstanza, Cartella: is.CaseID, Procedure: is.Procedure, Protocol: is.Protocol,
			Area: carico.Area(is.Area), Complexity: is.Complexity, ISTAT: is.ISTAT, Comune: names[is.ISTAT], Holder: is.Holder,
			Since: model.DateOf(is.Received), DaysWaiting: waited, TermDays: &t, DaysLeft: &left})
	}
	slices.SortStableFunc(items, func(a, b Item) int {
		return cmp.Or(
			firstIf(a.DaysLeft != nil, b.DaysLeft != nil),
			cmp.Compare(intOr(a.DaysLeft), intOr(b.DaysLeft)),
			cmp.Compare(b.DaysWaiting, a.DaysWaiting),
			cmp.Compare(a.Cartella, b.Cartella),
			cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Protocol, b.Protocol))
	})
	return items
}

func days(from, to time.Time) int { return int(facts.Day(to).Sub(facts.Day(from)).Hours() / 24) }

func intOr(v *int) int {
	if v == nil {
		return 0
	}
	return *v
}
