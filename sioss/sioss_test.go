package sioss

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/model"
)

func d(s string) time.Time {
	t, err := time.Parse("02/01/2006", s)
	if err != nil {
		panic(err)
	}
	return t
}

var yes, no = ptr(true), ptr(false)

func ptr(b bool) *bool { return &b }

// sw is a permanent social worker's period employed by a comune, all in
// Seriate.
func sw(id, start, end string, hours float64) carico.ContractPeriod {
	p := carico.ContractPeriod{OperatorID: id, ISTAT: "016198", Share: 1, WeeklyHours: hours,
		Contract: carico.ContractPermanent, Employer: carico.EmployerComune, SocialServices: yes}
	if start != "" {
		p.Start = d(start)
	}
	if end != "" {
		p.End = d(end)
	}
	return p
}

func with(p carico.ContractPeriod, f func(*carico.ContractPeriod)) carico.ContractPeriod {
	f(&p)
	return p
}

func params(year int) Params {
	return Params{Year: year, AWT: model.DefaultConfig().AWT, LEPS: model.DefaultConfig().LEPS}
}

func close(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestPersonFTE checks the FTE of the year of one social worker against
// the hand computation: days in service in the year ÷ days of the year ×
// weekly hours ÷ 36, summed over the periods.
func TestPersonFTE(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		year     int
		periods  []carico.ContractPeriod
		fte      float64 // hand computation
		snapshot float64
		counted  bool
		reason   string // part of the reason when not counted, or of the reconciliation
	}{
		{"assunta il 1° luglio a 18 ore", 2025, []carico.ContractPeriod{sw("A", "01/07/2025", "", 18)},
			184.0 / 365 * 18 / 36, 0.5, true, "in servizio dal 01/07/2025"},
		{"assunta il 1° luglio di un anno bisestile", 2024, []carico.ContractPeriod{sw("A", "01/07/2024", "", 18)},
			184.0 / 366 * 18 / 36, 0.5, true, "in servizio dal 01/07/2024"},
		{"tutto l'anno a tempo pieno", 2025, []carico.ContractPeriod{sw("A", "02/03/2009", "", 36)},
			1, 1, true, ""},
		{"part-time a tempo pieno da ottobre", 2025, []carico.ContractPeriod{sw("A", "01/02/2020", "30/09/2025", 18), sw("A", "01/10/2025", "", 36)},
			(273.0*18/36 + 92.0) / 365, 1, true, "ore settimanali da 18,0 a 36,0 dal 01/10/2025"},
		{"tempo determinato stabilizzato a marzo", 2025, []carico.ContractPeriod{
			with(sw("A", "01/03/2024", "28/02/2025", 36), func(p *carico.ContractPeriod) { p.Contract = carico.ContractFixedTerm }),
			sw("A", "01/03/2025", "", 36)},
			306.0 / 365, 1, true, "passaggio a tempo indeterminato dal 01/03/2025"},
		{"cessata il 30 giugno", 2025, []carico.ContractPeriod{sw("A", "01/01/2010", "30/06/2025", 36)},
			181.0 / 365, 0, true, "cessazione il 30/06/2025"},
		{"azienda sanitaria, costo rimborsato", 2025, []carico.ContractPeriod{
			with(sw("A", "01/01/2015", "", 36), func(p *carico.ContractPeriod) { p.Employer = carico.EmployerHealthReimbursed })},
			1, 1, true, ""},
		{"azienda sanitaria, costo non rimborsato", 2025, []carico.ContractPeriod{
			with(sw("A", "01/01/2015", "", 36), func(p *carico.ContractPeriod) { p.Employer = carico.EmployerHealth })},
			0, 1, false, "costo i comuni non rimborsano"},
		{"fuori dai servizi sociali", 2025, []carico.ContractPeriod{
			with(sw("A", "01/01/2015", "", 36), func(p *carico.ContractPeriod) { p.SocialServices = no })},
			0, 1, false, "non lavora nella programmazione"},
		{"tempo determinato tutto l'anno", 2025, []carico.ContractPeriod{
			with(sw("A", "01/01/2024", "31/12/2026", 36), func(p *carico.ContractPeriod) { p.Contract = carico.ContractFixedTerm })},
			0, 0, false, "tempo determinato"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := Facts{Operators: []carico.Operator{{ID: "A", Name: "Rossi Anna", Role: carico.RoleSocialWorker}}, Periods: c.periods,
				Comuni: []Comune{{ISTAT: "016198", Name: "Seriate", Residents: 25000, ResidentsYear: c.year}}}
			r := Build(f, params(c.year))
			if len(r.People) != 1 {
				t.Fatalf("people = %d, want 1", len(r.People))
			}
			p := r.People[0]
			if !close(p.FTEYear, c.fte) || !close(r.FTEYear, c.fte) || !close(r.Comuni[0].FTEYear, c.fte) {
				t.Errorf("FTE of the year = %v (Ambito %v, comune %v), want %v", p.FTEYear, r.FTEYear, r.Comuni[0].FTEYear, c.fte)
			}
			if !close(p.FTESnapshot, c.snapshot) || !close(r.FTESnapshot, c.snapshot) {
				t.Errorf("FTE at 31/12 = %v (Ambito %v), want %v", p.FTESnapshot, r.FTESnapshot, c.snapshot)
			}
			if p.Counted != c.counted {
				t.Errorf("counted = %v, want %v", p.Counted, c.counted)
			}
			if !c.counted && !strings.Contains(p.Reason, c.reason) {
				t.Errorf("reason %q, want it to say %q", p.Reason, c.reason)
			}
			var rec string
			for _, x := range r.Reconciliation {
				rec += x.Reason
			}
			if c.counted && !strings.Contains(rec, c.reason) {
				t.Errorf("reconciliation %q, want it to say %q", rec, c.reason)
			}
			if (len(r.Reconciliation) > 0) != !close(c.fte, c.snapshot) {
				t.Errorf("reconciliation %+v for FTE %v against %v", r.Reconciliation, c.fte, c.snapshot)
			}
			if !r.Ready {
				t.Errorf("complete records, yet not ready: %v", r.Problems)
			}
		})
	}
}

// TestHiredFirstJuly pins the exact figure of the example: the
// issue's «0,25» is 184 ÷ 365 × 0,5 = 0,2521 when days are counted exactly.
func TestHiredFirstJuly(t *testing.T) {
	t.Parallel()
	if n := DaysIn(d("01/07/2025"), time.Time{}, 2025); n != 184 {
		t.Fatalf("days from 1 July = %d, want 184", n)
	}
	if got := YearFTE(d("01/07/2025"), time.Time{}, 0.5, 2025); math.Round(got*10000) != 2521 {
		t.Errorf("FTE = %.6f, want 0,2521", got)
	}
	if n := DaysIn(d("15/03/2020"), d("10/02/2021"), 2025); n != 0 {
		t.Errorf("a period of other years has %d days in 2025", n)
	}
}

// TestAmbitoCrossing: 65,000 residents need 10 FTE for 1:6,500, 13 for
// 1:5,000 and 16,25 for 1:4,000. The contribution, to the euro, is worked
// by hand from the year's FTE; the snapshot at 31 December would claim more.
func TestAmbitoCrossing(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name                               string
		before, hired                      int    // full-time social workers all year, and hired
		from                               string // date of the hires
		fte, above6500, above5000          float64
		contribution, snapshotContribution float64
	}{
		// 9 + 5 × 184/365 = 11,5205: (11,5205 − 10) × 40.000 = 60.821,92.
		{"da sotto 1:6.500 a oltre 1:5.000", 9, 5, "01/07/2025", 9 + 5*184.0/365, 9 + 5*184.0/365 - 10, 0, 60822, 140000},
		// 12 + 4 × 306/365 = 15,3534: 3 × 40.000 + 2,3534 × 20.000 = 167.068,49.
		{"oltre 1:5.000 nell'anno", 12, 4, "01/03/2025", 12 + 4*306.0/365, 3, 12 + 4*306.0/365 - 13, 167068, 3*40000 + 3*20000},
		// 8 + 1 × 184/365: below 1:6.500 all year, nothing earned.
		{"sotto 1:6.500", 8, 1, "01/07/2025", 8 + 184.0/365, 0, 0, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var f Facts
			f.Comuni = []Comune{{ISTAT: "016198", Name: "Seriate", Residents: 65000, ResidentsYear: 2025}}
			for i := 0; i < c.before+c.hired; i++ {
				id := string(rune('A' + i))
				f.Operators = append(f.Operators, carico.Operator{ID: id, Name: "AS " + id, Role: carico.RoleSocialWorker})
				start := "01/01/2010"
				if i >= c.before {
					start = c.from
				}
				f.Periods = append(f.Periods, sw(id, start, "", 36))
			}
			r := Build(f, params(2025))
			if !close(r.FTEYear, c.fte) || !close(r.FTEAbove6500, c.above6500) || !close(r.FTEAbove5000, c.above5000) {
				t.Errorf("FTE %v, above 1:6.500 %v, above 1:5.000 %v; want %v, %v, %v", r.FTEYear, r.FTEAbove6500, r.FTEAbove5000, c.fte, c.above6500, c.above5000)
			}
			if r.ContributionEUR != c.contribution {
				t.Errorf("contribution = %v €, want %v €", r.ContributionEUR, c.contribution)
			}
			if r.SnapshotContributionEUR != c.snapshotContribution {
				t.Errorf("snapshot contribution = %v €, want %v €", r.SnapshotContributionEUR, c.snapshotContribution)
			}
			if len(r.Reconciliation) != c.hired {
				t.Errorf("%d differences, want one per hire (%d)", len(r.Reconciliation), c.hired)
			}
		})
	}
}

// TestChecks: the return is not «pronto» while an employer, a service or
// a start is missing, periods overlap, or residents of the year are missing.
func TestChecks(t *testing.T) {
	t.Parallel()
	ok := sw("A", "01/01/2015", "", 36)
	cases := []struct {
		name    string
		periods []carico.ContractPeriod
		comuni  []Comune
		want    string
	}{
		{"datore mancante", []carico.ContractPeriod{with(ok, func(p *carico.ContractPeriod) { p.Employer = "" })}, nil, "Datore di lavoro non indicato"},
		{"servizio non indicato", []carico.ContractPeriod{with(ok, func(p *carico.ContractPeriod) { p.SocialServices = nil })}, nil, "lavora nella programmazione"},
		{"inizio mancante", []carico.ContractPeriod{with(ok, func(p *carico.ContractPeriod) { p.Start = time.Time{} })}, nil, "Data di inizio del contratto mancante"},
		{"periodi sovrapposti", []carico.ContractPeriod{sw("A", "01/01/2015", "30/06/2025", 36), sw("A", "01/06/2025", "", 18)}, nil, "Periodi di contratto sovrapposti"},
		{"residenti mancanti", []carico.ContractPeriod{ok}, []Comune{{ISTAT: "016216", Name: "Torre de' Roveri"}}, "Residenti mancanti per Torre de' Roveri"},
		{"residenti di un altro anno", []carico.ContractPeriod{ok}, []Comune{{ISTAT: "016216", Name: "Torre de' Roveri", Residents: 2500, ResidentsYear: 2024}}, "carico ha quelli del 2024"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := Facts{Operators: []carico.Operator{{ID: "A", Name: "Rossi Anna", Role: carico.RoleSocialWorker}}, Periods: c.periods,
				Comuni: append([]Comune{{ISTAT: "016198", Name: "Seriate", Residents: 25000, ResidentsYear: 2025}}, c.comuni...)}
			r := Build(f, params(2025))
			if r.Ready {
				t.Fatalf("ready despite %s", c.name)
			}
			if !strings.Contains(strings.Join(r.Problems, "\n"), c.want) {
				t.Errorf("problems %q, want %q", r.Problems, c.want)
			}
		})
	}
	// Nothing imported: not ready.
	if r := Build(Facts{}, params(2025)); r.Ready || len(r.Problems) != 2 {
		t.Errorf("empty database: ready %v, problems %q", r.Ready, r.Problems)
	}
	// An unknown employer is counted, and said to be an assumption.
	r := Build(Facts{Operators: []carico.Operator{{ID: "A", Role: carico.RoleSocialWorker}},
		Periods: []carico.ContractPeriod{with(ok, func(p *carico.ContractPeriod) { p.Employer = "" })}}, params(2025))
	if !close(r.FTEYear, 1) || !close(r.FTEAssumed, 1) || !r.People[0].Periods[0].Assumed {
		t.Errorf("unknown employer: FTE %v, assumed %v", r.FTEYear, r.FTEAssumed)
	}
}

// TestForecast: the next year from the periods on record and the hires of
// a scenario from their date.
func TestForecast(t *testing.T) {
	t.Parallel()
	f := Facts{Operators: []carico.Operator{{ID: "A", Role: carico.RoleSocialWorker}, {ID: "B", Role: carico.RoleSocialWorker}},
		Periods: []carico.ContractPeriod{sw("A", "01/01/2015", "", 36), sw("B", "01/01/2015", "30/06/2026", 18)},
		Comuni:  []Comune{{ISTAT: "016198", Name: "Seriate", Residents: 11000, ResidentsYear: 2025}}}
	p := params(2025)
	p.Scenario, p.Hires = "Una assunzione", []Hire{{FTE: 1, From: d("01/07/2026")}}
	fc := Build(f, p).Forecast
	wantService := 1 + 181.0/365*0.5
	if fc.Year != 2026 || !close(fc.FTEInService, wantService) || !close(fc.FTEHires, 184.0/365) {
		t.Errorf("forecast %+v, want in service %v and hires %v", fc, wantService, 184.0/365)
	}
	// 11.000 residents: 1,6923 FTE at 1:6.500, 2,2 at 1:5.000.
	if want := math.Round((fc.FTE - 11000.0/6500) * 40000); want <= 0 || fc.ContributionEUR != want {
		t.Errorf("forecast contribution %v, want %v", fc.ContributionEUR, want)
	}
}

// TestFullTimeWeek: the full-time week is the configuration's
// (awt.full_time_hours), the one the model divides by.
func TestFullTimeWeek(t *testing.T) {
	t.Parallel()
	p := params(2025)
	p.AWT.FullTimeHours = 38
	f := Facts{Operators: []carico.Operator{{ID: "A", Role: carico.RoleSocialWorker}}, Periods: []carico.ContractPeriod{sw("A", "01/01/2015", "", 36)},
		Comuni: []Comune{{ISTAT: "016198", Name: "Seriate", Residents: 25000, ResidentsYear: 2025}}}
	if r := Build(f, p); !close(r.FTEYear, 36.0/38) || !close(r.FTESnapshot, 36.0/38) {
		t.Errorf("36 hours of a 38-hour week: FTE of the year %v, at 31/12 %v; want %v", r.FTEYear, r.FTESnapshot, 36.0/38)
	}
}
