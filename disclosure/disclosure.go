// Package disclosure protects a set of published tables against a reader
// who combines them: the statistical disclosure control of the council's
// («politico») version of the reports.
//
// A Set holds every figure of the output (Cell) and the linear relations
// a reader knows among them (Relation): totals over comuni, areas or
// months, the stock-flow identity (open at the start + opened − closed =
// open at the end), the same figure printed in two sheets. Protect applies
// the sensitivity rules (primary suppression), then audits the set as an
// attacker would: for every hidden sensitive cell it computes, by linear
// programming, the smallest and largest value consistent with everything
// published; while some interval is narrower than the cell's protection
// interval it hides the cheapest further cell (secondary suppression) and
// audits again. When nothing is left to hide it fails: nothing may be
// written (fail safe).
//
// The rules are those of τ-ARGUS and of the Eurostat handbook on
// statistical disclosure control (Hundepool et al., Statistical Disclosure
// Control, Wiley 2012, ch. 4 and 5): the threshold rule on frequency
// counts, the (n, k)-dominance rules on magnitudes, and the audit of the
// intervals a reader can still deduce for each suppressed cell.
package disclosure

import (
	"fmt"
	"math"

	"github.com/carico/carico/internal/italian"
)

// Status says how a cell is published.
type Status uint8

const (
	Published Status = iota
	Primary          // sensitive by a rule: hidden
	Secondary        // hidden so that no sensitive cell can be worked out (zeros too)
)

// Kind tells counts of people or cases from magnitudes (hours).
type Kind uint8

const (
	Count     Kind = iota // a frequency: cases, people, events
	Magnitude             // a sum of contributions: hours, weighted load
)

// Cell is one published figure.
type Cell struct {
	ID     string
	Value  float64
	Kind   Kind
	Status Status
	// Contrib are the parts of a magnitude, one per contributor (an
	// operator's hours); the dominance rules read them. Nil for counts.
	Contrib []float64
	// Scale is the size of a typical contribution (the mean hours of one
	// operator), which sets the protection of a magnitude that is 0 or
	// tiny: a reader must not learn that one person recorded nothing.
	Scale float64
	// Cost is the information lost by hiding the cell, which secondary
	// suppression keeps low; 0 means its value, as τ-ARGUS does by default.
	// A headline figure costs more than a cell of an annex.
	Cost float64
	// Fixed cells are never hidden: a total the method publishes anyway
	// (the residents of the Ambito). The audit still uses them.
	Fixed bool
}

// Term is one cell of a relation with its coefficient.
type Term struct {
	ID   string
	Coef float64
}

// Relation is a linear identity Σ Coef·cell = Const that a reader knows.
type Relation struct {
	Terms []Term
	Const float64
	Why   string // what it is, for the error messages: «totale di Flussi»
}

// Rules are the sensitivity rules and protection levels of a Set.
type Rules struct {
	// Threshold: a count from 1 to Threshold−1 is sensitive;
	// a magnitude with fewer than Threshold contributors is sensitive.
	Threshold int
	// Dominance rules (n, k): a magnitude is sensitive when its n largest
	// contributions exceed k of it.
	Dominance []NK
	// Margin is the half-width, as a share of the cell (or of its Scale
	// when larger), that a reader's interval for a sensitive magnitude
	// must at least span on each side.
	Margin float64
}

// NK is an (n, k)-dominance rule: the n largest contributions above
// share K of the cell make it sensitive.
type NK struct {
	N int
	K float64
}

// DefaultRules are the rules the reports state in their method sheet:
// threshold 3, dominance (1, 75 %) and (2, 85 %), margin 25 %.
var DefaultRules = Rules{Threshold: 3, Dominance: []NK{{1, 0.75}, {2, 0.85}}, Margin: 0.25}

// Set is a set of published tables: cells and relations.
type Set struct {
	Rules     Rules
	Cells     []Cell
	Relations []Relation
	index     map[string]int
}

// New returns an empty set with the given rules.
func New(r Rules) *Set { return &Set{Rules: r, index: map[string]int{}} }

// Add records a cell; a second Add of the same ID must carry the same value
// (the same figure printed twice) and returns false otherwise.
func (s *Set) Add(c Cell) bool {
	if i, ok := s.index[c.ID]; ok {
		if math.Abs(s.Cells[i].Value-c.Value) >= 1e-6 {
			return false
		}
		s.Cells[i].Cost = max(s.Cells[i].Cost, c.Cost) // printed in several places: the dearest counts
		return true
	}
	s.index[c.ID] = len(s.Cells)
	s.Cells = append(s.Cells, c)
	return true
}

// Cell returns the cell with the given ID.
func (s *Set) Cell(id string) (*Cell, bool) {
	i, ok := s.index[id]
	if !ok {
		return nil, false
	}
	return &s.Cells[i], true
}

// Relate records a relation. It is kept only when every cell is known and
// the true values satisfy it: a reader gains nothing from an identity that
// does not hold. It reports whether the relation was kept.
func (s *Set) Relate(r Relation) bool {
	sum := 0.0
	for _, t := range r.Terms {
		i, ok := s.index[t.ID]
		if !ok {
			return false
		}
		sum += t.Coef * s.Cells[i].Value
	}
	if math.Abs(sum-r.Const) > 1e-6*max(1, math.Abs(r.Const)) {
		return false
	}
	s.Relations = append(s.Relations, r)
	return true
}

// Sum records total = Σ parts.
func (s *Set) Sum(why, total string, parts ...string) bool {
	r := Relation{Why: why, Terms: []Term{{total, -1}}}
	for _, p := range parts {
		r.Terms = append(r.Terms, Term{p, 1})
	}
	return s.Relate(r)
}

// StockFlow records start + in − out = end.
func (s *Set) StockFlow(why, start, in, out, end string) bool {
	return s.Relate(Relation{Why: why, Terms: []Term{{start, 1}, {in, 1}, {out, -1}, {end, -1}}})
}

// Hidden counts the cells not published, and those among them that are
// sensitive.
func (s *Set) Hidden() (hidden, primary int) {
	for _, c := range s.Cells {
		if c.Status != Published {
			hidden++
		}
		if c.Status == Primary {
			primary++
		}
	}
	return hidden, primary
}

// Error is a failed protection: a sensitive cell stays recoverable with
// nothing left to hide. Its message is Italian, for the user.
type Error struct {
	ID     string
	Lo, Hi float64
	Need   [2]float64
}

func (e *Error) Error() string {
	return fmt.Sprintf("protezione dei dati non riuscita: il valore riservato «%s» si ricaverebbe tra %s e %s dagli altri dati pubblicati, e non restano dati da nascondere; il rapporto non è stato scritto",
		e.ID, num(e.Lo), num(e.Hi))
}

func num(v float64) string {
	if math.IsInf(v, 1) {
		return "infinito"
	}
	return italian.Number(v, 1)
}
