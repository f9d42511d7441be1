-- Per month of the period, the cartelle opened, closed and open at the
-- month's end, in total (dim '') and by area, comune and holder, among the
-- cartelle open during the period. Every key met gets every month; the
-- total gets every month even when empty.
-- Opened and closed: each cartella's event keyed by its holder on the day
-- of the event (an_holder). Open at the month's end: counted from
-- carico_open_events (store/rules.sql) in one pass — each event of a
-- cartella (opening, closing, a holder taking it or leaving it) is added
-- to the month it falls in (those before the period to its first month),
-- and a month's stock is the sum of the changes up to it; a cartella open
-- at a month's end of the period is open during the period. The marker
-- below is carico_open_events() or, when the database keeps them added up
-- by day, open_event (facts/kept.go).
-- (testdata/an_flows_by_month.sql is the same figures counted one month's
-- end at a time; TestFlowsOneRule holds the two to each other.)
WITH event AS (
    SELECT m.month, 'opened' AS what, c.id, c.area, c.istat, c.opened AS d
    FROM an_active c JOIN an_month m ON c.opened BETWEEN m.m_from AND m.m_to
    UNION ALL
    SELECT m.month, 'closed', c.id, c.area, c.istat, c.closed
    FROM an_active c JOIN an_month m ON c.closed BETWEEN m.m_from AND m.m_to
), keyed AS (
    SELECT e.month, e.what, coalesce(e.area, 'non_indicata') AS k_area, coalesce(e.istat, '') AS k_comune,
           coalesce(h.operator_id, '') AS k_operator
    FROM event e LEFT JOIN an_holder h ON h.case_id = e.id AND e.d BETWEEN h.from_date AND h.until
), by_key AS (
    SELECT '' AS dim, '' AS key, month, what FROM keyed
    UNION ALL SELECT 'area', k_area, month, what FROM keyed
    UNION ALL SELECT 'comune', k_comune, month, what FROM keyed
    UNION ALL SELECT 'operator', k_operator, month, what FROM keyed
), flows AS (
    SELECT dim, key, month,
           count(*) FILTER (WHERE what = 'opened') AS opened,
           count(*) FILTER (WHERE what = 'closed') AS closed
    FROM by_key GROUP BY ALL
), change AS (
    SELECT CASE WHEN grouping(k_area) = 0 THEN 'area' WHEN grouping(k_comune) = 0 THEN 'comune'
                WHEN grouping(k_operator) = 0 THEN 'operator' ELSE '' END AS dim,
           coalesce(k_area, k_comune, k_operator, '') AS key, strftime(m, '%Y-%m') AS month, sum(n) AS n
    FROM (
        SELECT date_trunc('month', greatest(day, $from::DATE)) AS m, coalesce(area, 'non_indicata') AS k_area,
               coalesce(istat, '') AS k_comune, operator_id AS k_operator, n
        FROM (
/*events*/
        ) WHERE day <= $to::DATE
    )
    GROUP BY GROUPING SETS ((m), (m, k_area), (m, k_comune), (m, k_operator))
), stock AS (
    SELECT k.dim, k.key, m.month,
           sum(coalesce(c.n, 0)) OVER (PARTITION BY k.dim, k.key ORDER BY m.month) AS open_end
    FROM (SELECT DISTINCT dim, key FROM change) k CROSS JOIN an_month m
    LEFT JOIN change c ON c.dim = k.dim AND c.key = k.key AND c.month = m.month
), keys AS (
    SELECT dim, key FROM flows
    UNION SELECT dim, key FROM stock WHERE open_end > 0
    UNION SELECT '', ''
)
SELECT k.dim, k.key, m.month, coalesce(f.opened, 0), coalesce(f.closed, 0), coalesce(s.open_end, 0)::BIGINT
FROM keys k CROSS JOIN an_month m
LEFT JOIN flows f ON f.dim = k.dim AND f.key = k.key AND f.month = m.month
LEFT JOIN stock s ON s.dim = k.dim AND s.key = k.key AND s.month = m.month
ORDER BY k.dim, k.key, m.month
