-- The case work each operator recorded on each cartella in each month of
-- the period $from–$to.
SELECT case_id, operator_id, strftime(day, '%Y-%m') AS month, sum(minutes)::BIGINT
FROM activity
WHERE kind = 'case' AND case_id IS NOT NULL AND day BETWEEN $from::DATE AND $to::DATE
GROUP BY ALL
ORDER BY ALL
