package analytics

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico/internal/storetest"
	"github.com/carico/carico/model"
	"github.com/carico/carico/store"
)

// The fixtures below analyse calendar year 2025 with reference date
// 31/12/2025 unless a test says otherwise. 2025 is not a leap year, so
// 31/12/2025 − 365 days = 31/12/2024.
var (
	from2025 = date("2025-01-01")
	to2025   = date("2025-12-31")
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// reference is the staff and comuni every fixture starts from. Seriate's
// patron day is synthetic (31 August); Albano has none recorded.
const reference = `
INSERT INTO comune VALUES
	('016198', 'Seriate', 'BG', 'Ambito di Seriate', 8, 31),
	('016003', 'Albano Sant''Alessandro', 'BG', 'Ambito di Seriate', NULL, NULL);
INSERT INTO operator VALUES
	('op1', 'Rossi Maria', 'assistente_sociale', 36, 'indeterminato', '2020-01-01', NULL),
	('op2', 'Bianchi Luca', 'assistente_sociale', 18, 'indeterminato', '2020-01-01', NULL),
	('gone', 'Verdi Anna', 'assistente_sociale', 36, 'determinato', '2020-01-01', '2025-06-30'),
	('endsAt', 'Neri Carla', 'educatore', 36, 'determinato', '2020-01-01', '2025-12-31');
`

// kase is a cartella of a fixture; empty strings are NULL.
type kase struct {
	id, person, area, initiative, opened, closed, reason, application, decision, operator, batch string
}

func (c kase) sql() string {
	person := c.person
	if person == "" {
		person = "P-" + c.id
	}
	return fmt.Sprintf("INSERT INTO cases (id, person, istat, area, initiative, opened, closed, close_reason, application, decision, operator_id, batch_id) VALUES (%s, %s, '016198', %s, %s, %s, %s, %s, %s, %s, %s, %s);",
		lit(c.id), lit(person), lit(c.area), lit(c.initiative), lit(c.opened), lit(c.closed), lit(c.reason),
		lit(c.application), lit(c.decision), lit(c.operator), num(c.batch))
}

// act is a diario entry of a fixture; empty strings are NULL.
type act struct {
	id, day, caseID, kind, istat, batch string
	minutes                             int
}

func (a act) sql() string {
	kind := a.kind
	if kind == "" {
		kind = "case"
	}
	istat := a.istat
	if istat == "" {
		istat = "016198"
	} else if istat == "-" {
		istat = ""
	}
	return fmt.Sprintf("INSERT INTO activity (id, day, operator_id, case_id, kind, minutes, istat, batch_id) VALUES (%s, %s, 'op1', %s, %s, %d, %s, %s);",
		lit(a.id), lit(a.day), lit(a.caseID), lit(kind), a.minutes, lit(istat), num(a.batch))
}

// assign is a row of the assignment history.
func assign(caseID, operator, from, to string) string {
	return fmt.Sprintf("INSERT INTO assignment VALUES (%s, %s, %s, %s);", lit(caseID), lit(operator), lit(from), lit(to))
}

func lit(s string) string {
	if s == "" {
		return "NULL"
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func num(s string) string {
	if s == "" {
		return "NULL"
	}
	return s
}

// newDB opens an in-memory store holding the reference data and stmts.
func newDB(t testing.TB, stmts ...string) *store.DB {
	t.Helper()
	return storetest.Open(t, append([]string{reference}, stmts...)...)
}

// analyze2025 runs the workload model and Analyze on 2025 at
// 31/12/2025.
func analyze2025(t testing.TB, db *store.DB, cfg *Config) *Analysis {
	t.Helper()
	a, err := Analyze(context.Background(), db, withWorkload(t, db, Params{At: to2025, From: from2025, To: to2025, Config: cfg}))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// withWorkload is p with the model's result for its period, as the
// pipeline passes it (evidence.Workload).
func withWorkload(t testing.TB, db *store.DB, p Params) Params {
	t.Helper()
	cfg := p.Config
	if cfg == nil {
		cfg = DefaultConfig()
	}
	w, err := model.Compute(context.Background(), db, model.Params{At: p.At, From: p.From, To: p.To, Config: cfg.Model})
	if err != nil {
		t.Fatal(err)
	}
	p.Workload = w
	return p
}

func rule(t testing.TB, a *Analysis, id string) Rule {
	t.Helper()
	for _, r := range a.Audit {
		if r.Rule == id {
			return r
		}
	}
	t.Fatalf("no rule %q", id)
	return Rule{}
}

func ptr(v float64) *float64 { return &v }

func fmtPtr(p *float64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprintf("%.6g", *p)
}

func near(p *float64, want float64) bool {
	if p == nil {
		return false
	}
	d := *p - want
	return d < 1e-6 && d > -1e-6
}
