package allocate

import (
	"fmt"

	"github.com/carico/carico/model"
)

// Due is one thing the responsabile must act on now: an istanza past its
// term, a social worker in sustained overload with no plan agreed, a
// follow-up of a segnalazione whose date has come.
type Due struct {
	Kind     string     `json:"kind"` // "istanza_scaduta", "istanza_in_scadenza", "sovraccarico", "verifica"
	What     string     `json:"what"` // Italian
	Cartella string     `json:"cartella,omitempty"`
	Operator string     `json:"operator,omitempty"`
	Date     model.Date `json:"date"`
}

// FollowUp is a segnalazione's follow-up date, while it is not closed.
type FollowUp struct {
	ID       int64
	Operator string
	Name     string
	Date     model.Date
}

// DueItems lists what is due: the queue's istanze past term, the social
// workers of ops in sustained overload whose id is not in planned (an open
// plan), and the follow-ups dated on or before today (the calendar's day,
// not the data's reference date: a follow-up is a date in the office's
// diary).
func DueItems(items []Item, ops []model.OperatorMetrics, planned map[string]bool, followUps []FollowUp, today model.Date) []Due {
	out := []Due{}
	for _, it := range items {
		if it.Overdue() {
			out = append(out, Due{Kind: "istanza_scaduta", Cartella: it.Cartella, Date: it.Since,
				What: fmt.Sprintf("Istanza della cartella %s oltre il termine di %d giorni (presentata il %s, %d giorni di ritardo)",
					it.Number(), *it.TermDays, it.Since.Format("02/01/2006"), -*it.DaysLeft)})
		}
	}
	for _, o := range ops {
		if o.SustainedOverload.Weeks == 0 || planned[o.ID] {
			continue
		}
		out = append(out, Due{Kind: "sovraccarico", Operator: o.ID, Date: *o.SustainedOverload.Since,
			What: fmt.Sprintf("%s: carico oltre la soglia critica da %s settimane consecutive (dal %s), senza un piano concordato",
				o.Name, model.WeeksText(o.SustainedOverload.Weeks), o.SustainedOverload.Since.Format("02/01/2006"))})
	}
	for _, f := range followUps {
		if f.Date.After(today.Time) {
			continue
		}
		out = append(out, Due{Kind: "verifica", Operator: f.Operator, Date: f.Date,
			What: fmt.Sprintf("Verifica della segnalazione n. %d di %s prevista per il %s", f.ID, f.Name, f.Date.Format("02/01/2006"))})
	}
	return out
}

// NearingItems lists the istanze of items held by holder (an operator's
// id) that are nearing their term (Item.Nearing), the nearest first as
// the queue sorts them: what a social worker must decide soon.
func NearingItems(items []Item, holder string, cfg QueueConfig) []Due {
	out := []Due{}
	for _, it := range items {
		if it.Kind != KindIstanza || it.Holder != holder || !it.Nearing(cfg) {
			continue
		}
		after := "lo stesso giorno della data di riferimento"
		switch n := *it.DaysLeft; {
		case n == 1:
			after = "un giorno dopo la data di riferimento"
		case n > 1:
			after = fmt.Sprintf("%d giorni dopo la data di riferimento", n)
		}
		term := it.Since.AddDate(0, 0, *it.TermDays)
		out = append(out, Due{Kind: "istanza_in_scadenza", Cartella: it.Cartella, Operator: holder, Date: model.DateOf(term),
			What: fmt.Sprintf("Istanza della cartella %s presentata il %s: il termine di %d giorni scade il %s, %s",
				it.Number(), it.Since.Format("02/01/2006"), *it.TermDays, term.Format("02/01/2006"), after)})
	}
	return out
}
