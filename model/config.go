package model

import (
	_ "embed"
	"fmt"
	"github.com/carico/carico/internal/italian"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/tomlerr"
)

//go:embed defaults.toml
var defaultsTOML string

// DefaultsTOML is the commented default configuration, for users who want
// a starting point for their own --config file.
func DefaultsTOML() string { return defaultsTOML }

// Config holds every threshold, weight and calendar default of the model.
// The defaults live in defaults.toml, with their sources in its comments.
type Config struct {
	Caseload   CaseloadConfig   `toml:"caseload" json:"caseload"`
	Thresholds ThresholdsConfig `toml:"thresholds" json:"thresholds"`
	LEPS       LEPSConfig       `toml:"leps" json:"leps"`
	AWT        AWTConfig        `toml:"awt" json:"awt"`
	WISN       WISNConfig       `toml:"wisn" json:"wisn"`
	Protected  ProtectedConfig  `toml:"protected" json:"protected"`
}

// CaseloadConfig sets the dormancy rule and the standard case weights.
type CaseloadConfig struct {
	DormantDays int `toml:"dormant_days" json:"dormant_days"`
	// Weights are hours per case-year by area and complexity 1–3.
	Weights map[carico.Area][3]float64 `toml:"weights" json:"weights"`
}

// Weight is the standard weight in hours per case-year of a case of area
// and complexity; unknown complexity counts as 2 (media), an unknown area
// takes the mean over areas.
func (c CaseloadConfig) Weight(area carico.Area, complexity int) float64 {
	if complexity < 1 || complexity > 3 {
		complexity = 2
	}
	if w, ok := c.Weights[area]; ok {
		return w[complexity-1]
	}
	if len(c.Weights) == 0 {
		return 0
	}
	var sum float64
	for _, w := range c.Weights {
		sum += w[complexity-1]
	}
	return sum / float64(len(c.Weights))
}

// ThresholdsConfig holds the amber and red thresholds of the statuses.
type ThresholdsConfig struct {
	CaseTimeShare float64 `toml:"case_time_share" json:"case_time_share"`
	CaseloadAmber float64 `toml:"caseload_amber" json:"caseload_amber"`
	CaseloadRed   float64 `toml:"caseload_red" json:"caseload_red"`
	// SustainedWeeks is how many consecutive weekly snapshots over
	// CaseloadRed make a sustained overload.
	SustainedWeeks       int     `toml:"sustained_weeks" json:"sustained_weeks"`
	WISNAmber            float64 `toml:"wisn_amber" json:"wisn_amber"`
	WISNRed              float64 `toml:"wisn_red" json:"wisn_red"`
	CommunityShareTarget float64 `toml:"community_share_target" json:"community_share_target"`
	CoverageHigh         float64 `toml:"coverage_high" json:"coverage_high"`
	CoverageLow          float64 `toml:"coverage_low" json:"coverage_low"`
}

// LEPSConfig holds the L. 178/2020 staffing levels and contributions.
type LEPSConfig struct {
	EssentialResidents      float64 `toml:"essential_residents" json:"essential_residents"`
	TargetResidents         float64 `toml:"target_residents" json:"target_residents"`
	FloorResidents          float64 `toml:"floor_residents" json:"floor_residents"`
	ContributionToEssential float64 `toml:"contribution_to_essential" json:"contribution_to_essential"`
	ContributionToTarget    float64 `toml:"contribution_to_target" json:"contribution_to_target"`
}

// AWTConfig holds the calendar and the leave defaults of available working time.
type AWTConfig struct {
	LeaveDays     float64 `toml:"leave_days" json:"leave_days"`
	SickDays      float64 `toml:"sick_days" json:"sick_days"`
	OtherDays     float64 `toml:"other_days" json:"other_days"`
	FullTimeHours float64 `toml:"full_time_hours" json:"full_time_hours"`
	// LeaveProfile weighs the months of the year (January first) in which
	// yearly leave is taken; see AWT.HoursBetween.
	LeaveProfile  []float64         `toml:"leave_profile" json:"leave_profile"`
	ExtraHolidays []ExtraHoliday    `toml:"extra_holidays" json:"extra_holidays"`
	Patron        map[string]string `toml:"patron" json:"patron,omitempty"` // ISTAT → "dd/mm"
}

func validProfile(p []float64) bool {
	if len(p) == 0 {
		return true
	}
	var sum float64
	for _, v := range p {
		if v < 0 {
			return false
		}
		sum += v
	}
	return len(p) == 12 && sum > 0
}

// leaveShare is the profile's weight of month m; without a profile, the
// month's working days, so that every working day loses the same share.
func (c AWTConfig) leaveShare(m time.Month, workdays float64) float64 {
	if len(c.LeaveProfile) != 12 {
		return workdays
	}
	return c.LeaveProfile[m-1]
}

// FTE is the full-time equivalent of a contract of weeklyHours: the one
// definition every figure in FTE rests on (awt.full_time_hours).
func (c AWTConfig) FTE(weeklyHours float64) float64 { return weeklyHours / c.FullTimeHours }

// FTEDecimals is how many decimals every output shows an FTE with.
const FTEDecimals = 2

// FormatFTE is an FTE as every output prints it: Italian, two decimals
// (30 h of 36 are 0,83 FTE, never 0,8).
func FormatFTE(fte float64) string { return italian.Number(fte, FTEDecimals) }

// ExtraHoliday is a national holiday the calendar library does not know yet.
type ExtraHoliday struct {
	Name     string     `toml:"name" json:"name"`
	Month    time.Month `toml:"month" json:"month"`
	Day      int        `toml:"day" json:"day"`
	FromYear int        `toml:"from_year" json:"from_year"`
	Source   string     `toml:"source" json:"source"`
}

// WISNConfig holds the WISN activity standards.
type WISNConfig struct {
	AccessMinutesPerContact float64                            `toml:"access_minutes_per_contact" json:"access_minutes_per_contact"`
	SupportKinds            []carico.Kind                      `toml:"support_kinds" json:"support_kinds"`
	Individual              map[carico.Role]map[string]float64 `toml:"individual" json:"individual,omitempty"`
}

// DefaultConfig returns the embedded defaults.
func DefaultConfig() *Config {
	c, err := ParseConfig("", nil)
	if err != nil {
		panic(fmt.Sprintf("embedded defaults.toml: %v", err)) // a build defect, caught by tests
	}
	return c
}

// LoadConfig reads the defaults and overrides them, key by key, with the
// TOML file at path; an empty path gives the defaults.
func LoadConfig(path string) (*Config, error) {
	if path == "" {
		return DefaultConfig(), nil
	}
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("configurazione %s: file non leggibile", path)
	}
	return ParseConfig(path, text)
}

// ParseConfig is LoadConfig on text; name is used in errors.
func ParseConfig(name string, text []byte) (*Config, error) {
	c := &Config{}
	if _, err := toml.Decode(defaultsTOML, c); err != nil {
		return nil, err
	}
	if len(text) > 0 {
		md, err := toml.Decode(string(text), c)
		if err != nil {
			return nil, fmt.Errorf("configurazione %s: %w", name, tomlerr.Italian(string(text), err))
		}
		if err := checkUndecoded(md); err != nil {
			return nil, fmt.Errorf("configurazione %s: %w", name, err)
		}
	}
	return c, c.Validate()
}

func checkUndecoded(md toml.MetaData) error {
	if keys := md.Undecoded(); len(keys) > 0 {
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = k.String()
		}
		return fmt.Errorf("chiavi sconosciute: %s", strings.Join(names, ", "))
	}
	return nil
}

// Validate checks the values a file may have set.
func (c *Config) Validate() error {
	for area := range c.Caseload.Weights {
		if !area.Valid() {
			return fmt.Errorf("configurazione: area di utenza sconosciuta nei pesi: %q", area)
		}
	}
	for _, k := range c.WISN.SupportKinds {
		if !k.Valid() {
			return fmt.Errorf("configurazione: tipo di attività sconosciuto in wisn.support_kinds: %q", k)
		}
	}
	for istat, dm := range c.AWT.Patron {
		if _, _, err := parseDayMonth(dm); err != nil {
			return fmt.Errorf("configurazione: patrono del comune %s: %w", istat, err)
		}
	}
	switch {
	case c.AWT.FullTimeHours <= 0:
		return fmt.Errorf("configurazione: awt.full_time_hours deve essere positivo")
	case !validProfile(c.AWT.LeaveProfile):
		return fmt.Errorf("configurazione: awt.leave_profile deve avere 12 pesi non negativi, uno per mese, con somma positiva")
	case c.Protected.FirstYearCaseShare <= 0 || c.Protected.FirstYearCaseShare > 1:
		return fmt.Errorf("configurazione: protected.first_year_case_share deve essere tra 0 (escluso) e 1")
	case c.Thresholds.CaseTimeShare <= 0 || c.Thresholds.CaseTimeShare > 1:
		return fmt.Errorf("configurazione: thresholds.case_time_share deve essere tra 0 e 1")
	case c.Thresholds.SustainedWeeks < 1 || c.Thresholds.SustainedWeeks > SustainedLookbackWeeks:
		return fmt.Errorf("configurazione: thresholds.sustained_weeks deve essere tra 1 e %d", SustainedLookbackWeeks)
	case c.LEPS.TargetResidents <= 0 || c.LEPS.EssentialResidents <= c.LEPS.TargetResidents || c.LEPS.FloorResidents <= c.LEPS.EssentialResidents:
		return fmt.Errorf("configurazione: soglie LEPS non valide (serve 0 < target < essenziale < minimo)")
	}
	return nil
}

// parseDayMonth reads "dd/mm".
func parseDayMonth(s string) (time.Month, int, error) {
	d, m, ok := strings.Cut(strings.TrimSpace(s), "/")
	day, err1 := strconv.Atoi(d)
	month, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || month < 1 || month > 12 || day < 1 || day > 31 {
		return 0, 0, fmt.Errorf("data %q non valida: usare gg/mm", s)
	}
	return time.Month(month), day, nil
}
