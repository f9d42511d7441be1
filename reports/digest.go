package reports

import (
	"strings"

	"github.com/carico/carico/model"
)

// Digest is the part of a report a home page shows: the lead, the headline
// figures and a few sections' tables, as the report prints them — built by
// the same code, the council's version protected as a whole before any of
// it is taken. A home page computes and formats nothing of its own.
type Digest struct {
	Title, Subtitle, LeadTitle string
	Letter                     []string
	Figures                    []Figure
	Sections                   []DigestSection
	Notes                      []string
	// Capacity, Reductions and Protected are an operatore's capacity for
	// cartelle, the reductions behind it and her protected time, in the
	// words of her statement; empty for the other audiences.
	Capacity              string
	Reductions, Protected []string
}

// Figure is one headline figure: its label, its value as printed, its
// status («Adeguato», «Attenzione», «Critico»; "" when it has none) and the
// rule that judged it.
type Figure struct {
	Label, Text string
	Status      string // model.Status: ok, warning, critical, na; "" for none
	StatusLabel string
	Rule        string
}

// DigestSection is a section's main table as printed.
type DigestSection struct {
	ID, Title, Intro string
	Columns          []DigestColumn
	Rows             [][]Cell
}

// DigestColumn is a column's heading, whether its cells are numbers
// (right-aligned) and whether they are long text (a rule, a detail).
type DigestColumn struct {
	Name    string
	Numeric bool
	Long    bool
}

// Cell is a printed cell; Status is set in a status column.
type Cell struct {
	Text   string
	Status string
}

// Priorities is the ID of the section a Digest for an operatore adds when
// opt.Analysis is given: the records the cartella's audit found among her
// own, to complete or to close.
const Priorities = "priorita"

// Summarize builds the report of opt's audience over m and returns its
// lead, its headline figures and the sections named by ids, in that order
// (those the audience's report has). For an operatore, opt.Analysis adds
// the Priorities section.
func Summarize(m *model.Metrics, opt Options, ids ...string) (*Digest, error) {
	opt, err := prepare(m, opt)
	if err != nil {
		return nil, err
	}
	an := opt.Analysis
	if opt.Audience == Operatore {
		opt.Analysis = nil // the statement is built as carico writes it
	}
	doc, err := build(m, opt)
	if err != nil {
		return nil, err
	}
	if err := doc.scope(m, opt.Scope); err != nil {
		return nil, err
	}
	if opt.Audience == Operatore && an != nil {
		b := &builder{m: m, opt: opt, a: an}
		s := b.findingsSection(opt.OperatorID)
		s.ID, s.Title = Priorities, "Cartelle e attività da completare o chiudere"
		s.Intro = "I record che i controlli sulla cartella sociale hanno trovato tra le sue cartelle e attività: istanze in attesa oltre il termine, cartelle senza attività da chiudere o aggiornare, dati da completare."
		doc.Sections = append(doc.Sections, s)
	}
	d := &Digest{Title: doc.Title, Subtitle: doc.Subtitle, LeadTitle: doc.LeadTitle, Notes: doc.Notes}
	for _, l := range doc.Letter {
		// No chart under it here, and no tables after it.
		d.Letter = append(d.Letter, strings.NewReplacer(LeadChartClause, "", LeadChartClauseQuarters, "", LeadTablesSentence, "").Replace(l))
	}
	for i := range m.Operators {
		if o := &m.Operators[i]; opt.Audience == Operatore && o.ID == opt.OperatorID && o.Capacity != nil {
			d.Capacity = capacityText(o.Capacity)
			d.Reductions, d.Protected = reductionLines(o.Capacity), protectedLines(o.ProtectedTime)
		}
	}
	for _, h := range doc.Headline {
		f := Figure{Label: h.Label, Text: h.Kind.format(h.Value), Rule: h.Rule}
		if h.Status != "" {
			f.Status, f.StatusLabel = string(h.Status), h.Status.Label()
		}
		d.Figures = append(d.Figures, f)
	}
	for _, id := range ids {
		for _, s := range doc.Sections {
			if s.ID == id {
				d.Sections = append(d.Sections, digestOf(s))
			}
		}
	}
	return d, nil
}

func digestOf(s section) DigestSection {
	d := DigestSection{ID: s.ID, Title: s.Title, Intro: s.Intro}
	for _, c := range s.Table.Columns {
		d.Columns = append(d.Columns, DigestColumn{Name: c.Name, Numeric: c.Kind.numeric(), Long: c.Kind == kindText && c.Width >= 50})
	}
	for _, row := range s.Table.Rows {
		cells := make([]Cell, len(row))
		for j, v := range row {
			cells[j] = Cell{Text: s.Table.Columns[j].Kind.format(v), Status: string(v.Status)}
		}
		d.Rows = append(d.Rows, cells)
	}
	return d
}
