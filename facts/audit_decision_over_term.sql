-- Decisions of the period later than the procedure's term (an_procedure).
SELECT id, NULL, operator_id, decision,
    'decisione dopo ' || days || ' giorni, termine ' || term || ' giorni'
FROM an_procedure WHERE decided_in_period AND days > term
