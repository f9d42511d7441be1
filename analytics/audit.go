package analytics

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/carico/carico/facts"
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

// sqlRule is a rule checked by SQL: its offending records and its base
// are facts of the same id (facts/audit_*.sql); here are its severity and
// the words that present it.
type sqlRule struct {
	id          string
	severity    Severity
	description string
	base        string
}

const (
	openBase    = "cartelle aperte alla data di riferimento"
	activeBase  = "cartelle aperte in qualche giorno del periodo"
	caseActBase = "attività sul caso nel periodo"
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
	}, {
		id:          "no_operator",
		severity:    High,
		description: "Cartelle aperte senza un operatore assegnato alla data di riferimento.",
		base:        openBase,
	}, {
		id:          "operator_gone",
		severity:    High,
		description: "Cartelle aperte assegnate a un operatore non più in servizio (o assente dall'anagrafica del personale).",
		base:        openBase,
	}, {
		id:          "missing_area",
		severity:    Medium,
		description: "Cartelle senza area di utenza: restano fuori dai conteggi per area e dai pesi del carico.",
		base:        activeBase,
	}, {
		id:          "missing_initiative",
		severity:    Low,
		description: "Cartelle senza l'iniziativa del procedimento (istanza, d'ufficio, richiesta di altro ente).",
		base:        activeBase,
	}, {
		id:          "missing_application",
		severity:    Medium,
		description: "Cartelle avviate su istanza senza la data dell'istanza: i tempi del procedimento non si possono misurare.",
		base:        "cartelle avviate su istanza aperte in qualche giorno del periodo",
	}, {
		id:          "decision_over_term",
		severity:    Medium,
		description: "Decisioni del periodo arrivate oltre il termine del procedimento (L. 241/1990, art. 2).",
		base:        "decisioni del periodo",
	}, {
		id:          "pending_over_term",
		severity:    High,
		description: "Procedimenti ancora senza decisione alla data di riferimento e già oltre il termine (L. 241/1990, art. 2).",
		base:        "procedimenti in corso alla data di riferimento",
	}, {
		// L. 241/1990, art. 2 c. 1: a procedure started on an istanza (or
		// on another body's request) must end with an express provision.
		id:       "closed_without_decision",
		severity: High,
		description: "Cartelle chiuse nel periodo, avviate su istanza o su richiesta di altro ente, senza una decisione registrata " +
			"entro il giorno della chiusura: ogni procedimento avviato su istanza deve concludersi con un provvedimento espresso (L. 241/1990, art. 2 c. 1).",
		base: "cartelle avviate su istanza o su richiesta di altro ente chiuse nel periodo",
	}, {
		id:          "activity_before_open",
		severity:    Medium,
		description: "Attività sul caso datate prima dell'apertura della cartella.",
		base:        caseActBase,
	}, {
		id:          "activity_after_close",
		severity:    Medium,
		description: "Attività sul caso datate dopo la chiusura della cartella.",
		base:        caseActBase,
	}, {
		id:          "unknown_case",
		severity:    Medium,
		description: "Attività riferite a una cartella che non compare nell'elenco delle cartelle importato.",
		base:        caseActBase,
	}, {
		id:       "future_date",
		severity: High,
		description: "Date future: attività o cartelle con una data successiva al giorno della loro importazione " +
			"(alla data di riferimento per i dati senza importazione registrata).",
		base: "attività e cartelle in archivio",
	}, {
		id:       "holiday_activity",
		severity: Low,
		description: "Attività registrate in un giorno festivo nazionale o nella festa del santo patrono del comune: " +
			"possibili errori di data, o interventi urgenti da riconoscere.",
		base: "attività nel periodo",
	}, {
		id:          "duplicate_open",
		severity:    Medium,
		description: "Stessa persona con più cartelle aperte nella stessa area di utenza alla data di riferimento.",
		base:        openBase,
	}}
}

func audit(f *facts.Analytics, p Params, a *Analysis) {
	cfg := p.Config
	for i, r := range sqlRules(cfg) {
		rule := Rule{Rule: r.id, Severity: r.severity, Description: r.description, Base: r.base}
		if i < len(f.Audit) && f.Audit[i].Rule == r.id {
			c := f.Audit[i]
			rule.Count, rule.Denominator = c.Count, c.Denominator
			for _, x := range c.Findings {
				rule.Findings = append(rule.Findings, Finding{CaseID: x.CaseID, ActivityID: x.ActivityID, OperatorID: x.OperatorID,
					Date: x.Date, Detail: x.Detail})
			}
		}
		rule.Share = ratio(rule.Count, rule.Denominator)
		rule.FindingsTruncated = rule.Count > len(rule.Findings)
		a.Audit = append(a.Audit, rule)
	}
	a.Audit = append(a.Audit, lowCoverage(p.Workload, cfg))
}

// holidays are the national holidays (and the extra ones the model's
// calendar adds) of every year the period touches, for the audit of the
// diario. Patron saints' days are per comune and joined from the comune
// table.
func holidays(p Params) []facts.Holiday {
	var out []facts.Holiday
	for y := p.From.Year(); y <= p.To.Year(); y++ {
		hs := model.HolidaysOf(y, 0, 0, p.Config.Model.AWT)
		days := make([]time.Time, 0, len(hs))
		for d := range hs {
			days = append(days, d)
		}
		sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
		for _, d := range days {
			out = append(out, facts.Holiday{Day: d, Name: hs[d]})
		}
	}
	return out
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
