-- The open cartelle at each reference day ($days: comma-separated ISO dates)
-- by holder, area and complexity; by comune too, but only at the reference
-- date $at (the monthly series do not need it, and it would multiply the
-- rows). Open and holder: store/rules.sql, counted from carico_open_events
-- in one pass. Rows of two kinds: with change true, what a holder × area ×
-- complexity cell gains or loses up to a reference day since the one
-- before (the events are added to the first reference day on or after
-- them; OpenCounts adds these up day by day); with change false, the open
-- cartelle at $at by comune. The events are those of carico_open_events()
-- or, when the database keeps them added up by day, open_event (facts/kept.go;
-- the marker above is replaced with the one or the other).
WITH ref AS (SELECT DISTINCT unnest(string_split($days, ',')::DATE[]) AS day),
ev AS MATERIALIZED (
/*events*/
),
bucket_of AS (
    SELECT e.day AS event_day, min(ref.day) AS day
    FROM (SELECT DISTINCT day FROM ev) e JOIN ref ON e.day <= ref.day
    GROUP BY e.day
)
SELECT true AS change, b.day, operator_id, '' AS istat, coalesce(area, ''), coalesce(complexity, 0), sum(n)::BIGINT
FROM ev JOIN bucket_of b ON ev.day = b.event_day
GROUP BY ALL HAVING sum(n) <> 0
UNION ALL
SELECT false, $at::DATE, operator_id, coalesce(istat, ''), coalesce(area, ''), coalesce(complexity, 0), sum(n)::BIGINT
FROM ev WHERE day <= $at::DATE
GROUP BY ALL HAVING sum(n) > 0
