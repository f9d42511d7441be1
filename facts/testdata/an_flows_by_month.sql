-- The reference for TestFlowsOneRule: an_flows.sql as it was before it
-- counted the open cartelle from carico_open_events, one join of the
-- cartelle open during the period with each month's end.
WITH event AS (
    SELECT m.month, 'opened' AS what, c.id, c.area, c.istat, c.opened AS d
    FROM an_active c JOIN an_month m ON c.opened BETWEEN m.m_from AND m.m_to
    UNION ALL
    SELECT m.month, 'closed', c.id, c.area, c.istat, c.closed
    FROM an_active c JOIN an_month m ON c.closed BETWEEN m.m_from AND m.m_to
    UNION ALL
    SELECT m.month, 'open_end', c.id, c.area, c.istat, m.m_to
    FROM an_active c JOIN an_month m ON carico_open_on(c.opened, c.closed, m.m_to)
), keyed AS (
    SELECT e.month, e.what, coalesce(e.area, 'non_indicata') AS k_area, coalesce(e.istat, '') AS k_comune,
           coalesce(h.operator_id, '') AS k_operator
    FROM event e LEFT JOIN an_holder h ON h.case_id = e.id AND e.d BETWEEN h.from_date AND h.until
), by_key AS (
    SELECT '' AS dim, '' AS key, month, what FROM keyed
    UNION ALL SELECT 'area', k_area, month, what FROM keyed
    UNION ALL SELECT 'comune', k_comune, month, what FROM keyed
    UNION ALL SELECT 'operator', k_operator, month, what FROM keyed
), counts AS (
    SELECT dim, key, month,
           count(*) FILTER (WHERE what = 'opened') AS opened,
           count(*) FILTER (WHERE what = 'closed') AS closed,
           count(*) FILTER (WHERE what = 'open_end') AS open_end
    FROM by_key GROUP BY ALL
), keys AS (
    SELECT DISTINCT dim, key FROM counts
    UNION SELECT '', ''
)
SELECT k.dim, k.key, m.month, coalesce(c.opened, 0), coalesce(c.closed, 0), coalesce(c.open_end, 0)
FROM keys k CROSS JOIN an_month m
LEFT JOIN counts c ON c.dim = k.dim AND c.key = k.key AND c.month = m.month
ORDER BY k.dim, k.key, m.month
