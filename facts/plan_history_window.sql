-- The span of the cartelle history a forecast may use: from the first
-- opening, unless it precedes the earliest closure by more than $gap days
-- (an export of the cartelle open at a date plus the recent closures),
-- then from the earliest closure or the diario's first day if earlier;
-- to the latest opening or closure.
WITH c AS (SELECT min(opened) AS o, min(closed) AS k, greatest(max(opened), max(closed)) AS e FROM cases),
     d AS (SELECT min(day) AS a FROM activity)
SELECT CASE WHEN k IS NULL OR o >= k - INTERVAL ($gap) DAY THEN o
            ELSE greatest(o, least(k, coalesce(a, k))) END, e
FROM c, d
