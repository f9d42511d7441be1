-- Rebuilds the kept open events (open_event, migration 014) from the
-- cartelle and their assignments: carico_open_events (store/rules.sql)
-- added up by day and cell, the cells whose changes cancel out left out,
-- by day.
DELETE FROM open_event;
INSERT INTO open_event
SELECT day, operator_id, istat, area, complexity, sum(n)::INTEGER
FROM carico_open_events()
GROUP BY ALL HAVING sum(n) <> 0
ORDER BY day
