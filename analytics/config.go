package analytics

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/carico/carico/internal/tomlerr"

	"github.com/carico/carico"
	"github.com/carico/carico/model"
)

//go:embed defaults.toml
var defaultsTOML string

// Config holds the terms and thresholds of the analyses. The defaults, each
// with its source, are in defaults.toml; a user file overrides them key by
// key.
type Config struct {
	Timeliness TimelinessConfig `toml:"timeliness" json:"timeliness"`
	Flows      FlowsConfig      `toml:"flows" json:"flows"`
	Audit      AuditConfig      `toml:"audit" json:"audit"`
	// Ente is who runs the service: its name in the web application's
	// header and the contacts of its privacy notice and accessibility
	// statement. Empty by default: the pages then say what to complete.
	Ente EnteConfig `toml:"ente" json:"-"`
	// Model is the workload model's configuration: available working
	// time, case weights, the coverage and community-work thresholds.
	// Analytics reuses it rather than keeping its own copy of them.
	Model *model.Config `toml:"-" json:"-"`
}

// TimelinessConfig sets the legal terms of the procedures (L. 241/1990 art. 2).
type TimelinessConfig struct {
	DefaultTermDays int                       `toml:"default_term_days" json:"default_term_days"`
	Terms           map[carico.Initiative]int `toml:"terms" json:"terms"`
	// Procedures gives the term of a type of procedure (an istanza's
	// «Tipo procedimento», compared in lower case); it comes before the
	// initiative's.
	Procedures map[string]int `toml:"procedures" json:"procedures"`
}

// EnteConfig names the ente that runs the service and the contacts its
// staff's privacy notice (GDPR art. 13) and its accessibility statement
// (AgID model) give; every key is optional.
type EnteConfig struct {
	// Name is the ente's name («Comune di Esempio – Ambito territoriale 1»).
	Name string `toml:"name"`
	// Controller is the data controller (titolare del trattamento) with
	// its address; DPO the data protection officer's contact.
	Controller string `toml:"controller"`
	DPO        string `toml:"dpo"`
	// Accessibility is where to report an accessibility problem (an
	// e-mail or a web form's address).
	Accessibility string `toml:"accessibility"`
}

// FlowsConfig sets the window of re-openings.
type FlowsConfig struct {
	ReopeningMonths int `toml:"reopening_months" json:"reopening_months"`
}

// AuditConfig sets the thresholds of the cartella audit.
type AuditConfig struct {
	CoverageRoles []carico.Role `toml:"coverage_roles" json:"coverage_roles"`
	MaxFindings   int           `toml:"max_findings" json:"max_findings"`
}

// maxTermDays is the longest term L. 241/1990 art. 2 c. 4 allows.
const maxTermDays = 180

// DefaultConfig returns the embedded defaults, with the model's defaults.
func DefaultConfig() *Config {
	c := Config{Model: model.DefaultConfig()}
	if _, err := toml.Decode(defaultsTOML, &c); err != nil {
		panic("analytics: embedded defaults.toml: " + err.Error())
	}
	if err := c.validate(); err != nil {
		panic("analytics: embedded defaults.toml: " + err.Error())
	}
	return &c
}

// LoadConfig reads the one configuration file of carico over the
// defaults: the model's sections ([caseload], [awt], [thresholds], [leps],
// [wisn] …, model/defaults.toml) and the analysis's ([timeliness], [flows],
// [audit], defaults.toml here). Keys the file leaves out keep their default
// value; a key neither knows is an error. An empty path gives the defaults.
func LoadConfig(path string) (*Config, error) {
	if path == "" {
		return DefaultConfig(), nil
	}
	body, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("configurazione %s: file non leggibile", path)
	}
	return ParseConfig(path, body)
}

// ParseConfig is LoadConfig on text; name is used in errors.
func ParseConfig(name string, text []byte) (*Config, error) {
	def := DefaultConfig()
	file := struct {
		model.Config
		Timeliness TimelinessConfig `toml:"timeliness"`
		Flows      FlowsConfig      `toml:"flows"`
		Audit      AuditConfig      `toml:"audit"`
		Ente       EnteConfig       `toml:"ente"`
	}{Config: *def.Model, Timeliness: def.Timeliness, Flows: def.Flows, Audit: def.Audit}
	md, err := toml.Decode(string(text), &file)
	if err != nil {
		return nil, fmt.Errorf("configurazione %s: %w", name, tomlerr.Italian(string(text), err))
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("configurazione %s: chiave sconosciuta %q", name, und[0].String())
	}
	c := &Config{Timeliness: file.Timeliness, Flows: file.Flows, Audit: file.Audit, Ente: file.Ente, Model: &file.Config}
	if err := c.Model.Validate(); err != nil {
		return nil, fmt.Errorf("configurazione %s: %w", name, err)
	}
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("configurazione %s: %w", name, err)
	}
	return c, nil
}

// TermDays is the term that applies to a procedure started by initiative.
func (c *Config) TermDays(i carico.Initiative) int {
	if d, ok := c.Timeliness.Terms[i]; ok {
		return d
	}
	return c.Timeliness.DefaultTermDays
}

// ProcedureTermDays is the term of one istanza, as the analysis of the
// procedures applies it (facts/an_procedure.sql): its type of procedure's
// (timeliness.procedures, the istanza's procedure in lower case), else its
// initiative's (TermDays).
func (c *Config) ProcedureTermDays(procedure string, i carico.Initiative) int {
	if p := strings.ToLower(strings.TrimSpace(procedure)); p != "" {
		if d, ok := c.Timeliness.Procedures[p]; ok {
			return d
		}
	}
	return c.TermDays(i)
}

func (c *Config) validate() error {
	var errs []error
	checkTerm := func(name string, d int) {
		if d < 1 || d > maxTermDays {
			errs = append(errs, fmt.Errorf("termine %s di %d giorni: deve essere tra 1 e %d (L. 241/1990, art. 2)", name, d, maxTermDays))
		}
	}
	checkTerm("predefinito", c.Timeliness.DefaultTermDays)
	for i, d := range c.Timeliness.Terms {
		if !i.Valid() {
			errs = append(errs, fmt.Errorf("iniziativa sconosciuta %q in [timeliness.terms]", i))
		}
		checkTerm(string(i), d)
	}
	for p, d := range c.Timeliness.Procedures {
		checkTerm("del procedimento «"+p+"»", d)
	}
	if c.Flows.ReopeningMonths < 1 {
		errs = append(errs, errors.New("reopening_months deve essere almeno 1"))
	}
	for _, r := range c.Audit.CoverageRoles {
		if !r.Valid() {
			errs = append(errs, fmt.Errorf("ruolo sconosciuto %q in coverage_roles", r))
		}
	}
	if c.Audit.MaxFindings < 0 {
		errs = append(errs, errors.New("max_findings non può essere negativo"))
	}
	return errors.Join(errs...)
}
