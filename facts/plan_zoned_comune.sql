-- The comune whose cartelle open at $at carry a quartiere most often.
SELECT istat FROM carico_open_cases([$at::DATE])
WHERE nullif(zone, '') IS NOT NULL AND istat IS NOT NULL
GROUP BY istat
ORDER BY count(*) DESC, istat
LIMIT 1
