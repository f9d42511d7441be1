-- The exposure of every cartella in the period $from–$to, month by month and
-- holder: the days it was open and held (the open and holder rules of
-- store/rules.sql, as the case-years). One row per cartella, month and
-- holder, in no order: the calibration adds whole days, which no order
-- changes, and sorting a Region's 15 million rows cost seconds.
WITH mon AS (
    SELECT range::DATE AS m_start, (range + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS m_end
    FROM range($from::DATE - (day($from::DATE) - 1)::INTEGER, $to::DATE + INTERVAL 1 DAY, INTERVAL 1 MONTH)
),
span AS (
    SELECT c.id, h.operator_id, coalesce(c.area, '') AS area, coalesce(c.complexity, 0) AS complexity,
        strftime(mon.m_start, '%Y-%m') AS month,
        date_diff('day',
            greatest(c.opened, h.from_date, mon.m_start, $from::DATE),
            least(coalesce(c.closed - 1, $to::DATE), coalesce(h.until, $to::DATE), mon.m_end, $to::DATE)) + 1 AS days
    FROM cases c JOIN carico_holder_spans() h ON h.case_id = c.id
    JOIN mon ON carico_open_during(c.opened, c.closed, mon.m_start, mon.m_end)
    WHERE carico_open_during(c.opened, c.closed, $from::DATE, $to::DATE)
)
SELECT id, operator_id, area, complexity, month, sum(days)::INTEGER FROM span WHERE days > 0 GROUP BY ALL
