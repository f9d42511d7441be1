// Package reports renders what the model computes for the people who read
// it: an Excel workbook and an offline HTML dashboard per audience. The
// responsabile sees the team with named operators; an operatore gets a
// personal statement to attach to a request; the politico version holds
// aggregates only, with small counts suppressed so that no one can be
// singled out (docs/method.md).
//
// Both formats are drawn from one intermediate document, so they carry the
// same figures; the audience rules are applied when that document is built.
package reports

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/carico/carico/analytics"
	"github.com/carico/carico/analytics/planning"
	"github.com/carico/carico/model"
	"github.com/carico/carico/weights"
)

// Audience is who a report is for.
type Audience string

// The audiences of the reports (docs/reports.md).
const (
	Responsabile Audience = "responsabile" // team, named operators
	Operatore    Audience = "operatore"    // one operator's own statement
	Politico     Audience = "politico"     // aggregates only, small cells suppressed
)

// Audiences lists the audiences in the order the CLI documents them.
var Audiences = []Audience{Responsabile, Operatore, Politico}

func (a Audience) String() string { return string(a) }

// ParseAudience reads an audience name as the CLI receives it.
func ParseAudience(s string) (Audience, error) {
	for _, a := range Audiences {
		if string(a) == s {
			return a, nil
		}
	}
	return "", fmt.Errorf("destinatario sconosciuto %q: usare operatore, responsabile o politico", s)
}

// DefaultSmallCell is the threshold under which the politico version hides
// a count as "n.d." (docs/method.md).
const DefaultSmallCell = 3

// Options chooses the audience and the fixed parts of a report.
type Options struct {
	Audience   Audience // default Responsabile
	OperatorID string   // required for Operatore
	Title      string   // default: a title per audience
	// Generated is the date printed on the report and stored in the
	// workbook's properties; zero means now. Fix it for reproducible files.
	Generated time.Time
	// SmallCell is the politico suppression threshold; 0 means DefaultSmallCell.
	SmallCell int
	// Analysis adds the sheets Flussi, Tempi dei procedimenti and Equità
	// del carico and the audit rules of Qualità dei dati; nil leaves them
	// out. It should be the responsabile's analysis: the politico version
	// is cut from it here (analytics.Analysis.For).
	Analysis *analytics.Analysis
	// Plan adds the sheets Previsioni, Scenari and Zone; nil leaves them out.
	Plan *Plan
	// Calibration adds the panel worksheet (Pannello pesi) to the
	// responsabile's workbook; nil leaves it out.
	Calibration *weights.Calibration
	// Scope keeps, of the tables broken down by comune or area, the rows
	// of one comune or area (scope.go); the zero Scope keeps everything.
	// The personal statement takes none.
	Scope Scope
}

// Plan is what the Ufficio di Piano's tools computed for the report: each
// part is optional.
type Plan struct {
	Forecasts []Forecast                // the Ambito's series: new cases, open caseload
	Scenarios []planning.ScenarioResult // baseline first, as RunScenarios returns them
	// Hires are the threshold scenarios — the current staff, then the hires
	// that reach 1:5.000 and 1:4.000 — that the headline prices.
	Hires []planning.ScenarioResult
	// ScenarioFile names the file the scenarios came from.
	ScenarioFile string
	Zones        *Zones
}

// Forecast is a forecast with the history it was fitted on, which the fan
// chart draws before it.
type Forecast struct {
	Measure  planning.Measure
	Observed planning.Series
	planning.SeriesForecast
}

// Zones is a proposal of territorial zones against the current organisation.
type Zones struct {
	Comune       string // the comune whose quartieri are grouped; "" for the comuni of the Ambito
	Units        []planning.Unit
	Edges        [][2]string // adjacency between units
	Proposed     planning.Partition
	Current      planning.Partition
	CurrentBasis string // "area" (thematic teams) or "zone"
}

// Write renders m for one audience into dir as a workbook and a dashboard,
// and returns the paths written.
func Write(dir string, m *model.Metrics, opt Options) ([]string, error) {
	opt, err := prepare(m, opt)
	if err != nil {
		return nil, err
	}
	doc, err := build(m, opt)
	if err != nil {
		return nil, err
	}
	if err := doc.scope(m, opt.Scope); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cartella di destinazione: %w", err)
	}
	base := "carico-" + string(opt.Audience)
	if opt.Audience == Responsabile {
		base = "carico" // the main report, named as the demo promises
	}
	if opt.Audience == Operatore {
		base += "-" + safeName(opt.OperatorID)
	}
	xlsx := filepath.Join(dir, base+".xlsx")
	html := filepath.Join(dir, base+".html")
	if err := writeWorkbook(xlsx, doc); err != nil {
		return nil, err
	}
	if err := writeDashboard(html, doc); err != nil {
		return []string{xlsx}, err
	}
	return []string{xlsx, html}, nil
}

// safeName keeps an operator ID usable in a file name.
func safeName(id string) string {
	b := []byte(id)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b[i] = '_'
		}
	}
	return string(b)
}

// prepare refuses a report without data and fills opt's defaults: what
// every writer of a report (Write, Summarize) starts from.
func prepare(m *model.Metrics, opt Options) (Options, error) {
	if m == nil {
		return opt, errors.New("nessun dato da rappresentare")
	}
	if opt.Audience == "" {
		opt.Audience = Responsabile
	}
	if opt.SmallCell <= 0 {
		opt.SmallCell = DefaultSmallCell
	}
	if opt.Generated.IsZero() {
		opt.Generated = time.Now()
	}
	return opt, nil
}
