-- The cartelle with an application date, the term that applies to each
-- (an_term; $default_term for an initiative without one, "non_indicata"
-- when the cartella does not say), their days to decision and whether they
-- were pending at $at: applied for by then, no decision by then, and the
-- cartella still open at its end (carico_open_on).
CREATE OR REPLACE TEMP TABLE an_procedure AS
    SELECT c.id, coalesce(c.initiative, 'non_indicata') AS initiative,
           coalesce(t.term, $default_term) AS term,
           c.application, c.decision, c.decision - c.application AS days, c.operator_id,
           c.decision BETWEEN $from::DATE AND $to::DATE AS decided_in_period,
           c.application <= $at::DATE
             AND (c.decision IS NULL OR c.decision > $at::DATE)
             AND carico_open_on(c.opened, c.closed, $at::DATE) AS pending,
           $at::DATE - c.application AS days_pending
    FROM cases c LEFT JOIN an_term t ON t.initiative = c.initiative
    WHERE c.application IS NOT NULL
