package reports

import (
	"time"

	"github.com/carico/carico/disclosure"
	"github.com/carico/carico/model"
)

// TimeProtection makes every report add the time of its disclosure
// protection (primary and secondary suppression with the audits) to *d,
// until restore is called.
func TimeProtection(d *time.Duration) (restore func()) {
	old := protectDoc
	protectDoc = func(doc *document, k int) (disclosure.Report, error) {
		start := time.Now()
		defer func() { *d += time.Since(start) }()
		return old(doc, k)
	}
	return func() { protectDoc = old }
}

// CouncilAudit builds the council's document of m and opt and returns the
// audit alone, to run again on it: every sensitive cell of the finished
// document minimised and maximised by linear programming, as the
// benchmark times it. It returns the number of cells audited.
func CouncilAudit(m *model.Metrics, opt Options) (func() (int, error), error) {
	opt.Audience = Politico
	if opt.SmallCell == 0 {
		opt.SmallCell = DefaultSmallCell
	}
	d, err := build(m, opt)
	if err != nil {
		return nil, err
	}
	return func() (int, error) {
		l := ledgerOf(d, opt.SmallCell)
		_, err := l.set.Protect()
		return len(l.set.Cells), err
	}, nil
}

// CouncilFindings builds the council's document of m and opt, as Write
// would write it to the workbook and the page, reads it again as an
// attacker would (every figure, every relation, the one mark of what is
// hidden) and returns the audit of each hidden sensitive cell, and the
// published figures the rules call sensitive (none, when all is well).
func CouncilFindings(m *model.Metrics, opt Options) (findings []disclosure.Finding, exposed []string, err error) {
	opt.Audience = Politico
	if opt.SmallCell == 0 {
		opt.SmallCell = DefaultSmallCell
	}
	d, err := build(m, opt)
	if err != nil {
		return nil, nil, err
	}
	l := ledgerOf(d, opt.SmallCell)
	for _, c := range l.set.Cells {
		if c.Status == disclosure.Published && !c.Fixed && l.set.Rules.Sensitive(c) {
			exposed = append(exposed, c.ID)
		}
	}
	findings, err = l.set.Audit()
	return findings, exposed, err
}
