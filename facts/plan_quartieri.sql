-- The quartieri of comune $comune met in its cartelle, with the cartelle
-- open at $at (carico_open_on) by area and complexity; a quartiere with
-- none open at $at counts 0.
SELECT zone, coalesce(area, ''), coalesce(complexity, 0),
       count(*) FILTER (WHERE carico_open_on(opened, closed, $at::DATE))
FROM cases
WHERE istat = $comune AND zone IS NOT NULL AND zone <> ''
GROUP BY ALL
ORDER BY ALL
