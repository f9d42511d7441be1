-- The open events of open_counts.sql as the database keeps them
-- (facts/kept.go), for the days of a CTE (the marker /*days*/ before its
-- name is replaced with another's): the stock of each cell on the last 31
-- December on or before the first of them (open_stock), as one change on
-- that day, then the kept events after it (open_event) up to the last of
-- the days (no later one is counted). Past the last year kept, the last
-- year's stock and the events after it. The stock of any of the days, the
-- sum of these changes up to it, is that of every event up to it
-- (TestOpenCountsOneRule).
WITH base AS (
    SELECT least(year(min(day) + 1) - 1,
        (SELECT year(max(day)) FROM open_event WHERE day < DATE '9999-01-01'))::INTEGER AS year
    FROM /*days*/ref
)
SELECT make_date(b.year, 12, 31) AS day, s.operator_id, s.istat, s.area, s.complexity, s.n
FROM open_stock s JOIN base b ON s.year = b.year
UNION ALL
SELECT e.day, e.operator_id, e.istat, e.area, e.complexity, e.n
FROM open_event e, base b
WHERE e.day > make_date(b.year, 12, 31) AND e.day <= (SELECT max(day) FROM /*days*/ref)
