-- Rebuilds the kept timeline of the cartelle (case_timeline, migration
-- 015) from the cartelle and their holder spans (store/rules.sql,
-- carico_holder_spans): each cartella's open life, from its opening to the
-- day before its closing (carico_open_on), cut into the stretches each
-- span covers (clipped to the life) and the gaps between them; a cartella
-- with no span at all is one stretch without an operator.
DELETE FROM case_timeline;
INSERT INTO case_timeline
WITH life AS (
    SELECT id, istat, area, complexity, opened, CAST(coalesce(closed - 1, DATE '9999-12-31') AS DATE) AS last
    FROM cases
    WHERE closed IS NULL OR closed > opened
),
spans AS (SELECT case_id, operator_id, from_date, until FROM carico_holder_spans()),
held AS (
    SELECT l.id AS case_id, s.operator_id, greatest(s.from_date, l.opened) AS from_date,
        least(s.until, l.last) AS until
    FROM spans s JOIN life l ON l.id = s.case_id
    WHERE greatest(s.from_date, l.opened) <= least(s.until, l.last)
),
-- Of each cartella with spans, the days before its first stretch held,
-- between two of them, and after its last (or its whole life when every
-- span falls outside it).
bounds AS (
    SELECT case_id, from_date, until,
        lag(until) OVER (PARTITION BY case_id ORDER BY from_date) AS previous
    FROM held
),
gaps AS (
    SELECT b.case_id, CAST(coalesce(b.previous + 1, l.opened) AS DATE) AS from_date,
        CAST(b.from_date - 1 AS DATE) AS until
    FROM bounds b JOIN life l ON l.id = b.case_id
    UNION ALL
    SELECT l.id, CAST(coalesce(max(h.until) + 1, l.opened) AS DATE), l.last
    FROM life l LEFT JOIN held h ON h.case_id = l.id
    WHERE l.id IN (SELECT case_id FROM spans)
    GROUP BY l.id, l.opened, l.last
)
SELECT t.case_id, t.operator_id, t.from_date, t.until, t.gap, l.istat, l.area, l.complexity, l.opened
FROM (
    SELECT case_id, operator_id, from_date, until, false AS gap FROM held
    UNION ALL
    SELECT case_id, NULL, from_date, until, true FROM gaps WHERE from_date <= until
    UNION ALL
    SELECT id, NULL, opened, last, false FROM life ANTI JOIN spans ON spans.case_id = life.id
) t JOIN life l ON l.id = t.case_id
ORDER BY t.from_date
