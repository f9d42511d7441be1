package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/carico/carico/model"
)

// Severity ranks how much an audit finding undermines the figures.
type Severity string

// The severities of the audit rules.
const (
	High   Severity = "alta"  // figures built on these records are wrong
	Medium Severity = "media" // figures are distorted; the cartella needs attention
	Low    Severity = "bassa" // worth a look; often legitimate
)

// Rule is one check of the cartella audit. Share is Count ÷ Denominator;
// Base says, in Italian, what the denominator counts. Findings lists the
// offending records (at most audit.max_findings) for the responsabile
// only; the politico audience gets counts and shares.
type Rule struct {
	Rule              string    `json:"rule"`
	Count             int       `json:"count"`
	Denominator       int       `json:"denominator"`
	Share             *float64  `json:"share"`
	Base              string    `json:"base"`
	Severity          Severity  `json:"severity"`
	Description       string    `json:"description"`
	Findings          []Finding `json:"findings,omitempty"`
	FindingsTruncated bool      `json:"findings_truncated,omitempty"`
}

// Finding is one offending record. Detail explains it in Italian.
type Finding struct {
	CaseID     string `json:"case_id,omitempty"`
	ActivityID string `json:"activity_id,omitempty"`
	OperatorID string `json:"operator_id,omitempty"`
	Month      string `json:"month,omitempty"`
	Date       string `json:"date,omitempty"`
	Detail     string `json:"detail"`
}

// sqlRule is a rule checked by SQL. Offending selects (case_id,
// activity_id, operator_id, day, detail), one row per offending record;
// denominator selects one count.
type sqlRule struct {
	id          string
	severity    Severity
	description string
	base        string
	offending   string
	denominator string
}

// activeCases are the cartelle open during the period (store/rules.sql,
// carico_open_during).
const activeCases = `(SELECT * FROM cases
	WHERE carico_open_during(opened, closed, CAST($from AS DATE), CAST($to AS DATE)))`

// closedOnRequest are the cartelle closed in the period whose procedure
// started on an istanza or on another body's request.
const closedOnRequest = `(SELECT * FROM cases
	WHERE closed BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) AND initiative IN ('istanza', 'altro_ente'))`

// periodActivities are the diario entries dated in the period.
const periodActivities = `(SELECT * FROM activity WHERE day BETWEEN CAST($from AS DATE) AND CAST($to AS DATE))`

const (
	openBase     = "cartelle aperte alla data di riferimento"
	activeBase   = "cartelle aperte in qualche giorno del periodo"
	caseActBase  = "attività sul caso nel periodo"
	itDate       = `'%d/%m/%Y'`
	openCount    = `SELECT count(*) FROM an_open`
	activeCount  = `SELECT count(*) FROM ` + activeCases
	caseActCount = `SELECT count(*) FROM ` + periodActivities + ` WHERE case_id IS NOT NULL`
)

// sqlRules are the audit rules that SQL checks, in report order. Each
// description is one line in Italian for the reader of the report.
func sqlRules(cfg *Config) []sqlRule {
	return []sqlRule{{
		id:       "dormant",
		severity: Medium,
		description: fmt.Sprintf("Cartelle aperte senza annotazioni nel diario da almeno %d giorni alla data di riferimento: "+
			"secondo il laboratorio sulla cartella sociale andrebbero chiuse (nessun accesso né intervento per un anno).", cfg.Model.Caseload.DormantDays),
		base: openBase,
		offending: `SELECT id, NULL, operator_id, coalesce(last_day, opened),
			CASE WHEN last_day IS NULL THEN 'nessuna annotazione dall''apertura del ' || strftime(opened, ` + itDate + `)
			     ELSE 'ultima annotazione del ' || strftime(last_day, ` + itDate + `) END
			|| ' (' || silent_days || ' giorni)'
			FROM carico_dormant(CAST($at AS DATE), CAST($dormant AS INTEGER))`,
		denominator: openCount,
	}, {
		id:          "no_operator",
		severity:    High,
		description: "Cartelle aperte senza un operatore assegnato alla data di riferimento.",
		base:        openBase,
		offending:   `SELECT id, NULL, NULL, opened, 'nessun operatore assegnato' FROM an_open WHERE operator_id IS NULL`,
		denominator: openCount,
	}, {
		id:          "operator_gone",
		severity:    High,
		description: "Cartelle aperte assegnate a un operatore non più in servizio (o assente dall'anagrafica del personale).",
		base:        openBase,
		offending: `SELECT o.id, NULL, o.operator_id, op.end_date,
			CASE WHEN op.id IS NULL THEN 'operatore non presente nell''anagrafica del personale'
			     ELSE 'operatore cessato il ' || strftime(op.end_date, ` + itDate + `) END
			FROM an_open o LEFT JOIN operator op ON op.id = o.operator_id
			WHERE o.operator_id IS NOT NULL AND (op.id IS NULL OR NOT carico_in_service(op.start_date, op.end_date, CAST($at AS DATE)))`,
		denominator: openCount,
	}, {
		id:          "missing_area",
		severity:    Medium,
		description: "Cartelle senza area di utenza: restano fuori dai conteggi per area e dai pesi del carico.",
		base:        activeBase,
		offending:   `SELECT id, NULL, operator_id, opened, 'area di utenza mancante' FROM ` + activeCases + ` c WHERE area IS NULL`,
		denominator: activeCount,
	}, {
		id:          "missing_initiative",
		severity:    Low,
		description: "Cartelle senza l'iniziativa del procedimento (istanza, d'ufficio, richiesta di altro ente).",
		base:        activeBase,
		offending:   `SELECT id, NULL, operator_id, opened, 'iniziativa mancante' FROM ` + activeCases + ` c WHERE initiative IS NULL`,
		denominator: activeCount,
	}, {
		id:          "missing_application",
		severity:    Medium,
		description: "Cartelle avviate su istanza senza la data dell'istanza: i tempi del procedimento non si possono misurare.",
		base:        "cartelle avviate su istanza aperte in qualche giorno del periodo",
		offending: `SELECT id, NULL, operator_id, opened, 'istanza senza data' FROM ` + activeCases + ` c
			WHERE initiative = 'istanza' AND application IS NULL`,
		denominator: `SELECT count(*) FROM ` + activeCases + ` c WHERE initiative = 'istanza'`,
	}, {
		id:          "decision_over_term",
		severity:    Medium,
		description: "Decisioni del periodo arrivate oltre il termine del procedimento (L. 241/1990, art. 2).",
		base:        "decisioni del periodo",
		offending: `SELECT id, NULL, operator_id, decision,
			'decisione dopo ' || days || ' giorni, termine ' || term || ' giorni'
			FROM an_procedure WHERE decided_in_period AND days > term`,
		denominator: `SELECT count(*) FROM an_procedure WHERE decided_in_period AND days >= 0`,
	}, {
		id:          "pending_over_term",
		severity:    High,
		description: "Procedimenti ancora senza decisione alla data di riferimento e già oltre il termine (L. 241/1990, art. 2).",
		base:        "procedimenti in corso alla data di riferimento",
		offending: `SELECT id, NULL, operator_id, application,
			'istanza del ' || strftime(application, ` + itDate + `) || ', in attesa da ' || days_pending || ' giorni, termine ' || term || ' giorni'
			FROM an_procedure WHERE pending AND days_pending > term`,
		denominator: `SELECT count(*) FROM an_procedure WHERE pending`,
	}, {
		// L. 241/1990, art. 2 c. 1: a procedure started on an istanza (or
		// on another body's request) must end with an express provision.
		id:       "closed_without_decision",
		severity: High,
		description: "Cartelle chiuse nel periodo, avviate su istanza o su richiesta di altro ente, senza una decisione registrata " +
			"entro il giorno della chiusura: ogni procedimento avviato su istanza deve concludersi con un provvedimento espresso (L. 241/1990, art. 2 c. 1).",
		base: "cartelle avviate su istanza o su richiesta di altro ente chiuse nel periodo",
		offending: `SELECT id, NULL, operator_id, closed,
			'chiusa il ' || strftime(closed, ` + itDate + `) || CASE WHEN decision IS NULL THEN ' senza decisione'
			     ELSE ', decisione registrata dopo, il ' || strftime(decision, ` + itDate + `) END
			FROM ` + closedOnRequest + ` c WHERE decision IS NULL OR decision > closed`,
		denominator: `SELECT count(*) FROM ` + closedOnRequest,
	}, {
		id:          "activity_before_open",
		severity:    Medium,
		description: "Attività sul caso datate prima dell'apertura della cartella.",
		base:        caseActBase,
		offending: `SELECT case_id, id, operator_id, day, 'cartella aperta il ' || strftime(opened, ` + itDate + `)
			FROM an_case_activity WHERE day < opened`,
		denominator: caseActCount,
	}, {
		id:          "activity_after_close",
		severity:    Medium,
		description: "Attività sul caso datate dopo la chiusura della cartella.",
		base:        caseActBase,
		offending: `SELECT case_id, id, operator_id, day, 'cartella chiusa il ' || strftime(closed, ` + itDate + `)
			FROM an_case_activity WHERE day > closed`,
		denominator: caseActCount,
	}, {
		id:          "unknown_case",
		severity:    Medium,
		description: "Attività riferite a una cartella che non compare nell'elenco delle cartelle importato.",
		base:        caseActBase,
		offending: `SELECT case_id, id, operator_id, day, 'cartella non presente nell''elenco'
			FROM an_case_activity WHERE unknown`,
		denominator: caseActCount,
	}, {
		id:       "future_date",
		severity: High,
		description: "Date future: attività o cartelle con una data successiva al giorno della loro importazione " +
			"(alla data di riferimento per i dati senza importazione registrata).",
		base: "attività e cartelle in archivio",
		offending: `SELECT NULL, a.id, a.operator_id, a.day, 'attività datata ' || strftime(a.day, ` + itDate + `)
			FROM activity a LEFT JOIN import_batch b ON b.id = a.batch_id
			WHERE a.day > coalesce(CAST(b.started_at AS DATE), CAST($at AS DATE))
			UNION ALL
			SELECT c.id, NULL, c.operator_id, greatest(c.opened, c.closed, c.application, c.decision),
			       'cartella con data ' || strftime(greatest(c.opened, c.closed, c.application, c.decision), ` + itDate + `)
			FROM cases c LEFT JOIN import_batch b ON b.id = c.batch_id
			WHERE greatest(c.opened, c.closed, c.application, c.decision) > coalesce(CAST(b.started_at AS DATE), CAST($at AS DATE))`,
		denominator: `SELECT (SELECT count(*) FROM activity) + (SELECT count(*) FROM cases)`,
	}, {
		id:       "holiday_activity",
		severity: Low,
		description: "Attività registrate in un giorno festivo nazionale o nella festa del santo patrono del comune: " +
			"possibili errori di data, o interventi urgenti da riconoscere.",
		base: "attività nel periodo",
		offending: `SELECT a.case_id, a.id, a.operator_id, a.day,
			coalesce(h.name, 'Santo patrono di ' || cm.name) || ' (' || strftime(a.day, ` + itDate + `) || ')'
			FROM ` + periodActivities + ` a
			LEFT JOIN an_holiday h ON h.day = a.day
			LEFT JOIN comune cm ON cm.istat = a.istat
			WHERE h.day IS NOT NULL OR (month(a.day) = cm.patron_month AND day(a.day) = cm.patron_day)`,
		denominator: `SELECT count(*) FROM ` + periodActivities,
	}, {
		id:          "duplicate_open",
		severity:    Medium,
		description: "Stessa persona con più cartelle aperte nella stessa area di utenza alla data di riferimento.",
		base:        openBase,
		offending: `SELECT id, NULL, operator_id, opened, n || ' cartelle aperte della stessa persona nell''area'
			FROM (SELECT *, count(*) OVER (PARTITION BY person, area) AS n FROM an_open WHERE area IS NOT NULL)
			WHERE n > 1`,
		denominator: openCount,
	}}
}

func audit(ctx context.Context, q *querier, a *Analysis) error {
	if err := holidayTable(ctx, q); err != nil {
		return err
	}
	// One pass over the period's diario finds every case activity dated
	// outside its cartella or pointing at no cartella; three rules read it.
	if err := q.createTemp(ctx, "an_case_activity", `
		SELECT a.id, a.case_id, a.operator_id, a.day, c.opened, c.closed, c.id IS NULL AS unknown
		FROM `+periodActivities+` a LEFT JOIN cases c ON c.id = a.case_id
		WHERE a.case_id IS NOT NULL AND (c.id IS NULL OR a.day < c.opened OR a.day > c.closed)`); err != nil {
		return err
	}
	cfg := q.p.Config
	for _, r := range sqlRules(cfg) {
		rule, err := runRule(ctx, q, r)
		if err != nil {
			return fmt.Errorf("rule %s: %w", r.id, err)
		}
		a.Audit = append(a.Audit, rule)
	}
	a.Audit = append(a.Audit, lowCoverage(q.workload, cfg))
	return nil
}

func runRule(ctx context.Context, q *querier, r sqlRule) (Rule, error) {
	rule := Rule{Rule: r.id, Severity: r.severity, Description: r.description, Base: r.base}
	if err := q.scalar(ctx, &rule.Denominator, r.denominator); err != nil {
		return rule, err
	}
	// One pass finds the offending records, counts them and keeps the
	// first ones: ORDER BY with LIMIT runs as a top-N, so the offending
	// rows are never sorted in full. With none (or no findings asked for)
	// the query still returns one row, for the count.
	limit := q.p.Config.Audit.MaxFindings
	rows, err := q.query(ctx, `WITH offending AS MATERIALIZED (`+r.offending+`),
		top AS (SELECT * FROM offending t(case_id, activity_id, operator_id, day, detail)
			ORDER BY day NULLS FIRST, case_id, activity_id LIMIT CAST($limit AS BIGINT))
		SELECT (SELECT count(*) FROM offending), top.case_id, top.activity_id, top.operator_id,
			strftime(top.day, '%Y-%m-%d'), top.detail
		FROM (SELECT 1) one LEFT JOIN top ON true
		ORDER BY top.day NULLS FIRST, top.case_id, top.activity_id`,
		sql.Named("dormant", q.p.Config.Model.Caseload.DormantDays), sql.Named("limit", limit))
	if err != nil {
		return rule, err
	}
	defer rows.Close()
	for rows.Next() {
		var f nullableFinding
		if err := rows.Scan(&rule.Count, &f.caseID, &f.activityID, &f.operatorID, &f.date, &f.detail); err != nil {
			return rule, err
		}
		if rule.Count > 0 && limit > 0 {
			rule.Findings = append(rule.Findings, f.finding())
		}
	}
	rule.Share = ratio(rule.Count, rule.Denominator)
	rule.FindingsTruncated = rule.Count > len(rule.Findings)
	return rule, rows.Err()
}

// holidayTable makes an_holiday: the national holidays (and the extra ones
// the model's calendar adds) of every year the period touches. Patron
// saints' days are per comune and joined from the comune table.
func holidayTable(ctx context.Context, q *querier) error {
	var values []string
	for y := q.p.From.Year(); y <= q.p.To.Year(); y++ {
		hs := model.HolidaysOf(y, 0, 0, q.p.Config.Model.AWT)
		days := make([]time.Time, 0, len(hs))
		for d := range hs {
			days = append(days, d)
		}
		sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
		for _, d := range days {
			values = append(values, fmt.Sprintf("(DATE '%s', '%s')", day(d), strings.ReplaceAll(hs[d], "'", "''")))
		}
	}
	body := `SELECT CAST(NULL AS DATE) AS day, CAST(NULL AS VARCHAR) AS name WHERE false`
	if len(values) > 0 {
		body = `SELECT * FROM (VALUES ` + strings.Join(values, ", ") + `) t(day, name)`
	}
	return q.createTemp(ctx, "an_holiday", body)
}

// lowCoverage flags the operator-months, in service and of a role expected
// to keep the diario, whose documented hours fall below the model's
// coverage_low share of the hours the model finds available.
func lowCoverage(w *model.Metrics, cfg *Config) Rule {
	th := cfg.Model.Thresholds.CoverageLow
	r := Rule{
		Rule:     "low_coverage",
		Severity: Medium,
		Description: fmt.Sprintf("Mesi in cui le ore documentate nel diario da un operatore sono meno del %s delle ore disponibili: "+
			"il diario è incompleto e ogni dato costruito su di esso sottostima il carico.", percent(th)),
		Base: "mesi-operatore in servizio nel periodo (ruoli che tengono il diario)",
	}
	roles := map[string]bool{}
	for _, role := range cfg.Audit.CoverageRoles {
		roles[string(role)] = true
	}
	checked := map[string]bool{}
	for _, o := range w.Operators {
		checked[o.ID] = roles[string(o.Role)]
	}
	for _, s := range w.Monthly.Operators {
		if !checked[s.ID] {
			continue
		}
		for _, p := range s.Points {
			if p.AvailableHours <= 0 {
				continue // not in service that month
			}
			r.Denominator++
			if p.DocumentedHours >= th*p.AvailableHours {
				continue
			}
			r.Count++
			if len(r.Findings) < cfg.Audit.MaxFindings {
				r.Findings = append(r.Findings, Finding{OperatorID: s.ID, Month: p.Month,
					Detail: fmt.Sprintf("%s ore documentate su %s disponibili", hours(p.DocumentedHours), hours(p.AvailableHours))})
			}
		}
	}
	r.FindingsTruncated = r.Count > len(r.Findings)
	r.Share = ratio(r.Count, r.Denominator)
	return r
}

func percent(v float64) string { return strings.ReplaceAll(fmt.Sprintf("%g %%", v*100), ".", ",") }
func hours(v float64) string   { return strings.ReplaceAll(fmt.Sprintf("%.1f", v), ".", ",") }

// nullableFinding scans a finding whose columns may be NULL.
type nullableFinding struct {
	caseID, activityID, operatorID, date, detail sql.NullString
}

func (n nullableFinding) finding() Finding {
	return Finding{CaseID: n.caseID.String, ActivityID: n.activityID.String, OperatorID: n.operatorID.String,
		Date: n.date.String, Detail: n.detail.String}
}
