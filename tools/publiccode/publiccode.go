// Package publiccode checks carico's publiccode.yml, the file the national
// catalogue of reusable public software (Developers Italia) reads, against
// the rules of the publiccode.yml standard, version 0.7 (the latest of the
// 0.x series: 0.6 changed nothing in the standard, 0.7 added `supports`
// and deprecated the country sections). The official parser
// (github.com/italia/publiccode-parser-go) is not served by the module
// proxy this project uses, so the standard's published rules are restated
// here; a nested module keeps the YAML decoder out of carico's own
// dependencies.
//
// What the official parser only warns about, as deprecated, is an error
// here: a catalogue entry should not start life on its way out.
package publiccode

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// File is a publiccode.yml, the keys of version 0.7 that carico uses or
// that the standard makes mandatory, and the deprecated ones, so that they
// are named when found. Decoding rejects unknown keys, so a misspelt key
// fails instead of being ignored.
type File struct {
	PubliccodeYmlVersion string            `yaml:"publiccodeYmlVersion"`
	Name                 string            `yaml:"name"`
	ApplicationSuite     string            `yaml:"applicationSuite"`
	URL                  string            `yaml:"url"`
	LandingURL           string            `yaml:"landingURL"`
	IsBasedOn            []string          `yaml:"isBasedOn"`
	SoftwareVersion      string            `yaml:"softwareVersion"`
	ReleaseDate          string            `yaml:"releaseDate"`
	Logo                 string            `yaml:"logo"`
	MonochromeLogo       string            `yaml:"monochromeLogo"` // deprecated
	Organisation         *Organisation     `yaml:"organisation"`
	FundedBy             []Organisation    `yaml:"fundedBy"`
	InputTypes           []string          `yaml:"inputTypes"`  // deprecated
	OutputTypes          []string          `yaml:"outputTypes"` // deprecated
	Supports             []Support         `yaml:"supports"`
	Platforms            []string          `yaml:"platforms"`
	Categories           []string          `yaml:"categories"`
	UsedBy               []string          `yaml:"usedBy"`
	Roadmap              string            `yaml:"roadmap"`
	DevelopmentStatus    string            `yaml:"developmentStatus"`
	SoftwareType         string            `yaml:"softwareType"`
	IntendedAudience     *Audience         `yaml:"intendedAudience"`
	Description          map[string]Desc   `yaml:"description"`
	Legal                Legal             `yaml:"legal"`
	Maintenance          Maintenance       `yaml:"maintenance"`
	Localisation         Localisation      `yaml:"localisation"`
	DependsOn            map[string][]Dep  `yaml:"dependsOn"`
	IT                   *ItalianExtension `yaml:"IT"` // deprecated since 0.7
	ITLower              *ItalianExtension `yaml:"it"` // deprecated since 0.5
}

type Organisation struct {
	Name string `yaml:"name"`
	URI  string `yaml:"uri"`
}

type Support struct {
	ID string `yaml:"id"`
}

type Audience struct {
	Scope                []string `yaml:"scope"`
	Countries            []string `yaml:"countries"`
	UnsupportedCountries []string `yaml:"unsupportedCountries"`
}

type Desc struct {
	LocalisedName    string   `yaml:"localisedName"`
	GenericName      string   `yaml:"genericName"` // deprecated
	ShortDescription string   `yaml:"shortDescription"`
	LongDescription  string   `yaml:"longDescription"`
	Documentation    string   `yaml:"documentation"`
	APIDocumentation string   `yaml:"apiDocumentation"`
	Features         []string `yaml:"features"`
	Screenshots      []string `yaml:"screenshots"`
	Videos           []string `yaml:"videos"`
	Awards           []string `yaml:"awards"`
}

type Legal struct {
	License            string `yaml:"license"`
	MainCopyrightOwner string `yaml:"mainCopyrightOwner"`
	RepoOwner          string `yaml:"repoOwner"`   // deprecated
	AuthorsFile        string `yaml:"authorsFile"` // deprecated
}

type Maintenance struct {
	Type        string       `yaml:"type"`
	Contractors []Contractor `yaml:"contractors"`
	Contacts    []Contact    `yaml:"contacts"`
}

type Contractor struct {
	Name    string `yaml:"name"`
	Email   string `yaml:"email"`
	Website string `yaml:"website"`
	Until   string `yaml:"until"`
}

type Contact struct {
	Name        string `yaml:"name"`
	Email       string `yaml:"email"`
	Affiliation string `yaml:"affiliation"`
	Phone       string `yaml:"phone"`
}

type Localisation struct {
	LocalisationReady  *bool    `yaml:"localisationReady"`
	AvailableLanguages []string `yaml:"availableLanguages"`
}

type Dep struct {
	Name       string `yaml:"name"`
	VersionMin string `yaml:"versionMin"`
	VersionMax string `yaml:"versionMax"`
	Version    string `yaml:"version"`
	Optional   bool   `yaml:"optional"`
}

// ItalianExtension is the Italian country section, deprecated: its
// presence is the error, its content is not checked further.
type ItalianExtension map[string]any

// versions are the values of publiccodeYmlVersion this check follows.
var versions = []string{"0.7", "0.7.0"}

// Enumerations of the standard, version 0.7.
var (
	platforms         = []string{"web", "windows", "mac", "linux", "ios", "android"}
	developmentStatus = []string{"concept", "development", "beta", "stable", "obsolete"}
	softwareTypes     = []string{"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web", "standalone/backend", "standalone/other", "addon", "library", "configurationFiles"}
	maintenanceTypes  = []string{"internal", "contract", "community", "none"}
	dependencyKinds   = []string{"open", "proprietary", "hardware"}
	scopes            = []string{"agriculture", "culture", "defence", "education", "emergency-services", "employment", "energy", "environment", "finance-and-economic-development", "foreign-affairs", "government", "healthcare", "infrastructures", "justice", "local-authorities", "manufacturing", "research", "science-and-technology", "security", "society", "sport", "tourism", "transportation", "welfare"}
	categories        = []string{"accounting", "agile-project-management", "applicant-tracking", "application-development", "appointment-scheduling", "backup", "billing-and-invoicing", "blog", "budgeting", "business-intelligence", "business-process-management", "cad", "call-center-management", "cloud-management", "collaboration", "communications", "compliance-management", "contact-management", "content-management", "crm", "customer-service-and-support", "data-analytics", "data-collection", "data-visualization", "digital-asset-management", "document-management", "donor-management", "e-commerce", "e-signature", "email-management", "email-marketing", "employee-management", "enterprise-project-management", "enterprise-social-networking", "erp", "event-management", "facility-management", "feedback-and-reviews-management", "financial-reporting", "fleet-management", "fund-management", "gamification", "geographic-information-systems", "grant-management", "graphic-design", "help-desk", "hr", "ide", "instant-messaging", "inventory-management", "it-asset-management", "it-development", "it-management", "it-security", "it-service-management", "knowledge-management", "learning-management-system", "marketing", "mind-mapping", "mobile-marketing", "mobile-payment", "network-management", "office", "online-booking", "online-community", "payment-gateway", "payroll", "predictive-analysis", "procurement", "productivity-suite", "project-collaboration", "project-management", "property-management", "real-estate-management", "remote-support", "resource-management", "sales-management", "seo", "service-desk-software", "social-media-management", "survey", "talent-management", "task-management", "taxes-management", "test-management", "time-management", "time-tracking", "translation", "video-conferencing", "video-editing", "visitor-management", "voip", "warehouse-management", "web-collaboration", "web-conferencing", "website-builder", "whistleblowing", "workflow-management"}
)

var (
	// country: upper case since 0.5, lower case deprecated.
	country  = regexp.MustCompile(`^[A-Z]{2}$`)
	language = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	// spdxExpr accepts an SPDX identifier or a simple AND/OR expression.
	spdxExpr = regexp.MustCompile(`^[A-Za-z0-9.+-]+( (AND|OR) [A-Za-z0-9.+-]+)*$`)
	// supportID is an alias or a URI (URL or URN).
	supportID       = regexp.MustCompile(`^(alias:[a-z0-9-]+|[a-z][a-z0-9+.-]*:\S+)$`)
	organisationURI = regexp.MustCompile(`^[a-z][a-z0-9+.-]*:\S+$`)
)

// Parse decodes a publiccode.yml strictly and checks it; the error lists
// every rule broken, each naming its key.
func Parse(b []byte) (*File, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("publiccode.yml: %w", err)
	}
	return &f, f.Validate()
}

// Validate checks the rules of the standard that decoding cannot.
func (f *File) Validate() error {
	var errs []error
	fail := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{key}, args...)...))
	}
	required := func(key, v string) bool {
		if v == "" {
			fail(key, "mandatory key missing")
			return false
		}
		return true
	}
	httpURL := func(key, v string) {
		if v == "" {
			return
		}
		if u, err := url.Parse(v); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			fail(key, "%q is not an http(s) URL", v)
		}
	}
	oneOf := func(key, v string, allowed []string) {
		if required(key, v) && !slices.Contains(allowed, v) {
			fail(key, "%q is not one of %v", v, allowed)
		}
	}
	date := func(key, v string) {
		if _, err := time.Parse(time.DateOnly, v); v != "" && err != nil {
			fail(key, "%q is not a date YYYY-MM-DD", v)
		}
	}

	if required("publiccodeYmlVersion", f.PubliccodeYmlVersion) && !slices.Contains(versions, f.PubliccodeYmlVersion) {
		fail("publiccodeYmlVersion", "%q: this check follows version %s, the latest", f.PubliccodeYmlVersion, versions[0])
	}
	deprecated := func(key string, present bool, instead string) {
		if present {
			fail(key, "deprecated by the standard: %s", instead)
		}
	}
	deprecated("monochromeLogo", f.MonochromeLogo != "", "use logo")
	deprecated("inputTypes", f.InputTypes != nil, "drop it")
	deprecated("outputTypes", f.OutputTypes != nil, "drop it")
	deprecated("legal.authorsFile", f.Legal.AuthorsFile != "", "drop it")
	deprecated("legal.repoOwner", f.Legal.RepoOwner != "", "use organisation.name")
	deprecated("it", f.ITLower != nil, "country sections are deprecated since 0.7 (and lower-case it since 0.5): use supports")
	deprecated("IT", f.IT != nil, "country sections are deprecated since 0.7: use supports")
	for lang, d := range f.Description {
		deprecated("description."+lang+".genericName", d.GenericName != "", "drop it")
	}
	for _, s := range f.Supports {
		if !supportID.MatchString(s.ID) {
			fail("supports.id", "%q is neither an alias (alias:NAME) nor a URI", s.ID)
		}
	}
	if o := f.Organisation; o != nil {
		if !organisationURI.MatchString(o.URI) {
			fail("organisation.uri", "%q is not a URI", o.URI)
		}
	}
	required("name", f.Name)
	if required("url", f.URL) {
		httpURL("url", f.URL)
	}
	httpURL("landingURL", f.LandingURL)
	httpURL("roadmap", f.Roadmap)
	date("releaseDate", f.ReleaseDate)
	if f.SoftwareVersion != "" && f.ReleaseDate == "" {
		fail("releaseDate", "mandatory when softwareVersion is given")
	}
	if len(f.Platforms) == 0 {
		fail("platforms", "mandatory key missing")
	}
	for _, p := range f.Platforms {
		if !slices.Contains(platforms, p) {
			fail("platforms", "%q is not one of %v", p, platforms)
		}
	}
	if len(f.Categories) == 0 {
		fail("categories", "mandatory key missing")
	}
	for _, c := range f.Categories {
		if !slices.Contains(categories, c) {
			fail("categories", "%q is not a category of the standard", c)
		}
	}
	oneOf("developmentStatus", f.DevelopmentStatus, developmentStatus)
	oneOf("softwareType", f.SoftwareType, softwareTypes)
	if a := f.IntendedAudience; a != nil {
		for _, s := range a.Scope {
			if !slices.Contains(scopes, s) {
				fail("intendedAudience.scope", "%q is not a scope of the standard", s)
			}
		}
		for _, c := range append(slices.Clone(a.Countries), a.UnsupportedCountries...) {
			if !country.MatchString(c) {
				fail("intendedAudience.countries", "%q is not an upper-case ISO 3166-1 alpha-2 code (lower case is deprecated)", c)
			}
		}
	}

	if len(f.Description) == 0 {
		fail("description", "mandatory key missing")
	}
	for lang, d := range f.Description {
		key := "description." + lang
		if !language.MatchString(lang) {
			fail(key, "%q is not a BCP 47 language tag", lang)
		}
		if required(key+".shortDescription", d.ShortDescription) {
			if n := utf8.RuneCountInString(d.ShortDescription); n > 150 {
				fail(key+".shortDescription", "%d characters, at most 150", n)
			}
		}
		if required(key+".longDescription", d.LongDescription) {
			if n := utf8.RuneCountInString(d.LongDescription); n < 150 || n > 10000 {
				fail(key+".longDescription", "%d characters, between 150 and 10000", n)
			}
		}
		if len(d.Features) == 0 {
			fail(key+".features", "mandatory key missing")
		}
		for _, ft := range d.Features {
			if n := utf8.RuneCountInString(ft); n == 0 || n > 100 {
				fail(key+".features", "%q: %d characters, between 1 and 100", ft, n)
			}
		}
		httpURL(key+".documentation", d.Documentation)
		httpURL(key+".apiDocumentation", d.APIDocumentation)
	}

	if required("legal.license", f.Legal.License) && !spdxExpr.MatchString(f.Legal.License) {
		fail("legal.license", "%q is not an SPDX expression", f.Legal.License)
	}

	oneOf("maintenance.type", f.Maintenance.Type, maintenanceTypes)
	switch f.Maintenance.Type {
	case "internal", "community":
		if len(f.Maintenance.Contacts) == 0 {
			fail("maintenance.contacts", "mandatory when maintenance.type is %s", f.Maintenance.Type)
		}
	case "contract":
		if len(f.Maintenance.Contractors) == 0 {
			fail("maintenance.contractors", "mandatory when maintenance.type is contract")
		}
	}
	for _, c := range f.Maintenance.Contacts {
		required("maintenance.contacts.name", c.Name)
	}
	for _, c := range f.Maintenance.Contractors {
		required("maintenance.contractors.name", c.Name)
		if required("maintenance.contractors.until", c.Until) {
			date("maintenance.contractors.until", c.Until)
		}
	}

	if f.Localisation.LocalisationReady == nil {
		fail("localisation.localisationReady", "mandatory key missing")
	}
	if len(f.Localisation.AvailableLanguages) == 0 {
		fail("localisation.availableLanguages", "mandatory key missing")
	}
	for _, l := range f.Localisation.AvailableLanguages {
		if !language.MatchString(l) {
			fail("localisation.availableLanguages", "%q is not a BCP 47 language tag", l)
		}
	}

	for kind, deps := range f.DependsOn {
		if !slices.Contains(dependencyKinds, kind) {
			fail("dependsOn."+kind, "not one of %v", dependencyKinds)
		}
		for _, d := range deps {
			required("dependsOn."+kind+".name", d.Name)
		}
	}

	return errors.Join(errs...)
}
