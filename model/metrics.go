// Package model is carico's workload model: caseload, time split, available
// working time, staffing need (WHO WISN and weighted caseload) and the LEPS
// staffing ratio of L. 178/2020, with a status and the rule behind every
// figure that has one.
//
// The pure functions (LEPS, Contribution, WISN, WeightedCaseloadFTE,
// AvailableTime) hold the formulas of DOMAIN.md §4 and are reused by the
// planning and analytics layers; Compute gathers their inputs with SQL
// aggregations inside DuckDB, so that no activity row is loaded into Go.
//
// The JSON of Metrics is a stable contract, documented in docs/metrics.md.
package model

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
)

// Status is the traffic light of a figure.
type Status string

// The statuses, in increasing order of gravity. Their values are the words
// users read.
const (
	StatusOK       Status = "ok"
	StatusWarning  Status = "attenzione"
	StatusCritical Status = "critico"
)

// Rank orders the statuses by gravity: non applicabile −1, ok 0,
// attenzione 1, critico 2.
func (s Status) Rank() int {
	switch s {
	case StatusNotApplicable:
		return -1
	case StatusCritical:
		return 2
	case StatusWarning:
		return 1
	}
	return 0
}

// Worse returns the graver of two statuses.
func Worse(a, b Status) Status {
	if b.Rank() > a.Rank() {
		return b
	}
	return a
}

// Assessment is the status of a figure and the rule that produced it: the
// rule is Italian text naming its threshold and source, ready for a report.
type Assessment struct {
	Status Status `json:"status"`
	Rule   string `json:"rule"`
}

// Check is one assessed measure of an operator or team.
type Check struct {
	Measure string   `json:"measure"` // load | coverage | community_share
	Value   *float64 `json:"value"`
	Assessment
}

// Check is the check of the named measure in o.Checks, or nil.
func (o *OperatorMetrics) Check(measure string) *Check {
	for i := range o.Checks {
		if o.Checks[i].Measure == measure {
			return &o.Checks[i]
		}
	}
	return nil
}

// worst folds checks into the assessment of their gravest one (the first of
// equals); with checks that all pass the figure is ok, and with no check
// that applies it is not applicable.
func worst(checks []Check) Assessment {
	a := Assessment{Status: StatusNotApplicable, Rule: "Nessuna misura si applica."}
	for _, c := range checks {
		if c.Status != StatusNotApplicable && a.Status == StatusNotApplicable {
			a = Assessment{Status: StatusOK, Rule: "Nessuna soglia superata."}
		}
		if c.Status.Rank() > a.Status.Rank() {
			a = c.Assessment
		}
	}
	return a
}

// Date is a calendar day; it marshals as "yyyy-mm-dd".
type Date struct{ time.Time }

// DateOf truncates t to its day, in UTC.
func DateOf(t time.Time) Date {
	return Date{time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}

// MarshalJSON writes the day as "yyyy-mm-dd".
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.Format(time.DateOnly)) }

// UnmarshalJSON reads "yyyy-mm-dd".
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return fmt.Errorf("date %q: %w", s, err)
	}
	d.Time = t
	return nil
}

// Metrics is everything `carico metrics` computes for one period.
type Metrics struct {
	Period    Period            `json:"period"`
	Operators []OperatorMetrics `json:"operators"`
	Teams     []TeamMetrics     `json:"teams"` // one per role present, then "totale"
	Comuni    []ComuneMetrics   `json:"comuni"`
	Ambito    AmbitoMetrics     `json:"ambito"`
	Staffing  Staffing          `json:"staffing"`
	// ProtectedTime is the social workers' supervision and community
	// time against their targets, counted (see Operators for each).
	ProtectedTime ProtectedTeam `json:"protected_time"`
	// Weights compares the staffing need and the loads under each case-weight set.
	Weights WeightSensitivity `json:"weights"`
	Monthly Monthly           `json:"monthly"`
	Quality Quality           `json:"quality"`
	Sources []Batch           `json:"sources"`
	Config  *Config           `json:"config"`

	// basis and extraSets let AddWeightSets weigh further sets without
	// measuring the data again.
	basis     *staffingBasis
	extraSets []WeightSet
}

// Period is the time window of the time split and staffing figures (From–To,
// both included) and the reference date of caseloads and LEPS ratios (At).
type Period struct {
	From Date `json:"from"`
	To   Date `json:"to"`
	At   Date `json:"at"`
	// Years is the length of the period in years (days ÷ 365.25), the
	// factor that turns period totals into yearly workloads.
	Years float64 `json:"years"`
}

// Minutes are minutes of documented work by kind; every kind is present.
type Minutes map[carico.Kind]int64

// Total is the sum over kinds.
func (m Minutes) Total() int64 {
	var t int64
	for _, v := range m {
		t += v
	}
	return t
}

// Shares are the shares of each kind in the total (all zero when there is
// no documented time).
func (m Minutes) Shares() map[carico.Kind]float64 {
	s := make(map[carico.Kind]float64, len(carico.Kinds))
	t := m.Total()
	for _, k := range carico.Kinds {
		if t > 0 {
			s[k] = float64(m[k]) / float64(t)
		} else {
			s[k] = 0
		}
	}
	return s
}

func newMinutes() Minutes {
	m := make(Minutes, len(carico.Kinds))
	for _, k := range carico.Kinds {
		m[k] = 0
	}
	return m
}

// TimeSplit is documented time against available time.
type TimeSplit struct {
	Minutes         Minutes                 `json:"minutes"`
	Shares          map[carico.Kind]float64 `json:"shares"`
	DocumentedHours float64                 `json:"documented_hours"`
	AvailableHours  float64                 `json:"available_hours"`
	// Coverage is documented ÷ available hours; null when nothing is available.
	Coverage *float64 `json:"coverage"`
}

// Caseload is the open cases at the reference date.
type Caseload struct {
	OpenCases    int                 `json:"open_cases"`
	ByArea       map[carico.Area]int `json:"open_by_area"`       // "" = area not recorded
	ByComplexity map[string]int      `json:"open_by_complexity"` // "1","2","3","nd"
	// WeightedCaseload is Σ standard weight (hours per case-year) of the
	// open cases: the hours a year of work on them needs.
	WeightedCaseload float64 `json:"weighted_caseload"`
	Dormant          int     `json:"dormant_cases"`
}

// OperatorMetrics is one operator's caseload and time split.
type OperatorMetrics struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Role        carico.Role     `json:"role"`
	Contract    carico.Contract `json:"contract"`
	WeeklyHours float64         `json:"weekly_hours"`
	// FTE is weekly hours ÷ full-time hours, 0 when not in service at the
	// reference date.
	FTE       float64      `json:"fte"`
	InService bool         `json:"in_service"`
	Comuni    []Allocation `json:"comuni"`
	Caseload
	OpenCasesPerFTE        *float64 `json:"open_cases_per_fte"`
	WeightedCaseloadPerFTE *float64 `json:"weighted_caseload_per_fte"`
	// YearlyHours is the available working time of a year the load is
	// measured against (see computation.yearlyHours); 0 when not in service.
	YearlyHours float64 `json:"yearly_hours"`
	// Capacity is her capacity factor, hours for case work and the
	// reductions of the register behind them; nil when not in service.
	Capacity *Capacity `json:"capacity"`
	// ProtectedTime is whether her supervision and community time were
	// used; nil for all but social workers in service with documented time.
	ProtectedTime *ProtectedTime `json:"protected_time"`
	// Load is weighted caseload ÷ Capacity.CaseHours (YearlyHours ×
	// case-time share × capacity factor).
	Load *float64 `json:"load"`
	// SustainedOverload is her run of weeks over the critical threshold up
	// to the reference date (weeks 0 when none); Weekly the snapshots it
	// is judged on, newest first (not in the JSON: one a week for a year).
	SustainedOverload SustainedOverload `json:"sustained_overload"`
	Weekly            []WeekLoad        `json:"-"`
	TimeSplit
	AWT    []AWT   `json:"awt"` // one per calendar year the period touches
	Checks []Check `json:"checks"`
	Assessment
}

// Allocation is an operator's share in a comune.
type Allocation struct {
	ISTAT string  `json:"istat"`
	Share float64 `json:"share"`
}

// TeamMetrics aggregates the operators of one role ("totale" for all).
type TeamMetrics struct {
	Role  string `json:"role"` // a carico.Role or "totale"
	Label string `json:"label"`
	// Operators counts those in service at the reference date.
	Operators int     `json:"operators"`
	FTE       float64 `json:"fte"`
	Caseload
	OpenCasesPerFTE        *float64 `json:"open_cases_per_fte"`
	WeightedCaseloadPerFTE *float64 `json:"weighted_caseload_per_fte"`
	TimeSplit
	Checks []Check `json:"checks"`
	Assessment
}

// ComuneMetrics is the LEPS ratio and activity of one comune.
type ComuneMetrics struct {
	ISTAT string `json:"istat"`
	Name  string `json:"name"`
	LEPSFigures
	OpenCases       int     `json:"open_cases"`
	Minutes         Minutes `json:"minutes"`
	DocumentedHours float64 `json:"documented_hours"`
	// PatronDay is the patron saint's day the available hours take off,
	// "dd/mm" (the configuration first, then the comuni table); empty
	// when neither gives it.
	PatronDay string `json:"patron_day"`
}

// LEPSFigures are the staffing-ratio figures shared by a comune and the Ambito.
type LEPSFigures struct {
	Residents     int `json:"residents"`
	ResidentsYear int `json:"residents_year"` // year of the 1 January count used; 0 if none
	// SocialWorkerFTE counts every social worker in service at the
	// reference date, through allocation shares; PermanentSocialWorkerFTE
	// only those on permanent contracts (the LEPS count).
	SocialWorkerFTE          float64 `json:"social_worker_fte"`
	PermanentSocialWorkerFTE float64 `json:"permanent_social_worker_fte"`
	// Ratios are null when there is no social worker to divide by.
	ResidentsPerSocialWorker          *float64 `json:"residents_per_social_worker"`
	ResidentsPerPermanentSocialWorker *float64 `json:"residents_per_permanent_social_worker"`
	FTEMissingLEP                     float64  `json:"fte_missing_lep"`    // permanent FTE missing to 1:5,000
	FTEMissingTarget                  float64  `json:"fte_missing_target"` // permanent FTE missing to 1:4,000
	Assessment
}

// AmbitoMetrics is the LEPS position of the whole Ambito, where the law
// measures it and pays the contribution.
type AmbitoMetrics struct {
	Name   string `json:"name"`
	Comuni int    `json:"comuni"`
	LEPSFigures
	ContributionEUR float64    `json:"contribution_eur"`
	LEPS            LEPSResult `json:"leps"` // the computation, step by step
}

// Staffing is the staffing need computed two ways, side by side.
type Staffing struct {
	WISN             WISNStaffing             `json:"wisn"`
	WeightedCaseload WeightedCaseloadStaffing `json:"weighted_caseload"`
}

// WISNStaffing is the WISN result of the team and of each staff category.
type WISNStaffing struct {
	RequiredFTE float64      `json:"required_fte"`
	ActualFTE   float64      `json:"actual_fte"`
	Ratio       *float64     `json:"ratio"`
	Difference  float64      `json:"difference"`
	Categories  []WISNResult `json:"categories"`
	Assessment
}

// WeightedCaseloadStaffing is the NCSC weighted-caseload result under the
// weights in use; Metrics.Weights has it under each weight set.
type WeightedCaseloadStaffing struct {
	// RequiredFTE is the yearly hours the period's case-years need ÷
	// CaseHoursPerFTE.
	RequiredFTE float64  `json:"required_fte"`
	ActualFTE   float64  `json:"actual_fte"`
	Ratio       *float64 `json:"ratio"`
	// HoursPerFTE is the available working time of one FTE per year, and
	// CaseHoursPerFTE its part for case work (× case_time_share, the
	// share the load check uses).
	HoursPerFTE     float64 `json:"hours_per_fte"`
	CaseHoursPerFTE float64 `json:"case_hours_per_fte"`
	// AllowanceFTE is community work and segretariato (access) observed in
	// the diario, per year, in FTE: shown, not added, since the share of
	// each FTE outside case work is for them.
	AllowanceFTE float64         `json:"allowance_fte"`
	Weights      []CaseWeightRow `json:"weights"`
	// WeightsLabel names the weight set in use (Italian): the standard
	// set unless the configuration gives other weights.
	WeightsLabel string `json:"weights_label"`
	Assessment
}

// CaseWeightRow is one area × complexity cell of the weighted caseload.
type CaseWeightRow struct {
	Area       carico.Area `json:"area"`
	Complexity int         `json:"complexity"` // 0 = not recorded
	// CaseYears is the number of case-years open in the period (a case open
	// the whole of a one-year period counts 1).
	CaseYears     float64 `json:"case_years"`
	StandardHours float64 `json:"standard_hours"`
	// ObservedHours is the case hours recorded in the diario in the whole
	// period ÷ case-years; null without case-years. The «osservati» weight
	// set (Metrics.Weights) is the calibrated one, on adequately covered
	// months only.
	ObservedHours *float64 `json:"observed_hours"`
}

// Monthly holds the monthly series of the period.
type Monthly struct {
	Months    []string       `json:"months"` // "yyyy-mm"
	Operators []Series       `json:"operators"`
	Team      Series         `json:"team"`
	Comuni    []ComuneSeries `json:"comuni"`
}

// Series is one operator's (or the team's) month by month figures.
type Series struct {
	ID     string       `json:"id"` // operator id, or "totale"
	Name   string       `json:"name"`
	Points []MonthPoint `json:"points"`
}

// MonthPoint is one month: caseload at the month's last day (or at the end
// of the period, if sooner) and time documented in the month.
type MonthPoint struct {
	Month            string  `json:"month"`
	OpenCases        int     `json:"open_cases"`
	WeightedCaseload float64 `json:"weighted_caseload"`
	TimeSplit
}

// ComuneSeries is the documented time of a comune month by month.
type ComuneSeries struct {
	ISTAT  string    `json:"istat"` // "" = activity without comune
	Name   string    `json:"name"`
	Months []Minutes `json:"minutes"` // aligned with Monthly.Months
}

// Quality gathers the data-quality findings the model meets on its way.
type Quality struct {
	DormantCases int            `json:"dormant_cases"`
	Dormant      []DormantCase  `json:"dormant"`
	Coverage     []CoverageRow  `json:"coverage"`
	Rejected     []RejectedRows `json:"rejected"`
	Rule         string         `json:"rule"`
	// EstimatedHours are the documented hours of the period whose duration
	// is a profile's standard one (contacts recorded without a duration);
	// EstimatedShare their share of all documented hours, null when none.
	EstimatedHours float64  `json:"estimated_hours"`
	EstimatedShare *float64 `json:"estimated_share"`
}

// EstimatedSentence says, in Italian, what share of the documented hours
// rests on standard durations: the one sentence every report prints.
func (q Quality) EstimatedSentence() string {
	switch {
	case q.EstimatedShare == nil:
		return ""
	case q.EstimatedHours == 0:
		return "Tutte le ore documentate hanno una durata registrata nella fonte: nessuna è stimata."
	}
	hours := italian.Number(q.EstimatedHours, 0) + " ore"
	if hours == "1 ore" {
		hours = "1 ora"
	}
	return fmt.Sprintf("Il %s %% delle ore documentate (%s) è stimato con la durata standard del profilo di importazione, per i contatti registrati senza durata (colloqui, segretariato).",
		italian.Number(*q.EstimatedShare*100, 1), hours)
}

// DormantCase is an open cartella with no diario entry for the configured
// number of days before the reference date.
type DormantCase struct {
	CaseID       string      `json:"case_id"`
	OperatorID   string      `json:"operator_id"`
	ISTAT        string      `json:"istat"`
	Area         carico.Area `json:"area"`
	Opened       Date        `json:"opened"`
	LastActivity *Date       `json:"last_activity"` // null: no entry ever
	DaysSilent   int         `json:"days_silent"`
}

// CoverageRow is one operator-month of documented against available hours.
type CoverageRow struct {
	OperatorID      string   `json:"operator_id"`
	Month           string   `json:"month"`
	DocumentedHours float64  `json:"documented_hours"`
	AvailableHours  float64  `json:"available_hours"`
	Coverage        *float64 `json:"coverage"`
	Assessment
}

// RejectedRows counts the rejected rows of one import batch: Rejected
// counts lines, as the batch does; Reasons counts the lines of each
// reason, so a line with two bad cells counts once in Rejected and once
// under each of its two reasons.
type RejectedRows struct {
	BatchID  int64          `json:"batch_id"`
	File     string         `json:"file"`
	Rejected int            `json:"rejected"`
	Reasons  map[string]int `json:"reasons"`
}

// ratio is a ÷ b, or nil when b is zero: the JSON then says null, never
// NaN or an infinity.
func ratio(a, b float64) *float64 {
	if b == 0 {
		return nil
	}
	r := a / b
	return &r
}
