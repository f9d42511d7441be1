-- The exposure of every cartella in the period $1–$2, month by month and
-- holder: the days it was open and held (the open and holder rules of
-- store/rules.sql, as the case-years). One row per cartella, month and
-- holder.
WITH mon AS (
    SELECT range::DATE AS m_start, (range + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS m_end
    FROM range($1::DATE - (day($1::DATE) - 1)::INTEGER, $2::DATE + INTERVAL 1 DAY, INTERVAL 1 MONTH)
),
span AS (
    SELECT c.id, h.operator_id, coalesce(c.area, '') AS area, coalesce(c.complexity, 0) AS complexity,
        strftime(mon.m_start, '%Y-%m') AS month,
        date_diff('day',
            greatest(c.opened, h.from_date, mon.m_start, $1::DATE),
            least(coalesce(c.closed - 1, $2::DATE), coalesce(h.until, $2::DATE), mon.m_end, $2::DATE)) + 1 AS days
    FROM cases c JOIN carico_holder_spans() h ON h.case_id = c.id
    JOIN mon ON carico_open_during(c.opened, c.closed, mon.m_start, mon.m_end)
    WHERE carico_open_during(c.opened, c.closed, $1::DATE, $2::DATE)
)
SELECT id, operator_id, area, complexity, month, sum(days)::INTEGER FROM span WHERE days > 0 GROUP BY ALL ORDER BY ALL
