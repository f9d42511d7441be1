package sioss

import (
	"fmt"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

// contribution is the one contribution formula, model.LEPS's.
func contribution(residents int, fte float64, p Params) float64 {
	return model.Contribution(residents, fte, p.LEPS)
}

// check lists what keeps the return from being «pronto»: a social
// worker of the year whose employer, service or contract start the
// roster does not record, contract periods that overlap, a comune
// without residents at 1 January of the year.
func check(f Facts, byOp map[string][]*period, year int) []string {
	probs := []string{}
	inYear := false
	for _, o := range f.Operators {
		if o.Role != carico.RoleSocialWorker {
			continue
		}
		who := fmt.Sprintf("%s (matricola %s)", o.Name, o.ID)
		ps := byOp[o.ID]
		for i, p := range ps {
			if DaysIn(p.Start, p.End, year) == 0 {
				continue
			}
			inYear = true
			from := "periodo dal " + orUnknown(dateOr(p.Start))
			if p.Start.IsZero() {
				probs = append(probs, "Data di inizio del contratto mancante per "+who+": i giorni in servizio dell'anno non si possono contare.")
			}
			if p.Employer == "" {
				probs = append(probs, "Datore di lavoro non indicato per "+who+", "+from+": comune, associazione di comuni, ente strumentale, azienda sanitaria (con o senza rimborso del costo) o altro.")
			}
			if p.SocialServices == nil {
				probs = append(probs, "Non è indicato se "+who+" lavora nella programmazione, organizzazione o erogazione dei servizi sociali ("+from+").")
			}
			for _, q := range ps[i+1:] {
				if overlap(p, q) {
					probs = append(probs, fmt.Sprintf("Periodi di contratto sovrapposti per %s: dal %s al %s e dal %s al %s.",
						who, orUnknown(dateOr(p.Start)), orOpen(dateOr(p.End)), orUnknown(dateOr(q.Start)), orOpen(dateOr(q.End))))
				}
			}
		}
	}
	if len(f.Comuni) == 0 {
		probs = append(probs, "Nessun comune: importare la popolazione residente dell'Ambito.")
	}
	if !inYear {
		probs = append(probs, fmt.Sprintf("Nessun assistente sociale in servizio nel %d: importare il personale con i periodi di contratto.", year))
	}
	for _, c := range f.Comuni {
		switch {
		case c.ResidentsYear == 0:
			probs = append(probs, fmt.Sprintf("Residenti mancanti per %s: importare la popolazione al 1° gennaio %d.", c.Name, year))
		case c.ResidentsYear != year:
			probs = append(probs, fmt.Sprintf("Residenti al 1° gennaio %d mancanti per %s: carico ha quelli del %d (%s).", year, c.Name, c.ResidentsYear, italian.Count(c.Residents)))
		}
	}
	return probs
}

// overlap reports whether two periods of one person share a day; a
// period without start runs from the beginning, one without end has
// not ended.
func overlap(a, b *period) bool {
	aEndsBeforeB := !a.End.IsZero() && !b.Start.IsZero() && day(a.End).Before(day(b.Start))
	bEndsBeforeA := !b.End.IsZero() && !a.Start.IsZero() && day(b.End).Before(day(a.Start))
	return !aEndsBeforeB && !bEndsBeforeA
}

func orUnknown(s string) string {
	if s == "" {
		return "data non indicata"
	}
	return s
}

func orOpen(s string) string {
	if s == "" {
		return "oggi (in corso)"
	}
	return s
}
