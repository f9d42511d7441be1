package sioss

import (
	"sort"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/model"
)

// Facts are the records the return is computed from.
type Facts struct {
	Operators []carico.Operator // ID, Name and Role are used
	Periods   []carico.ContractPeriod
	Comuni    []Comune
	// ResidentsSource says where the residents come from (the import
	// that brought them), for the prospetto.
	ResidentsSource string
}

// Comune is a comune of the Ambito with its residents at 1 January of
// ResidentsYear; ResidentsYear is 0 when carico has no residents for it.
type Comune struct {
	ISTAT, Name   string
	Residents     int
	ResidentsYear int
}

// Hire is a hire of the forecast: FTE permanent social workers from From,
// shared among comuni (ISTAT → share; empty: not allocated to a comune).
type Hire struct {
	FTE    float64
	From   time.Time
	Comuni map[string]float64
}

// Params are the choices the return is computed with.
type Params struct {
	Year int // the year of the return (the past year)
	// AWT gives the FTE of a contract's weekly hours (AWTConfig.FTE, the
	// model's one definition: hours ÷ awt.full_time_hours).
	AWT  model.AWTConfig
	LEPS model.LEPSConfig
	// Scenario names the published scenario whose Hires the forecast adds;
	// "" for none.
	Scenario string
	Hires    []Hire
}

// period is one contract period of an operator with its allocation.
type period struct {
	carico.ContractPeriod
	shares map[string]float64 // ISTAT → share
}

// periodsOf groups the roster's rows, one per comune, into each
// operator's periods in order of start.
func periodsOf(rows []carico.ContractPeriod) map[string][]*period {
	type key struct {
		op    string
		start time.Time
	}
	byKey := map[key]*period{}
	out := map[string][]*period{}
	for _, r := range rows {
		k := key{r.OperatorID, day0(r.Start)}
		p := byKey[k]
		if p == nil {
			p = &period{ContractPeriod: r, shares: map[string]float64{}}
			byKey[k] = p
			out[r.OperatorID] = append(out[r.OperatorID], p)
		}
		if r.ISTAT != "" {
			p.shares[r.ISTAT] += r.Share
		}
	}
	for _, ps := range out {
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Start.Before(ps[j].Start) })
	}
	return out
}

// day0 is t's day, or the zero time.
func day0(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return day(t)
}

// inForce reports whether p covers day d.
func (p *period) inForce(d time.Time) bool {
	return (p.Start.IsZero() || !day(p.Start).After(d)) && (p.End.IsZero() || !day(p.End).Before(d))
}

// counted says whether a period of a social worker counts for the
// contribution, whether that rests on something the roster does not say
// (assumed), and why not when it does not count.
func (p *period) counted() (ok, assumed bool, reason string) {
	if p.Contract != carico.ContractPermanent {
		return false, false, "contratto a tempo determinato"
	}
	switch p.Employer {
	case carico.EmployerComune, carico.EmployerAssociation, carico.EmployerInstrumental, carico.EmployerHealthReimbursed:
	case "":
		assumed = true
	case carico.EmployerHealth:
		return false, false, "dipendente di un'azienda sanitaria il cui costo i comuni non rimborsano"
	default:
		return false, false, "dipendente di un ente diverso dai comuni, dalle loro associazioni ed enti strumentali"
	}
	if p.SocialServices == nil {
		assumed = true
	} else if !*p.SocialServices {
		return false, false, "non lavora nella programmazione, organizzazione o erogazione dei servizi sociali"
	}
	return true, assumed, ""
}
