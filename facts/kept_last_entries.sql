-- Rebuilds the kept last entries (case_last_entry, migration 014) from the
-- diario: for each cartella and each year from the year of its first entry
-- to the diario's last year, the day of its last entry on or before 31
-- December of that year (carico_last_entries at each year's end), by year.
DELETE FROM case_last_entry;
INSERT INTO case_last_entry
WITH y AS (
    SELECT case_id, year(day)::INTEGER AS year, max(day) AS last_day FROM activity
    WHERE case_id IS NOT NULL GROUP BY ALL
),
grid AS (
    SELECT f.case_id, unnest(range(f.first, (SELECT max(year) FROM y) + 1))::INTEGER AS year
    FROM (SELECT case_id, min(year) AS first FROM y GROUP BY case_id) f
)
SELECT grid.year, grid.case_id, max(y.last_day) OVER (PARTITION BY grid.case_id ORDER BY grid.year)
FROM grid LEFT JOIN y ON y.case_id = grid.case_id AND y.year = grid.year
ORDER BY grid.year
