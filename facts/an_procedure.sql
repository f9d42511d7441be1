-- The cartelle with an application date, the term that applies to each
-- (an_term; $default_term for an initiative without one, "non_indicata"
-- when the cartella does not say), their days to decision and whether they
-- were pending at $at (store/rules.sql, carico_istanza_pending).
CREATE OR REPLACE TEMP TABLE an_procedure AS
    SELECT c.id, coalesce(c.initiative, 'non_indicata') AS initiative,
           coalesce(t.term, $default_term) AS term,
           c.application, c.decision, c.decision - c.application AS days, c.operator_id,
           c.decision BETWEEN $from::DATE AND $to::DATE AS decided_in_period,
           carico_istanza_pending(c.application, c.decision, c.opened, c.closed, $at::DATE) AS pending,
           $at::DATE - c.application AS days_pending
    FROM cases c LEFT JOIN an_term t ON t.initiative = c.initiative
    WHERE c.application IS NOT NULL
