-- The open cartelle at each reference day ($days: comma-separated ISO dates)
-- by holder, area and complexity; by comune too, but only at the reference
-- date $at (the monthly series do not need it, and it would multiply the
-- rows). Open and holder: store/rules.sql, counted from carico_open_events
-- in one pass. Rows of three kinds:
--   0, a cell: a holder × area × complexity cell whose stock changes, with
--      its number (in the order of holder, area and complexity);
--   1, a change: what cell number no gains or loses up to a reference day
--      since the one before (the events are added to the first reference
--      day on or after them; OpenCounts adds these up day by day), numbers
--      only, as there are a hundred thousand of them on a large Ambito;
--   2, the open cartelle at $at by comune.
-- The events are those of carico_open_events() or, when the database keeps
-- them, its year-end stocks and events (facts/kept.go, openCountsText: the
-- markers below are replaced with the one or the other). Those of the
-- reference date alone (ev_at) start, when kept, from the last year-end
-- stock on or before it: on a 31 December, that stock is the count.
WITH ref AS (SELECT DISTINCT unnest(string_split($days, ',')::DATE[]) AS day),
at_ref AS (SELECT $at::DATE AS day),
ev AS MATERIALIZED (
/*events*/
),
ev_at AS (
/*events at*/
),
bucket_of AS (
    SELECT e.day AS event_day, min(ref.day) AS day
    FROM (SELECT DISTINCT day FROM ev) e JOIN ref ON e.day <= ref.day
    GROUP BY e.day
),
change AS MATERIALIZED (
    SELECT b.day, operator_id, coalesce(area, '') AS area, coalesce(complexity, 0) AS complexity, sum(n)::BIGINT AS n
    FROM ev JOIN bucket_of b ON ev.day = b.event_day
    GROUP BY ALL HAVING sum(n) <> 0
),
cell AS MATERIALIZED (
    SELECT operator_id, area, complexity, row_number() OVER (ORDER BY operator_id, area, complexity) - 1 AS no
    FROM (SELECT DISTINCT operator_id, area, complexity FROM change)
)
SELECT 0 AS kind, NULL::DATE AS day, no, operator_id, NULL AS istat, area, complexity, NULL::BIGINT AS n FROM cell
UNION ALL
SELECT 1, c.day, cell.no, NULL, NULL, NULL, NULL, c.n
FROM change c JOIN cell ON cell.operator_id = c.operator_id AND cell.area = c.area AND cell.complexity = c.complexity
UNION ALL
SELECT 2, $at::DATE, NULL, operator_id, coalesce(istat, ''), coalesce(area, ''), coalesce(complexity, 0), sum(n)::BIGINT
FROM ev_at WHERE day <= $at::DATE
GROUP BY ALL HAVING sum(n) > 0
