package reports

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

// A document is one report for one audience, independent of its format: the
// workbook and the dashboard are both drawn from it, so they tell the same
// story and carry the same figures. Audience rules (names, small cells) are
// applied once, when the document is built, never in a renderer.
type document struct {
	Title     string
	Subtitle  string // audience and period, one line
	Audience  Audience
	Generated time.Time
	// Letter is what the reader meets first: the headline sentences
	// ("In breve") for the team and the council, the paragraphs of the
	// personal statement ("Prospetto") for an operatore.
	Letter    []string
	LeadTitle string
	// Quarterly says the council's series go by quarter (byQuarter).
	Quarterly bool
	// LeadChart draws a chart of a section again under the Letter: the
	// council's lead shows the load in one chart, with its data in the
	// section (zero: none).
	LeadChart chartRef
	Headline  []headline
	Sections  []section
	Notes     []string // shown under the Sintesi: suppression marks, caveats
}

// chartRef names chart Chart of the section with ID Section.
type chartRef struct {
	Section string
	Chart   int
}

// leadChart is the section and chart the lead draws, if any.
func (d *document) leadChart() (*section, chart, bool) {
	if d.LeadChart.Section == "" {
		return nil, chart{}, false
	}
	for i := range d.Sections {
		if s := &d.Sections[i]; s.ID == d.LeadChart.Section && d.LeadChart.Chart < len(s.Charts) {
			return s, s.Charts[d.LeadChart.Chart], true
		}
	}
	return nil, chart{}, false
}

// headline is one figure of the Sintesi, with its status and the rule that
// produced it.
type headline struct {
	Label  string
	Value  value
	Kind   valueKind
	Status status
	Rule   string
}

// section is one sheet of the workbook and one part of the dashboard.
type section struct {
	ID     string // HTML anchor
	Sheet  string // sheet name, at most 31 characters
	Title  string
	Intro  string
	Table  table
	Charts []chart
	More   []block // further tables, without charts
	Notes  []string
	// Filter puts Excel's filter buttons on the table's header: for work
	// lists, whose rows have no total to mislead once filtered.
	Filter bool
}

// block is a secondary table of a section, with its own heading.
type block struct {
	Title string
	Table table
}

// table is the data behind a section and its charts.
type table struct {
	Columns []column
	Rows    [][]value
	// Identities a reader sees in the table's layout besides a last row
	// of totals, which the council's disclosure audit uses (protect.go).
	RowSums []rowSum // in every row, column Total = Σ Parts
	Chain   *chain   // month after month, a stock moved by its flows
	// Follows lists, for a column, the columns of the same row computed
	// from it (a ratio, a shortfall, a status and its rule): when its
	// cell is hidden they are withheld too (withhold).
	Follows map[int][]int
}

// withhold hides, in row, the columns computed from column col.
func (t *table) withhold(row []value, col int) {
	for _, j := range t.Follows[col] {
		switch {
		case row[j].Missing:
		case t.Columns[j].Kind == kindStatus:
			row[j] = missing("")
		case t.Columns[j].Kind == kindText:
			row[j] = text("Non diffuso: ne deriverebbe un dato riservato.")
		default:
			row[j] = hidden(suppressedMark, 0, withheld)
		}
	}
}

// rowSum says that in every row column Total is the sum of columns Parts;
// with TotalCell, the sum is the figure of that name (value.Cell) printed
// elsewhere.
type rowSum struct {
	Total     int
	Parts     []int
	TotalCell string
}

// chain says that rows are consecutive months of a stock and its flows:
// End of the row before + In − Out = End. Start names the stock before the
// first row (value.Cell), when another table prints it.
type chain struct {
	In, Out, End int
	Start        string
}

// column is a table column and how its values are formatted.
type column struct {
	Name  string
	Kind  valueKind
	Width float64 // workbook width in characters; 0 fits the content
	// Dim says that the column names a comune or an area di utenza, whose
	// cells carry their Key: a Scope keeps the rows of its own (scope.go).
	Dim dim
}

type valueKind uint8

const (
	kindText valueKind = iota
	kindCount
	kindDecimal // one decimal: cases per FTE, factors
	kindHours
	kindPercent // a ratio, shown as a percentage
	kindRatio   // a ratio with two decimals (WISN)
	kindFTE     // FTE, in service, missing or needed: model.FTEDecimals (0,83, never 0,8)
	kindEuro
	kindDate
	kindStatus
)

// value is one cell. A missing figure (a comune with no social worker has no
// ratio) has Missing set and is shown as Text, never as zero or infinity.
type value struct {
	Num     float64
	Text    string
	Time    time.Time
	Status  status
	Missing bool // Text replaces the number: "—", "n.d."
	// Key is the code behind the Text of a Dim column's cell: the ISTAT
	// code of a comune, the code of an area; "" for a total.
	Key string
	// Cell names the figure when the same one is printed in several
	// places («open@2025-03»: cartelle open at the end of March 2025), so
	// that the disclosure audit knows them for one (protect.go).
	Cell string
	// Held is the true figure behind a hidden cell («n.d.») and
	// Secret why it is hidden. Only the disclosure audit reads them; no
	// renderer prints them.
	Held   float64
	Secret secrecy
}

// secrecy says why a figure of the council's version is hidden.
type secrecy uint8

const (
	notSecret  secrecy = iota // shown, or not a figure («—»)
	byRule                    // by a rule: a small count, the work of few operators
	complement                // to keep a sensitive figure from being worked out
	withheld                  // by the publication rules (a median of few): out of the audit
	smallLine                 // by a rule, in a line whose total is small (zeros too)
)

// hidden is a figure the council does not see: mark is what it reads, v
// the true figure the audit works with.
func hidden(mark string, v float64, why secrecy) value {
	return value{Missing: true, Text: mark, Held: v, Secret: why}
}

// as names the figure of v (value.Cell).
func (v value) as(id string) value { v.Cell = id; return v }

func num(v float64) value {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return value{Missing: true, Text: "—"}
	}
	return value{Num: v}
}
func count(v int) value         { return value{Num: float64(v)} }
func text(s string) value       { return value{Text: s} }
func date(t time.Time) value    { return value{Time: t} }
func missing(s string) value    { return value{Missing: true, Text: s} }
func statusCell(s status) value { return value{Status: s, Text: s.Label()} }

// optional turns a nullable figure into a value.
func optional(v *float64, ifMissing string) value {
	if v == nil {
		return missing(ifMissing)
	}
	return num(*v)
}

// status is the traffic light of a figure, always shown with its word.
type status string

const (
	statusOK        = status(model.StatusOK)
	statusAttention = status(model.StatusWarning)
	statusCritical  = status(model.StatusCritical)
	// statusNA stands where a measure does not apply: a role that holds
	// no cartelle has no caseload to judge.
	statusNA = status(model.StatusNotApplicable)
)

// Label is the word printed next to, or instead of, the colour: the
// model's one list of status names.
func (s status) Label() string { return model.Status(s).Label() }

// symbol is a shape that tells the statuses apart in black and white.
func (s status) symbol() string {
	switch s {
	case statusOK:
		return "✓"
	case statusAttention:
		return "▲"
	case statusCritical:
		return "✖"
	case statusNA:
		return "–"
	}
	return ""
}

// chart draws some columns of its section's table.
type chart struct {
	Kind     chartKind
	Title    string
	Category int   // column holding the categories
	Series   []int // columns holding the values
	Stacked  bool
	Unit     string // axis title
	Percent  bool
	// Rows limits the chart to the table's first rows (0: all), so that
	// rows with nothing to draw stay in the table but out of the chart.
	Rows int
	// Lines are further columns drawn as lines over a column chart: a
	// stock (open at month end) over its flows.
	Lines []int
	// Bands are the (low, high) columns of prediction intervals, widest
	// last: a fan in the dashboard, plain lines in the workbook.
	Bands [][2]int
	// Graph is the network a chartGraph draws; its table lists the nodes.
	Graph *graph
	// Refs are reference values drawn across the value axis: the
	// thresholds the bars are judged against.
	Refs []refLine
	// Sort draws the rows largest first by the first series, missing
	// values last, whatever the table's order: a second chart of the
	// same table is sorted by its own figure.
	Sort bool
}

// order is the order in which c draws the rows it draws.
func (c chart) order(t table) []int {
	rows := c.rows(t)
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	if c.Sort && len(c.Series) > 0 {
		col := c.Series[0]
		slices.SortStableFunc(idx, func(a, b int) int { return largestFirst(rows[a][col], rows[b][col], false) })
	}
	return idx
}

// refLine is a threshold drawn as a line, with the words that name it.
type refLine struct {
	Value float64
	Label string
}

// category is the name of row r on the chart's category axis: a row
// whose every series is missing says why («nessun AS») instead of
// looking like the shortest bar.
func (c chart) category(cols []column, r []value) string {
	name := cols[c.Category].Kind.format(r[c.Category])
	for _, col := range c.Series {
		if !r[col].Missing {
			return name
		}
	}
	if len(c.Series) > 0 && r[c.Series[0]].Text != "" && r[c.Series[0]].Text != "—" {
		return name + " (" + r[c.Series[0]].Text + ")"
	}
	return name
}

// sortRows orders rows by column col, largest first, so that a bar chart
// drawn from them reads from the worst to the best. Rows whose value is
// missing go first when missingFirst (a comune without social workers is
// the worst served), last otherwise.
func sortRows(rows [][]value, col int, missingFirst bool) {
	slices.SortStableFunc(rows, func(a, b []value) int { return largestFirst(a[col], b[col], missingFirst) })
}

// largestFirst orders values largest first, missing ones first or last.
func largestFirst(x, y value, missingFirst bool) int {
	if x.Missing || y.Missing {
		return cmpBool(x.Missing != missingFirst, y.Missing != missingFirst)
	}
	return cmp.Compare(y.Num, x.Num)
}

// graph is a network of units coloured by the group they belong to.
type graph struct {
	Nodes  []graphNode
	Edges  [][2]string
	Groups []string // group names in legend order
}

type graphNode struct {
	Name  string
	Group string
	Value float64 // drawn as the node's size
}

// rows is the part of t that c draws.
func (c chart) rows(t table) [][]value {
	if c.Rows > 0 && c.Rows < len(t.Rows) {
		return t.Rows[:c.Rows]
	}
	return t.Rows
}

type chartKind uint8

const (
	chartColumn chartKind = iota
	chartBar              // horizontal bars, for long category names
	chartLine
	chartPie
	chartFan   // line with prediction bands
	chartGraph // nodes and edges; dashboard only, the workbook keeps the table
)

// format renders a value as a reader sees it in the dashboard.
func (k valueKind) format(v value) string {
	if v.Missing || k == kindText || k == kindStatus {
		return v.Text
	}
	switch k {
	case kindCount:
		return italian.Number(v.Num, 0)
	case kindDecimal, kindHours:
		return italian.Number(v.Num, 1)
	case kindPercent:
		return italian.Number(v.Num*100, 1) + " %"
	case kindRatio:
		return italian.Number(v.Num, 2)
	case kindFTE:
		return model.FormatFTE(v.Num)
	case kindEuro:
		return "€ " + italian.Number(v.Num, 0)
	case kindDate:
		if v.Time.IsZero() {
			return "—"
		}
		return v.Time.Format("02/01/2006")
	}
	return v.Text
}

// numeric reports whether values of the kind are numbers.
func (k valueKind) numeric() bool {
	return k != kindText && k != kindStatus && k != kindDate
}
