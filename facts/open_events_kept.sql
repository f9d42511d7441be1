-- The open events of open_counts.sql as the database keeps them
-- (facts/kept.go), for the reference days of its ref: the stock of each
-- cell on 31 December of the year before the first of them (open_stock),
-- as one change on that day, then the kept events after it (open_event) up
-- to the last reference day (no later one is counted). Past the last year
-- kept, the last year's stock and the events after it.
-- The stock of any reference day, the sum of these changes up to it, is
-- that of every event up to it (TestOpenCountsOneRule).
WITH base AS (
    SELECT least(year(min(day)) - 1,
        (SELECT year(max(day)) FROM open_event WHERE day < DATE '9999-01-01'))::INTEGER AS year
    FROM ref
)
SELECT make_date(b.year, 12, 31) AS day, s.operator_id, s.istat, s.area, s.complexity, s.n
FROM open_stock s JOIN base b ON s.year = b.year
UNION ALL
SELECT e.day, e.operator_id, e.istat, e.area, e.complexity, e.n
FROM open_event e, base b
WHERE e.day > make_date(b.year, 12, 31) AND e.day <= (SELECT max(day) FROM ref)
