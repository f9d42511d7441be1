-- The procedures: every istanza (an_istanza, facts/istanze.sql) of a known
-- cartella, the term that applies to each (an_procedure_term for its type
-- of procedure, else an_term for its cartella's initiative, else
-- $default_term; "non_indicata" when the cartella does not say its
-- initiative), its days to decision and whether it was pending at $at
-- (store/rules.sql, carico_istanza_pending).
CREATE OR REPLACE TEMP TABLE an_procedure AS
    SELECT i.case_id AS id, coalesce(i.initiative, 'non_indicata') AS initiative, i.procedure,
           coalesce(p.term, t.term, $default_term) AS term,
           i.received AS application, i.decision, i.decision - i.received AS days, i.operator_id,
           i.decision BETWEEN $from::DATE AND $to::DATE AS decided_in_period,
           carico_istanza_pending(i.received, i.decision, i.opened, i.closed, $at::DATE) AS pending,
           $at::DATE - i.received AS days_pending
    FROM an_istanza i
    LEFT JOIN an_term t ON t.initiative = i.initiative
    LEFT JOIN an_procedure_term p ON p.procedure = lower(trim(i.procedure)) AND i.procedure <> ''
    WHERE i.opened IS NOT NULL
