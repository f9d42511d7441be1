package model

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
)

func near(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s = %.6f, want %.6f (±%g)", name, got, want, tol)
	}
}

// TestWISNBurmen reproduces the worked example of Burmen et al., Hum Resour
// Health 15:9 (2017), Table 3: 10,000 patients × 10 visits × 0.25 h =
// 25,000 h = 3,125 days of 8 h; AWT = 234 − 10 − 30 − 15 = 179 days;
// 3,125 ÷ 179 = 17.46 staff for the main activity.
func TestWISNBurmen(t *testing.T) {
	awtDays := 234.0 - 10 - 30 - 15
	if awtDays != 179 {
		t.Fatalf("AWT days = %v", awtDays)
	}
	in := WISNInput{
		Category: "clinical officer",
		AWTHours: awtDays * 8,
		Main:     []WISNActivity{{Name: "visits", Units: 10000 * 10, HoursPerUnit: 0.25}},
	}
	res := WISN(in, DefaultConfig().Thresholds)
	near(t, "standard workload", res.Main[0].StandardWorkload, 179*8/0.25, 1e-9) // 5,728 visits per worker
	near(t, "workload in 8-h days", res.Main[0].Units*res.Main[0].HoursPerUnit/8, 3125, 1e-9)
	near(t, "staff for main activity", res.MainStaff, 17.46, 0.005)
	near(t, "CAF without support activities", res.CAF, 1, 0)
	near(t, "required", res.RequiredFTE, 3125.0/179, 1e-9)
}

// TestWISNAllowances checks CAF = 1/(1 − ΣCAS%/100), IAF = hours ÷ AWT,
// required = main × CAF + IAF, ratio and difference, with round numbers:
// 2 staff of main work, CAS 15 % + 5 % → CAF 1.25; 360 h of individual work
// over 1,440 h AWT → IAF 0.25; required 2.75; 2.2 actual → ratio 0.8.
func TestWISNAllowances(t *testing.T) {
	in := WISNInput{
		AWTHours:   1440,
		Main:       []WISNActivity{{Name: "caso", Units: 144, HoursPerUnit: 20}},
		Support:    []WISNSupport{{"comunità", 15}, {"formazione", 5}},
		Individual: []WISNIndividual{{"coordinamento", 360}},
		ActualFTE:  2.2,
	}
	res := WISN(in, DefaultConfig().Thresholds)
	near(t, "main", res.MainStaff, 2, 1e-12)
	near(t, "CAF", res.CAF, 1.25, 1e-12)
	near(t, "IAF", res.IAF, 0.25, 1e-12)
	near(t, "required", res.RequiredFTE, 2.75, 1e-12)
	near(t, "ratio", *res.Ratio, 0.8, 1e-12)
	near(t, "difference", res.Difference, -0.55, 1e-12)
	if res.Status != StatusWarning { // 0.8 is not below the red threshold 0.8
		t.Errorf("status %q, want attenzione (%s)", res.Status, res.Rule)
	}
	in.ActualFTE = 2
	if res := WISN(in, DefaultConfig().Thresholds); res.Status != StatusCritical {
		t.Errorf("ratio %.3f: status %q, want critico", *res.Ratio, res.Status)
	}
	in.Support = []WISNSupport{{"tutto", 100}}
	if res := WISN(in, DefaultConfig().Thresholds); res.Status != StatusCritical || res.Ratio != nil {
		t.Errorf("CAS 100%%: %+v", res)
	}
}

// TestWeightedCaseloadNCSC is the NCSC textbook example: 30 h per case and
// 1,800 h per worker per year give 60 cases per worker; 540 cases need 9.
func TestWeightedCaseloadNCSC(t *testing.T) {
	near(t, "cases per worker", CasesPerFTE(30, 1800), 60, 1e-12)
	near(t, "FTE", WeightedCaseloadFTE([]CaseLoadItem{{Cases: 540, Hours: 30}}, 1800), 9, 1e-12)
	// Two weights: 300 × 40 h + 240 × 17.5 h = 16,200 h = 9 workers too.
	near(t, "FTE mixed", WeightedCaseloadFTE([]CaseLoadItem{{300, 40}, {240, 17.5}}, 1800), 9, 1e-12)
	if got := WeightedCaseloadFTE([]CaseLoadItem{{540, 30}}, 0); got != 0 {
		t.Errorf("zero hours per FTE gave %v", got)
	}
}

func TestLEPS(t *testing.T) {
	cfg := DefaultConfig().LEPS
	tests := []struct {
		name                      string
		residents                 int
		fte                       float64
		per                       float64 // 0 = null
		missingLEP, missingTarget float64
		contribution              float64
		status                    Status
	}{
		// 61,200 ÷ 10 = 6,120; 61,200 ÷ 6,500 = 9.4154 FTE at the floor;
		// 40,000 × (10 − 9.4154) = 23,384.6; LEP needs 12.24 → 2.24 missing;
		// target 15.3 → 5.3 missing.
		{"tra 1:6500 e 1:5000", 61200, 10, 6120, 2.24, 5.3, 23384.62, StatusCritical},
		// 61,200 ÷ 9 = 6,800: beyond 1:6,500, no contribution.
		{"sotto 1:6500", 61200, 9, 6800, 3.24, 6.3, 0, StatusCritical},
		// 50,000 residents, 11 FTE: first band full (10 − 7.6923 = 2.3077 ×
		// 40,000 = 92,307.69), second band 1 FTE × 20,000; 1:4,545 amber.
		{"tra 1:5000 e 1:4000", 50000, 11, 50000.0 / 11, 0, 1.5, 92307.69 + 20000, StatusWarning},
		// 20,000 residents, 6 FTE: both bands full, capped at 1:4,000 = 5 FTE
		// ((4 − 3.0769) × 40,000 + (5 − 4) × 20,000 = 56,923.08); 1:3,333 ok.
		{"oltre 1:4000", 20000, 6, 20000.0 / 6, 0, 0, 56923.08, StatusOK},
		// A comune with no social worker: no ratio, everything missing.
		{"senza assistenti sociali", 4000, 0, 0, 0.8, 1, 0, StatusCritical},
	}
	for _, tt := range tests {
		r := LEPS(tt.residents, tt.fte, cfg)
		if tt.per == 0 {
			if r.ResidentsPerFTE != nil {
				t.Errorf("%s: ratio %v, want null", tt.name, *r.ResidentsPerFTE)
			}
		} else {
			near(t, tt.name+" ratio", *r.ResidentsPerFTE, tt.per, 0.01)
		}
		near(t, tt.name+" missing LEP", r.FTEMissingLEP, tt.missingLEP, 1e-9)
		near(t, tt.name+" missing target", r.FTEMissingTarget, tt.missingTarget, 1e-9)
		near(t, tt.name+" contribution", r.ContributionEUR, tt.contribution, 0.01)
		if r.Status != tt.status {
			t.Errorf("%s: status %q (%s), want %q", tt.name, r.Status, r.Rule, tt.status)
		}
		if !strings.Contains(r.Rule, "178/2020") {
			t.Errorf("%s: rule %q does not cite its source", tt.name, r.Rule)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if tt.per == 0 && !strings.Contains(string(b), `"residents_per_fte":null`) {
			t.Errorf("%s: JSON %s", tt.name, b)
		}
	}
	if got := Contribution(61200, 10, cfg); math.Round(got) != 23385 {
		t.Errorf("Contribution = %v, want ≈ 23,385", got)
	}
}

// TestAvailableTime2025Seriate counts 2025 by hand for a comune whose
// patron saint (fixture value) falls on Tuesday 26 August.
//
// Weekdays Mon–Fri per month: Jan 23, Feb 20, Mar 21, Apr 22, May 22, Jun 21,
// Jul 23, Aug 21, Sep 22, Oct 23, Nov 20, Dec 23 = 261 (365 − 104 weekend days).
// Holidays on weekdays: 1/1 Wed, 6/1 Mon, 21/4 Easter Monday, 25/4 Fri,
// 1/5 Thu, 2/6 Mon, 15/8 Fri, 26/8 patron Tue, 8/12 Mon, 25/12 Thu, 26/12 Fri
// = 11 (1/11 is a Saturday). Net working days 261 − 11 = 250.
// Full time, default leave: 250 − 32 ferie − 10 malattia − 5 altre = 203 days
// × 7.2 h (36 ÷ 5) = 1,461.6 h.
//
// Second half only (contract from 1/7): Jul–Dec weekdays 23+21+22+23+20+23 =
// 132, holidays 15/8, 26/8, 8/12, 25/12, 26/12 = 5, net 127; leave pro-rated
// 127/250: 16.256 + 5.08 + 2.54 = 23.876; 103.124 days × 3.6 h (18 h/week) =
// 371.2464 h.
func TestAvailableTime2025Seriate(t *testing.T) {
	cfg := DefaultConfig().AWT
	a := AvailableTime(AWTInput{Year: 2025, WeeklyHours: 36, PatronMonth: time.August, PatronDay: 26}, cfg)
	if a.CalendarDays != 365 || a.WeekendDays != 104 || a.Holidays != 11 || a.NetWorkdays != 250 {
		t.Errorf("days %d, weekend %d, holidays %d, net %d; want 365, 104, 11, 250", a.CalendarDays, a.WeekendDays, a.Holidays, a.NetWorkdays)
	}
	near(t, "working days", a.WorkingDays, 203, 1e-9)
	near(t, "hours", a.Hours, 1461.6, 1e-9)
	if a.AbsenceSource != "parametri" {
		t.Errorf("absence source %q", a.AbsenceSource)
	}

	half := AvailableTime(AWTInput{Year: 2025, WeeklyHours: 18, Start: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), PatronMonth: time.August, PatronDay: 26}, cfg)
	if half.CalendarDays != 184 || half.Holidays != 5 || half.NetWorkdays != 127 {
		t.Errorf("second half: days %d, holidays %d, net %d", half.CalendarDays, half.Holidays, half.NetWorkdays)
	}
	near(t, "second half hours", half.Hours, 371.2464, 1e-9)

	// Leave from data replaces the defaults and is not pro-rated.
	abs := &carico.Absence{LeaveDays: 30, SickDays: 2, OtherDays: 0}
	d := AvailableTime(AWTInput{Year: 2025, WeeklyHours: 36, PatronMonth: time.August, PatronDay: 26, Absence: abs}, cfg)
	near(t, "hours with absence data", d.Hours, (250-32)*7.2, 1e-9)

	// August 2025 holds 21 weekdays − 2 holidays = 19 of the 250 days. Its
	// share of sickness and other absence is 15 × 19/250 days; of leave, the
	// default profile's 0.35 of 32 days.
	aug := func(cfg AWTConfig) float64 {
		return a.HoursBetween(time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 8, 31, 0, 0, 0, 0, time.UTC), time.August, 26, cfg)
	}
	near(t, "August hours", aug(cfg), (19-15.0*19/250-32*0.35)*7.2, 1e-9)
	// Without a profile every working day loses the same share.
	flat := cfg
	flat.LeaveProfile = nil
	near(t, "August hours, flat", aug(flat), 1461.6*19/250, 1e-9)
	// The months add up to the year, whatever the profile.
	var sum float64
	for m := time.January; m <= time.December; m++ {
		first := time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC)
		sum += a.HoursBetween(first, first.AddDate(0, 1, -1), time.August, 26, cfg)
	}
	near(t, "sum of the months", sum, a.Hours, 1e-9)
	// A contract from July: the first half's leave share moves to the second.
	var halfSum float64
	for m := time.July; m <= time.December; m++ {
		first := time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC)
		halfSum += half.HoursBetween(first, first.AddDate(0, 1, -1), time.August, 26, cfg)
	}
	near(t, "second half, sum of the months", halfSum, half.Hours, 1e-9)

	// From 2026 the 4 October is a national holiday (L. 151/2025); in 2027
	// it falls on a Monday.
	if h := HolidaysOf(2027, 0, 0, cfg)[time.Date(2027, 10, 4, 0, 0, 0, 0, time.UTC)]; h == "" {
		t.Error("4 October 2027 is not a holiday")
	}
	if h := HolidaysOf(2025, 0, 0, cfg)[time.Date(2025, 10, 4, 0, 0, 0, 0, time.UTC)]; h != "" {
		t.Error("4 October 2025 is a holiday")
	}
}

func TestConfigOverride(t *testing.T) {
	c, err := ParseConfig("test.toml", []byte(`
[thresholds]
wisn_red = 0.7
[caseload.weights]
anziani = [1.0, 2.0, 3.0]
[awt.patron]
"016203" = "26/08"
`))
	if err != nil {
		t.Fatal(err)
	}
	d := DefaultConfig()
	if c.Thresholds.WISNRed != 0.7 || c.Thresholds.WISNAmber != d.Thresholds.WISNAmber {
		t.Errorf("thresholds %+v", c.Thresholds)
	}
	if c.Caseload.Weights[carico.AreaElderly] != [3]float64{1, 2, 3} || c.Caseload.Weights[carico.AreaFamily] != d.Caseload.Weights[carico.AreaFamily] {
		t.Errorf("weights %v", c.Caseload.Weights)
	}
	if c.Caseload.DormantDays != 365 || c.AWT.LeaveDays != 32 || c.AWT.Patron["016203"] != "26/08" {
		t.Errorf("defaults lost: %+v %+v", c.Caseload, c.AWT)
	}
	for _, bad := range []string{"[thresholds]\nwisn_rosso = 1\n", "[caseload.weights]\nbambini = [1.0, 2.0, 3.0]\n", "[awt.patron]\n\"016203\" = \"31-12\"\n"} {
		if _, err := ParseConfig("bad.toml", []byte(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		prec int
		want string
	}{
		{6120, 0, "6.120"}, {23384.615, 2, "23.384,62"}, {0.585, 1, "0,6"}, {-1234567.5, 1, "-1.234.567,5"}, {-0.001, 1, "0,0"}, {999, 0, "999"},
	} {
		if got := italian.Number(tt.v, tt.prec); got != tt.want {
			t.Errorf("italian.Number(%v, %d) = %q, want %q", tt.v, tt.prec, got, tt.want)
		}
	}
}
