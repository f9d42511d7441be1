-- The istanze (q_istanza: facts/istanze.sql, the list LoadIstanze returns
-- and the analysis reads) of a known cartella pending at $at
-- (store/rules.sql, carico_istanza_pending: the analysis's rule), with
-- the cartella's area, complexity, comune and holder at $at.
SELECT i.case_id, coalesce(i.initiative, 'non_indicata'), i.procedure, i.protocol, i.received,
    coalesce(c.area, ''), coalesce(c.complexity, 0), coalesce(c.istat, ''), coalesce(h.operator_id, '')
FROM q_istanza i
JOIN cases c ON c.id = i.case_id
LEFT JOIN carico_holder_spans() h ON h.case_id = c.id AND $at::DATE BETWEEN h.from_date AND h.until
WHERE i.opened IS NOT NULL AND carico_istanza_pending(i.received, i.decision, i.opened, i.closed, $at::DATE)
ORDER BY i.case_id, i.received, i.protocol
