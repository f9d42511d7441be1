-- The open cartelle at each reference day ($days: comma-separated ISO dates)
-- by holder, area and complexity; by comune too, but only at the reference
-- date $at (the monthly series do not need it, and it would multiply the
-- rows). Open and holder: store/rules.sql, counted from carico_open_events
-- in one pass: each event is added to the first reference day on or after
-- it, and a day's stock is the running sum of those up to the day.
WITH ref AS (SELECT DISTINCT unnest(string_split($days, ',')::DATE[]) AS day),
ev AS MATERIALIZED (SELECT * FROM carico_open_events()),
bucket_of AS (
    SELECT e.day AS event_day, min(ref.day) AS day
    FROM (SELECT DISTINCT day FROM ev) e JOIN ref ON e.day <= ref.day
    GROUP BY e.day
),
bucket AS (
    SELECT operator_id, coalesce(area, '') AS area, coalesce(complexity, 0) AS complexity, b.day, sum(n) AS n
    FROM ev JOIN bucket_of b ON ev.day = b.event_day
    GROUP BY ALL
),
cells AS (SELECT DISTINCT operator_id, area, complexity FROM bucket),
stock AS (
    SELECT ref.day, cells.operator_id, cells.area, cells.complexity,
        sum(coalesce(bucket.n, 0)) OVER (PARTITION BY cells.operator_id, cells.area, cells.complexity ORDER BY ref.day) AS n
    FROM cells CROSS JOIN ref
    LEFT JOIN bucket ON bucket.operator_id = cells.operator_id AND bucket.area = cells.area
        AND bucket.complexity = cells.complexity AND bucket.day = ref.day
)
SELECT day, operator_id, '' AS istat, area, complexity, n::BIGINT FROM stock
WHERE n > 0 AND day <> $at::DATE
UNION ALL
SELECT $at::DATE, operator_id, coalesce(istat, ''), coalesce(area, ''), coalesce(complexity, 0), sum(n)::BIGINT
FROM ev WHERE day <= $at::DATE
GROUP BY ALL HAVING sum(n) > 0
ORDER BY ALL
