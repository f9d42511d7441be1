-- Rebuilds the kept year-end stocks (open_stock, migration 016) from the
-- kept open events (kept_open_events.sql, which runs before): for each
-- year from the year of the first event to that of the last (the events
-- dated 31/12/9999, which close what has no end, left out), the sum of each
-- cell's changes up to 31 December, the cells whose sum is nought left out.
DELETE FROM open_stock;
INSERT INTO open_stock
WITH years AS (
    SELECT unnest(range(year(min(day)), year(max(day)) + 1))::INTEGER AS year
    FROM open_event WHERE day < DATE '9999-01-01'
)
SELECT y.year, e.operator_id, e.istat, e.area, e.complexity, sum(e.n)::INTEGER
FROM years y JOIN open_event e ON e.day <= make_date(y.year, 12, 31)
GROUP BY ALL HAVING sum(e.n) <> 0
ORDER BY y.year
