package facts

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/carico/carico/facts/internal/rows"
	"github.com/carico/carico/store"
)

// AnalyticsQuery says which facts an analysis reads: its period and
// reference date, the settings its SQL counts with (dormancy, the window
// of a reopening, the terms of the procedures, the holidays of the
// calendar, the findings kept per rule) and the audit rules to run.
type AnalyticsQuery struct {
	From, To, At    time.Time
	DormantDays     int
	ReopeningMonths int
	// Terms is the term in days of each initiative; DefaultTerm applies to
	// the others and to cartelle that do not say.
	Terms       map[string]int
	DefaultTerm int
	// ProcedureTerms is the term in days of each type of procedure (an
	// istanza's procedure, compared in lower case); it comes before the
	// initiative's.
	ProcedureTerms map[string]int
	Holidays       []Holiday
	// Rules are the audit rules to count, by id (AuditRules lists them).
	Rules       []string
	MaxFindings int
}

// Holiday is one day of the calendar the audit checks the diario against.
type Holiday struct {
	Day  time.Time
	Name string
}

// Analytics is what an analysis reads: aggregates, and the first
// offending records of each audit rule.
type Analytics struct {
	Flows          []FlowRow
	OpenStart      int
	ClosedByReason map[string]int
	ClosureTimes   []ClosureRow
	ClosureDays    []ClosureDays
	Opened         int // cartelle opened in the period
	Reopened       int // of which reopenings
	Access         []AccessRow
	Names          map[string]map[string]string // "comune" / "operator" → key → name
	Timeliness     []TimelinessRow
	Audit          []AuditCount // in the order of AnalyticsQuery.Rules
}

// FlowRow is one month of flows of one key: Dim is "" for the total,
// "area", "comune" or "operator" (the holder on the day of the event).
type FlowRow struct {
	Dim, Key, Month         string
	Opened, Closed, OpenEnd int
}

// ClosureRow is the time to closure of the cartelle closed in the period,
// overall (Overall) or of one area.
type ClosureRow struct {
	Overall bool
	Area    string
	Closed  int
	Mean    *float64
	// Quantiles are the 25th, 50th, 75th and 90th percentiles.
	Quantiles [4]*float64
}

// ClosureDays is the number of cartelle of one area closed in the period
// after Days days.
type ClosureDays struct {
	Area string
	Days int
	N    int
}

// AccessRow is the segretariato sociale of one comune in one month.
type AccessRow struct {
	Month, ISTAT, Comune string
	Activities           int
	Minutes              int64
}

// TimelinessRow is the procedures of one initiative (or all: Overall)
// against their term.
type TimelinessRow struct {
	Overall                                     bool
	Initiative                                  string
	Term                                        int
	Decisions, WithinTerm, OverTerm             int
	MedianDays, P90Days                         *float64
	Pending, PendingOverTerm, DecisionBeforeApp int
}

// AuditCount is one audit rule's result: the offending records, the base
// they are counted against, and the first of them.
type AuditCount struct {
	Rule               string
	Count, Denominator int
	Findings           []Finding
}

// Finding is one offending record; empty strings where the rule has no
// such column. Date is yyyy-mm-dd.
type Finding struct {
	CaseID, ActivityID, OperatorID, Date, Detail string
}

// auditRules maps each audit rule to its file of offending records and
// the file of its base.
var auditRules = map[string]struct{ offending, base string }{
	"dormant":                 {"audit_dormant", "audit_base_open"},
	"no_operator":             {"audit_no_operator", "audit_base_open"},
	"operator_gone":           {"audit_operator_gone", "audit_base_open"},
	"missing_area":            {"audit_missing_area", "audit_base_active"},
	"missing_initiative":      {"audit_missing_initiative", "audit_base_active"},
	"missing_application":     {"audit_missing_application", "audit_missing_application.base"},
	"decision_over_term":      {"audit_decision_over_term", "audit_decision_over_term.base"},
	"pending_over_term":       {"audit_pending_over_term", "audit_pending_over_term.base"},
	"closed_without_decision": {"audit_closed_without_decision", "audit_closed_without_decision.base"},
	"activity_before_open":    {"audit_activity_before_open", "audit_base_case_activity"},
	"activity_after_close":    {"audit_activity_after_close", "audit_base_case_activity"},
	"unknown_case":            {"audit_unknown_case", "audit_base_case_activity"},
	"future_date":             {"audit_future_date", "audit_future_date.base"},
	"holiday_activity":        {"audit_holiday_activity", "audit_holiday_activity.base"},
	"duplicate_open":          {"audit_duplicate_open", "audit_base_open"},
}

// LoadAnalytics reads the facts of q. It works on one connection, whose
// working tables (an_*) the facts share, and drops them when done.
func LoadAnalytics(ctx context.Context, db *store.DB, q AnalyticsQuery) (*Analytics, error) {
	kept := derivedKept(ctx, db)
	dormant, year := dormantText(kept, q.At)
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	c := &anConn{conn: conn, dormant: dormant, events: eventsText(kept), bases: map[string]int{}, args: []any{
		sql.Named("from", Day(q.From)), sql.Named("to", Day(q.To)), sql.Named("at", Day(q.At)),
		sql.Named("dormant", q.DormantDays), sql.Named("months", q.ReopeningMonths),
		sql.Named("default_term", q.DefaultTerm), sql.Named("limit", q.MaxFindings), sql.Named("year", year),
	}}
	defer c.exec(context.Background(), "an_drop")
	if err := c.exec(ctx, "an_prepare"); err != nil {
		return nil, err
	}
	for _, h := range q.Holidays {
		if err := c.exec(ctx, "an_holiday", sql.Named("day", Day(h.Day)), sql.Named("name", h.Name)); err != nil {
			return nil, err
		}
	}
	for initiative, term := range q.Terms {
		if err := c.exec(ctx, "an_term", sql.Named("initiative", initiative), sql.Named("term", term)); err != nil {
			return nil, err
		}
	}
	for procedure, term := range q.ProcedureTerms {
		if err := c.exec(ctx, "an_procedure_term", sql.Named("procedure", procedure), sql.Named("term", term)); err != nil {
			return nil, err
		}
	}
	if err := c.istanze(ctx); err != nil {
		return nil, err
	}
	if err := c.exec(ctx, "an_procedure"); err != nil {
		return nil, err
	}
	a := &Analytics{ClosedByReason: map[string]int{}, Names: map[string]map[string]string{"comune": {}, "operator": {}}}
	steps := []func(context.Context, *anConn, *Analytics) error{loadFlows, loadClosures, loadAccess, loadTimeliness}
	for _, s := range steps {
		if err := s(ctx, c, a); err != nil {
			return nil, err
		}
	}
	for _, id := range q.Rules {
		r, err := c.audit(ctx, id, q.MaxFindings)
		if err != nil {
			return nil, err
		}
		a.Audit = append(a.Audit, r)
	}
	return a, nil
}

func loadFlows(ctx context.Context, c *anConn, a *Analytics) error {
	var err error
	flows := strings.Replace(text("an_flows"), "/*events*/", c.events, 1)
	if a.Flows, err = rows.Collect(ctx, c.conn, "an_flows", flows, func(r *sql.Rows, f *FlowRow) error {
		return r.Scan(&f.Dim, &f.Key, &f.Month, &f.Opened, &f.Closed, &f.OpenEnd)
	}, c.args...); err != nil {
		return err
	}
	if err := c.row(ctx, "an_open_start", &a.OpenStart); err != nil {
		return err
	}
	if _, err := anQuery(ctx, c, "an_closed_by_reason", func(r *sql.Rows, _ *struct{}) error {
		var reason string
		var n int
		err := r.Scan(&reason, &n)
		a.ClosedByReason[reason] = n
		return err
	}); err != nil {
		return err
	}
	_, err = anQuery(ctx, c, "an_names", func(r *sql.Rows, _ *struct{}) error {
		var kind, key, name string
		err := r.Scan(&kind, &key, &name)
		a.Names[kind][key] = name
		return err
	})
	return err
}

func loadClosures(ctx context.Context, c *anConn, a *Analytics) error {
	var err error
	if a.ClosureTimes, err = anQuery(ctx, c, "an_closure_times", func(r *sql.Rows, x *ClosureRow) error {
		var overall int
		var mean sql.NullFloat64
		var qs any
		if err := r.Scan(&overall, &x.Area, &x.Closed, &mean, &qs); err != nil {
			return err
		}
		x.Overall = overall == 1
		if mean.Valid {
			x.Mean = &mean.Float64
		}
		if qv, ok := qs.([]any); ok && len(qv) == 4 {
			for i := range qv {
				x.Quantiles[i] = anyFloat(qv[i])
			}
		}
		return nil
	}); err != nil {
		return err
	}
	if a.ClosureDays, err = anQuery(ctx, c, "an_closure_days", func(r *sql.Rows, x *ClosureDays) error {
		return r.Scan(&x.Area, &x.Days, &x.N)
	}); err != nil {
		return err
	}
	return c.row(ctx, "an_reopenings", &a.Opened, &a.Reopened)
}

func loadAccess(ctx context.Context, c *anConn, a *Analytics) error {
	var err error
	a.Access, err = anQuery(ctx, c, "an_access", func(r *sql.Rows, v *AccessRow) error {
		return r.Scan(&v.Month, &v.ISTAT, &v.Comune, &v.Activities, &v.Minutes)
	})
	return err
}

func loadTimeliness(ctx context.Context, c *anConn, a *Analytics) error {
	var err error
	a.Timeliness, err = anQuery(ctx, c, "an_timeliness", func(r *sql.Rows, t *TimelinessRow) error {
		var overall int
		var median, p90 sql.NullFloat64
		if err := r.Scan(&overall, &t.Initiative, &t.Term, &t.Decisions, &t.WithinTerm, &t.OverTerm,
			&median, &p90, &t.Pending, &t.PendingOverTerm, &t.DecisionBeforeApp); err != nil {
			return err
		}
		t.Overall = overall == 1
		if median.Valid {
			t.MedianDays = &median.Float64
		}
		if p90.Valid {
			t.P90Days = &p90.Float64
		}
		return nil
	})
	return err
}

// audit counts one rule: its base, its offending records and the first
// limit of them.
func (c *anConn) audit(ctx context.Context, id string, limit int) (AuditCount, error) {
	r := AuditCount{Rule: id}
	files, ok := auditRules[id]
	if !ok {
		return r, fmt.Errorf("regola di verifica sconosciuta: %s", id)
	}
	if n, ok := c.bases[files.base]; ok {
		r.Denominator = n
	} else if err := c.row(ctx, files.base, &r.Denominator); err != nil {
		return r, err
	} else {
		c.bases[files.base] = r.Denominator
	}
	offending := strings.Replace(text(files.offending), "/*dormant*/", c.dormant, 1)
	stmt := strings.Replace(text("audit_findings"), "/*offending*/", offending, 1)
	rows, err := c.conn.QueryContext(ctx, stmt, c.args...)
	if err != nil {
		return r, fmt.Errorf("verifica %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var caseID, activityID, operatorID, date, detail sql.NullString
		if err := rows.Scan(&r.Count, &caseID, &activityID, &operatorID, &date, &detail); err != nil {
			return r, fmt.Errorf("verifica %s: %w", id, err)
		}
		if r.Count > 0 && limit > 0 {
			r.Findings = append(r.Findings, Finding{CaseID: caseID.String, ActivityID: activityID.String,
				OperatorID: operatorID.String, Date: date.String, Detail: detail.String})
		}
	}
	return r, rows.Err()
}

// anConn runs the facts of one analysis on one connection with the named
// parameters every file may use ($from, $to, $at, $dormant, $months,
// $default_term, $limit, and $year for the dormant cartelle); the driver
// ignores the ones a file does not use.
type anConn struct {
	conn *sql.Conn
	args []any
	// dormant is the SQL of the dormant cartelle (dormantText), for the
	// dormant audit; events that of the open events (eventsText), for the
	// flows.
	dormant, events string
	// bases are the audit bases counted so far, by file: several rules
	// share one.
	bases map[string]int
}

// exec runs each statement of the named file.
func (c *anConn) exec(ctx context.Context, name string, extra ...any) error {
	for _, stmt := range strings.Split(text(name), ";\n") {
		if strings.TrimSpace(stripComments(stmt)) == "" {
			continue
		}
		if _, err := c.conn.ExecContext(ctx, stmt, append(append([]any{}, c.args...), extra...)...); err != nil {
			return fmt.Errorf("lettura di %s: %w", name, err)
		}
	}
	return nil
}

// istanze makes an_istanza, the list LoadIstanze returns, for the
// analysis' procedures and audit to read.
func (c *anConn) istanze(ctx context.Context) error {
	if _, err := c.conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE an_istanza AS "+text("istanze")); err != nil {
		return fmt.Errorf("lettura di istanze: %w", err)
	}
	return nil
}

// row scans the one row of the named file into dest.
func (c *anConn) row(ctx context.Context, name string, dest ...any) error {
	if err := c.conn.QueryRowContext(ctx, text(name), c.args...).Scan(dest...); err != nil {
		return fmt.Errorf("lettura di %s: %w", name, err)
	}
	return nil
}

// anQuery runs the named file on c and scans each row with scan.
func anQuery[T any](ctx context.Context, c *anConn, name string, scan func(*sql.Rows, *T) error) ([]T, error) {
	return query(ctx, c.conn, name, scan, c.args...)
}

// stripComments drops the -- comment lines of stmt.
func stripComments(stmt string) string {
	var b strings.Builder
	for _, l := range strings.Split(stmt, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func anyFloat(v any) *float64 {
	switch x := v.(type) {
	case float64:
		return &x
	case int64:
		f := float64(x)
		return &f
	}
	return nil
}
