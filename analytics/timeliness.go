package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/carico/carico"
)

// Timeliness measures the procedures behind the cartelle against their
// legal term (L. 241/1990, art. 2): from the istanza (or the other body's
// richiesta) to the decision, in calendar days, decision day minus
// application day. A decision on day term is within the term, on day
// term+1 it is over: with a 30-day term, an istanza of 1 March decided on
// 31 March is on time, on 1 April it is late. Holidays do not stretch the
// term here (a simplification: the civil code moves a term ending on a
// holiday to the next working day).
type Timeliness struct {
	// TermDays is the default term; ByInitiative gives the term applied to
	// each initiative.
	TermDays int `json:"term_days"`
	TimelinessFigures
	ByInitiative []InitiativeTimeliness `json:"by_initiative"`
}

// TimelinessFigures are the counts and quantiles of one set of procedures.
type TimelinessFigures struct {
	// Decisions counts the decisions dated in the period (procedures with an
	// application date and a decision on or after it).
	Decisions  int `json:"decisions"`
	WithinTerm int `json:"within_term"`
	OverTerm   int `json:"over_term"`
	// Quantiles of the days to decision (DuckDB quantile_cont, linear
	// interpolation); null when there is no decision.
	MedianDays *float64 `json:"median_days"`
	P90Days    *float64 `json:"p90_days"`
	// Pending counts the procedures applied for on or before the reference
	// date with no decision by then, whose cartella is still open at its
	// end; PendingOverTerm those already past their term.
	Pending         int `json:"pending"`
	PendingOverTerm int `json:"pending_over_term"`
	// DecisionBeforeApplication counts decisions in the period dated
	// before their application: data errors, left out of every figure above.
	DecisionBeforeApplication int `json:"decision_before_application"`
}

// InitiativeTimeliness is the timeliness of the procedures of one
// initiative ("non_indicata" when the cartella does not say).
type InitiativeTimeliness struct {
	Initiative string `json:"initiative"`
	Label      string `json:"label"`
	TermDays   int    `json:"term_days"`
	TimelinessFigures
}

// procedureScope makes an_procedure: the cartelle with an application date,
// the term that applies to each, their days to decision and whether they
// were pending at the reference date.
func procedureScope(ctx context.Context, q *querier) error {
	cfg := q.p.Config
	var terms []string
	for _, i := range carico.Initiatives {
		terms = append(terms, fmt.Sprintf("WHEN '%s' THEN %d", i, cfg.TermDays(i)))
	}
	return q.createTemp(ctx, "an_procedure", fmt.Sprintf(`
		SELECT id, coalesce(initiative, '%[1]s') AS initiative,
		       CASE initiative %[2]s ELSE %[3]d END AS term,
		       application, decision, decision - application AS days, operator_id,
		       decision BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) AS decided_in_period,
		       application <= CAST($at AS DATE)
		         AND (decision IS NULL OR decision > CAST($at AS DATE))
		         AND carico_open_on(opened, closed, CAST($at AS DATE)) AS pending,
		       CAST($at AS DATE) - application AS days_pending
		FROM cases WHERE application IS NOT NULL`, notRecorded, strings.Join(terms, " "), cfg.Timeliness.DefaultTermDays))
}

func timeliness(ctx context.Context, q *querier, a *Analysis) error {
	if err := procedureScope(ctx, q); err != nil {
		return err
	}
	rows, err := q.query(ctx, `
		SELECT grouping(initiative) AS overall, initiative, any_value(term),
		       count(*) FILTER (WHERE decided_in_period AND days >= 0),
		       count(*) FILTER (WHERE decided_in_period AND days >= 0 AND days <= term),
		       count(*) FILTER (WHERE decided_in_period AND days > term),
		       quantile_cont(days, 0.5) FILTER (WHERE decided_in_period AND days >= 0),
		       quantile_cont(days, 0.9) FILTER (WHERE decided_in_period AND days >= 0),
		       count(*) FILTER (WHERE pending),
		       count(*) FILTER (WHERE pending AND days_pending > term),
		       count(*) FILTER (WHERE decided_in_period AND days < 0)
		FROM an_procedure
		GROUP BY GROUPING SETS ((initiative), ())
		ORDER BY overall DESC, initiative`)
	if err != nil {
		return err
	}
	defer rows.Close()
	t := Timeliness{TermDays: q.p.Config.Timeliness.DefaultTermDays, ByInitiative: []InitiativeTimeliness{}}
	for rows.Next() {
		var (
			overall     int
			initiative  sql.NullString
			term        sql.NullInt64
			f           TimelinessFigures
			median, p90 sql.NullFloat64
		)
		if err := rows.Scan(&overall, &initiative, &term, &f.Decisions, &f.WithinTerm, &f.OverTerm,
			&median, &p90, &f.Pending, &f.PendingOverTerm, &f.DecisionBeforeApplication); err != nil {
			return err
		}
		f.MedianDays, f.P90Days = nullFloat(median), nullFloat(p90)
		if overall == 1 {
			t.TimelinessFigures = f
			continue
		}
		t.ByInitiative = append(t.ByInitiative, InitiativeTimeliness{
			Initiative: initiative.String, Label: initiativeLabel(initiative.String), TermDays: int(term.Int64), TimelinessFigures: f,
		})
	}
	a.Timeliness = t
	return rows.Err()
}

func initiativeLabel(k string) string {
	if k == notRecorded {
		return "Iniziativa non indicata"
	}
	return carico.Initiative(k).Label()
}
