-- The segnalazioni, newest first, of one operator or all ($operator ''),
-- with the operator's name and whether a PDF is attached.
SELECT s.id, s.operator_id, coalesce(o.name, ''), s.filed_by, s.filed_at, s.period_from, s.period_to, s.ref_date,
    s.figures, s.remarks, s.statement_pdf IS NOT NULL
FROM segnalazione s LEFT JOIN operator o ON o.id = s.operator_id
WHERE $operator = '' OR s.operator_id = $operator
ORDER BY s.id DESC
