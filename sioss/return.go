package sioss

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

// Return is the Ambito's annual return, laid out like the Ministry's
// prospetto. FTE of the year (FTEYear) and FTE at 31 December
// (FTESnapshot) are two different figures: the contribution is earned on
// the first.
type Return struct {
	Year  int  `json:"year"`
	Ready bool `json:"ready"` // «pronto»: no problem stands in the way
	// Problems are what must be put right before the return is sent.
	Problems []string `json:"problems"`

	Residents       int    `json:"residents"`
	ResidentsYear   int    `json:"residents_year"` // residents at 1 January of this year
	ResidentsSource string `json:"residents_source"`

	FTEYear float64 `json:"fte_year"`
	// FTEAssumed is the part of FTEYear that rests on an employer or a
	// service the roster does not record.
	FTEAssumed      float64          `json:"fte_assumed"`
	FTESnapshot     float64          `json:"fte_snapshot"`
	SnapshotDate    string           `json:"snapshot_date"`
	ResidentsPerFTE *float64         `json:"residents_per_fte"`
	FTEAbove6500    float64          `json:"fte_above_6500"`
	FTEAbove5000    float64          `json:"fte_above_5000"`
	ContributionEUR float64          `json:"contribution_eur"` // to the euro
	LEPS            model.LEPSResult `json:"leps"`
	// SnapshotContributionEUR is what the snapshot at 31 December would
	// wrongly claim, to the euro.
	SnapshotContributionEUR float64 `json:"snapshot_contribution_eur"`

	Comuni         []ComuneRow  `json:"comuni"`
	People         []Person     `json:"people"`
	Reconciliation []Difference `json:"reconciliation"`
	Forecast       Forecast     `json:"forecast"`
	Calendar       []Deadline   `json:"calendar"`
}

// ComuneRow is a comune's line of the prospetto.
type ComuneRow struct {
	ISTAT           string   `json:"istat"`
	Name            string   `json:"name"`
	Residents       int      `json:"residents"`
	ResidentsYear   int      `json:"residents_year"`
	FTEYear         float64  `json:"fte_year"`
	FTESnapshot     float64  `json:"fte_snapshot"`
	ResidentsPerFTE *float64 `json:"residents_per_fte"`
}

// Person is a social worker in service in the year, with her FTE
// computation period by period.
type Person struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	FTEYear     float64     `json:"fte_year"` // the FTE that counts
	FTESnapshot float64     `json:"fte_snapshot"`
	Counted     bool        `json:"counted"`
	Reason      string      `json:"reason,omitempty"`
	Periods     []PeriodRow `json:"periods"`
}

// PeriodRow is one contract period's part of the year.
type PeriodRow struct {
	Start       string  `json:"start"` // gg/mm/aaaa; "" unknown
	End         string  `json:"end"`   // "" still in service
	Days        int     `json:"days"`  // days in the year
	WeeklyHours float64 `json:"weekly_hours"`
	Contract    string  `json:"contract"`
	Employer    string  `json:"employer"`
	Comuni      string  `json:"comuni"`
	FTE         float64 `json:"fte"` // days ÷ days of the year × hours ÷ full-time week
	Counted     bool    `json:"counted"`
	Assumed     bool    `json:"assumed,omitempty"`
	Reason      string  `json:"reason,omitempty"`
}

// Note says why the period does not count, or that it counts on an
// assumption; "" when it simply counts.
func (p PeriodRow) Note() string {
	switch {
	case !p.Counted:
		return p.Reason
	case p.Assumed:
		return "contato su ipotesi: datore di lavoro o servizio non indicati"
	}
	return ""
}

// Until is the period's last day, or «in servizio».
func (p PeriodRow) Until() string {
	if p.End == "" {
		return "in servizio"
	}
	return p.End
}

// Counts is «sì» or «no».
func (p PeriodRow) Counts() string {
	if p.Counted {
		return "sì"
	}
	return "no"
}

// Difference is one person's gap between the FTE of the year and the FTE
// at 31 December, with its reason.
type Difference struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	FTEYear     float64 `json:"fte_year"`
	FTESnapshot float64 `json:"fte_snapshot"`
	Difference  float64 `json:"difference"`
	Reason      string  `json:"reason"`
}

// Forecast is the current year's estimate the return carries.
type Forecast struct {
	Year            int     `json:"year"`
	FTEInService    float64 `json:"fte_in_service"` // periods on record, none ending unless recorded
	FTEHires        float64 `json:"fte_hires"`
	Scenario        string  `json:"scenario"`
	FTE             float64 `json:"fte"`
	ContributionEUR float64 `json:"contribution_eur"`
	Note            string  `json:"note"`
}

// Deadline is a date of the procedure.
type Deadline struct {
	Date string `json:"date"`
	What string `json:"what"`
}

// Build computes the return of p.Year from f.
func Build(f Facts, p Params) Return {
	year := p.Year
	dec31 := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	r := Return{Year: year, SnapshotDate: italian.Date(dec31), ResidentsSource: f.ResidentsSource, ResidentsYear: year}
	byOp := periodsOf(f.Periods)
	names := map[string]string{}
	for _, c := range f.Comuni {
		names[c.ISTAT] = c.Name
	}
	// The snapshot counts as the model does at a reference date
	// (model.SocialWorkerFTE).
	fteYear, fteSnap := map[string]float64{}, map[string]*model.SocialWorkerFTE{}
	for _, o := range f.Operators {
		if o.Role != carico.RoleSocialWorker {
			continue
		}
		per, ok := person(o, byOp[o.ID], year, dec31, p.AWT, names)
		if !ok {
			continue
		}
		for _, ps := range byOp[o.ID] {
			if ok, _, _ := ps.counted(); ok {
				for istat, sh := range ps.shares {
					fteYear[istat] += YearFTE(ps.Start, ps.End, p.AWT.FTE(ps.WeeklyHours), year) * sh
				}
			}
			if ps.inForce(dec31) {
				for istat, sh := range ps.shares {
					if fteSnap[istat] == nil {
						fteSnap[istat] = &model.SocialWorkerFTE{}
					}
					fteSnap[istat].Add(o.Role, ps.Contract, p.AWT.FTE(ps.WeeklyHours)*sh)
				}
			}
		}
		r.FTEYear += per.FTEYear
		r.FTESnapshot += per.FTESnapshot
		for _, pr := range per.Periods {
			if pr.Assumed {
				r.FTEAssumed += pr.FTE
			}
		}
		r.People = append(r.People, per)
		if d := per.FTEYear - per.FTESnapshot; math.Abs(d) > 1e-9 {
			r.Reconciliation = append(r.Reconciliation, Difference{ID: per.ID, Name: per.Name, FTEYear: per.FTEYear,
				FTESnapshot: per.FTESnapshot, Difference: d, Reason: reconcile(o, byOp[o.ID], year)})
		}
	}
	for _, c := range f.Comuni {
		r.Residents += c.Residents
		r.Comuni = append(r.Comuni, ComuneRow{ISTAT: c.ISTAT, Name: c.Name, Residents: c.Residents, ResidentsYear: c.ResidentsYear,
			FTEYear: fteYear[c.ISTAT], FTESnapshot: permanent(fteSnap[c.ISTAT]), ResidentsPerFTE: model.ResidentsPer(c.Residents, fteYear[c.ISTAT])})
	}
	r.LEPS = model.LEPS(r.Residents, r.FTEYear, p.LEPS)
	r.ResidentsPerFTE = r.LEPS.ResidentsPerFTE
	r.FTEAbove6500, r.FTEAbove5000 = r.LEPS.FTEEssentialBand, r.LEPS.FTETargetBand
	r.ContributionEUR = math.Round(r.LEPS.ContributionEUR)
	r.SnapshotContributionEUR = math.Round(model.Contribution(r.Residents, r.FTESnapshot, p.LEPS))
	r.Forecast = forecast(f, byOp, p, r.Residents)
	r.Calendar = []Deadline{
		{italian.Date(time.Date(year+1, 2, 28, 0, 0, 0, 0, time.UTC)), "inserimento in SIOSS degli assistenti sociali del " + itoa(year) + " e della previsione del " + itoa(year+1)},
		{italian.Date(time.Date(year+1, 6, 30, 0, 0, 0, 0, time.UTC)), "decreto del Ministero del lavoro che riconosce le somme del " + itoa(year) + " e prenota quelle del " + itoa(year+1)},
	}
	r.Problems = check(f, byOp, year)
	r.Ready = len(r.Problems) == 0
	return r
}

// person computes one social worker's FTE of the year and at 31
// December; ok is false when she was not in service in the year.
func person(o carico.Operator, ps []*period, year int, dec31 time.Time, awt model.AWTConfig, names map[string]string) (Person, bool) {
	per := Person{ID: o.ID, Name: o.Name, Periods: []PeriodRow{}}
	var why []string
	var snap model.SocialWorkerFTE
	for _, p := range ps {
		days := DaysIn(p.Start, p.End, year)
		if days == 0 {
			continue
		}
		ok, assumed, reason := p.counted()
		fte := YearFTE(p.Start, p.End, awt.FTE(p.WeeklyHours), year)
		per.Periods = append(per.Periods, PeriodRow{Start: dateOr(p.Start), End: dateOr(p.End), Days: days,
			WeeklyHours: p.WeeklyHours, Contract: p.Contract.Label(), Employer: employerLabel(p.Employer), Comuni: sharesText(p.shares, names),
			FTE: fte, Counted: ok, Assumed: ok && assumed, Reason: reason})
		if ok {
			per.FTEYear += fte
			per.Counted = true
		} else if !contains(why, reason) {
			why = append(why, reason)
		}
		if p.inForce(dec31) {
			snap.Add(o.Role, p.Contract, awt.FTE(p.WeeklyHours))
		}
	}
	per.FTESnapshot = snap.Permanent
	if len(per.Periods) == 0 {
		return per, false
	}
	if !per.Counted {
		per.Reason = strings.Join(why, "; ")
	}
	return per, true
}

func permanent(s *model.SocialWorkerFTE) float64 {
	if s == nil {
		return 0
	}
	return s.Permanent
}

func employerLabel(e carico.Employer) string {
	if e == "" {
		return "non indicato"
	}
	return e.Label()
}

func dateOr(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return italian.Date(t)
}

// sharesText writes an allocation as «Seriate 50 %, Pedrengo 50 %».
func sharesText(shares map[string]float64, names map[string]string) string {
	keys := make([]string, 0, len(shares))
	for k := range shares {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if shares[keys[i]] != shares[keys[j]] {
			return shares[keys[i]] > shares[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		n := names[k]
		if n == "" {
			n = k
		}
		parts[i] = n + " " + italian.Number(shares[k]*100, 0) + " %"
	}
	return strings.Join(parts, ", ")
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }
