-- Rebuilds the kept monthly diario (diario_month, migration 014): every
-- diario entry added up by month, operator, comune and kind, and for an
-- entry on a cartella of the cartelle by its area and complexity.
DELETE FROM diario_month;
INSERT INTO diario_month
SELECT date_trunc('month', a.day)::DATE, a.operator_id, a.istat, a.kind, c.id IS NOT NULL, c.area, c.complexity,
    sum(a.minutes), count(*), coalesce(sum(a.minutes) FILTER (WHERE a.estimated), 0)
FROM activity a LEFT JOIN cases c ON c.id = a.case_id
GROUP BY ALL
ORDER BY 1
