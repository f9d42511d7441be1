-- Every istanza, with whether it is pending at $at (store/rules.sql,
-- carico_istanza_pending) and its cartella's area, complexity, comune and
-- holder at $at. Today an istanza is the application and decision columns
-- of its cartella: one per cartella, "non_indicata" when the cartella
-- does not say its initiative.
SELECT c.id, coalesce(c.initiative, 'non_indicata'), c.application, c.decision,
    carico_istanza_pending(c.application, c.decision, c.opened, c.closed, $at::DATE),
    coalesce(c.area, ''), coalesce(c.complexity, 0), coalesce(c.istat, ''), coalesce(h.operator_id, '')
FROM cases c
LEFT JOIN carico_holder_spans() h ON h.case_id = c.id AND $at::DATE BETWEEN h.from_date AND h.until
WHERE c.application IS NOT NULL
ORDER BY c.id
