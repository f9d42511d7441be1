package sioss

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
)

// reconcile says why a social worker's FTE of the year differs from her
// FTE at 31 December: the events of her contract history in the year,
// and an exclusion the snapshot does not make.
func reconcile(o carico.Operator, ps []*period, year int) string {
	first := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	var ev []string
	var prev *period
	for _, p := range ps {
		if DaysIn(p.Start, p.End, year) == 0 {
			continue
		}
		start := day0(p.Start)
		contiguous := prev != nil && !prev.End.IsZero() && day(prev.End).AddDate(0, 0, 1).Equal(start)
		switch {
		case contiguous:
			ev = append(ev, changes(prev, p)...)
		case !start.IsZero() && start.After(first):
			ev = append(ev, "in servizio dal "+italian.Date(start))
		}
		if ok, _, reason := p.counted(); !ok && p.Contract == carico.ContractPermanent {
			ev = append(ev, "non conta per il contributo ("+reason+") ma è nella fotografia al 31/12")
		}
		prev = p
	}
	if prev != nil && !prev.End.IsZero() && day(prev.End).Before(last) {
		ev = append(ev, "cessazione il "+italian.Date(prev.End))
	}
	if len(ev) == 0 {
		return "differenza senza un evento registrato nel contratto: verificare i periodi"
	}
	return strings.Join(ev, "; ")
}

// changes describes what changed from period a to the period b that
// follows it without a gap.
func changes(a, b *period) []string {
	on := " dal " + italian.Date(b.Start)
	var ev []string
	if a.Contract != b.Contract {
		ev = append(ev, "passaggio a "+strings.ToLower(b.Contract.Label())+on)
	}
	if math.Abs(a.WeeklyHours-b.WeeklyHours) > 1e-9 {
		ev = append(ev, fmt.Sprintf("ore settimanali da %s a %s%s", italian.Number(a.WeeklyHours, 1), italian.Number(b.WeeklyHours, 1), on))
	}
	if a.Employer != b.Employer {
		ev = append(ev, "datore di lavoro: "+strings.ToLower(employerLabel(b.Employer))+on)
	}
	if len(ev) == 0 {
		ev = append(ev, "nuovo periodo di contratto"+on)
	}
	return ev
}

// forecast estimates the FTE of the year after the return's: the periods
// on record carried into that year (open periods run to 31 December, no
// one leaves unless an end date is recorded) and the hires of the
// published scenario from their date.
func forecast(f Facts, byOp map[string][]*period, p Params, residents int) Forecast {
	fc := Forecast{Year: p.Year + 1, Scenario: p.Scenario}
	for _, o := range f.Operators {
		if o.Role != carico.RoleSocialWorker {
			continue
		}
		for _, ps := range byOp[o.ID] {
			if ok, _, _ := ps.counted(); ok {
				fc.FTEInService += YearFTE(ps.Start, ps.End, p.AWT.FTE(ps.WeeklyHours), fc.Year)
			}
		}
	}
	for _, h := range p.Hires {
		fc.FTEHires += h.FTE * float64(DaysIn(h.From, time.Time{}, fc.Year)) / float64(DaysInYear(fc.Year))
	}
	fc.FTE = fc.FTEInService + fc.FTEHires
	fc.ContributionEUR = math.Round(contribution(residents, fc.FTE, p))
	fc.Note = fmt.Sprintf("Personale a tempo indeterminato registrato, con i periodi noti, senza cessazioni non registrate; residenti al 1° gennaio %d.", p.Year)
	if p.Scenario != "" {
		fc.Note += " Assunzioni dello scenario «" + p.Scenario + "»"
		if len(p.Hires) > 0 {
			fc.Note += " dal " + italian.Date(p.Hires[0].From)
		}
		fc.Note += "."
	} else {
		fc.Note += " Nessuno scenario di assunzioni indicato."
	}
	return fc
}
