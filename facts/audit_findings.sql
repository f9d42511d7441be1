-- One audit rule's offending records (the rule's file replaces the marker
-- below; it selects case_id, activity_id, operator_id, day, detail): one
-- pass counts them and keeps the first $limit. ORDER BY with LIMIT runs as
-- a top-N, so the offending rows are never sorted in full; with none (or
-- no findings asked for) the query still returns one row, for the count.
WITH offending AS MATERIALIZED (
/*offending*/
),
top AS (SELECT * FROM offending t(case_id, activity_id, operator_id, day, detail)
    ORDER BY day NULLS FIRST, case_id, activity_id LIMIT CAST($limit AS BIGINT))
SELECT (SELECT count(*) FROM offending), top.case_id, top.activity_id, top.operator_id,
    strftime(top.day, '%Y-%m-%d'), top.detail
FROM (SELECT 1) one LEFT JOIN top ON true
ORDER BY top.day NULLS FIRST, top.case_id, top.activity_id
