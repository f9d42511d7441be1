-- The unit of the case-weight calibration (docs/weights.md), summed per
-- cartella over the period $from–$to. A cartella's month under its
-- holders counts when every holder of it that month is an operator-month
-- of $operators × $months (same index, months as yyyy-mm: the adequately
-- covered months of the roles that hold cartelle). Its exposure is the
-- days the cartella was open and held in the months that count (the open
-- and holder rules of store/rules.sql, as the case-years), its work the
-- case minutes recorded on it in those months by the operators of
-- $workers, one figure per operator and month, listed by operator, then
-- month. One row per cartella held in the period, by id.
WITH mon AS (
    SELECT range::DATE AS m_start, (range + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS m_end
    FROM range($from::DATE - (day($from::DATE) - 1)::INTEGER, $to::DATE + INTERVAL 1 DAY, INTERVAL 1 MONTH)
),
span AS (
    SELECT c.id, h.operator_id, coalesce(c.area, '') AS area, coalesce(c.complexity, 0) AS complexity, mon.m_start AS month,
        date_diff('day',
            greatest(c.opened, h.from_date, mon.m_start, $from::DATE),
            least(coalesce(c.closed - 1, $to::DATE), coalesce(h.until, $to::DATE), mon.m_end, $to::DATE)) + 1 AS days
    FROM cases c JOIN carico_holder_spans() h ON h.case_id = c.id
    JOIN mon ON carico_open_during(c.opened, c.closed, mon.m_start, mon.m_end)
    WHERE carico_open_during(c.opened, c.closed, $from::DATE, $to::DATE)
),
counted AS (
    SELECT DISTINCT unnest($operators::VARCHAR[]) AS operator_id,
        CAST(unnest($months::VARCHAR[]) || '-01' AS DATE) AS month
),
held AS MATERIALIZED (
    SELECT s.id, s.area, s.complexity, s.month, s.days, k.operator_id IS NOT NULL AS counts
    FROM span s LEFT JOIN counted k ON k.operator_id = s.operator_id AND k.month = s.month
    WHERE s.days > 0
),
-- the cartella-months with a holder whose month does not count
excluded AS (SELECT DISTINCT id, month FROM held WHERE NOT counts),
work AS (
    SELECT a.case_id AS id,
        list_transform(list_sort(list({operator_id: a.operator_id, month: a.month, minutes: a.minutes})), w -> w.minutes) AS minutes
    FROM (
        SELECT case_id, operator_id, date_trunc('month', day)::DATE AS month, sum(minutes)::BIGINT AS minutes
        FROM activity
        WHERE kind = 'case' AND case_id IS NOT NULL AND day BETWEEN $from::DATE AND $to::DATE
            AND operator_id IN (SELECT unnest($workers::VARCHAR[]))
        GROUP BY ALL
    ) a
    SEMI JOIN held ON held.id = a.case_id AND held.month = a.month
    ANTI JOIN excluded x ON x.id = a.case_id AND x.month = a.month
    GROUP BY a.case_id
)
SELECT c.id, c.area, c.complexity, c.days, coalesce(work.minutes, []::BIGINT[])
FROM (
    SELECT h.id, h.area, h.complexity, coalesce(sum(h.days) FILTER (WHERE x.id IS NULL), 0)::INTEGER AS days
    FROM held h LEFT JOIN excluded x ON x.id = h.id AND x.month = h.month
    GROUP BY h.id, h.area, h.complexity
) c
LEFT JOIN work ON work.id = c.id
ORDER BY c.id
