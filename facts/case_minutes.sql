-- Case work recorded in the period $from–$to by each operator on cartelle of
-- each area and complexity.
SELECT a.operator_id, coalesce(c.area, ''), coalesce(c.complexity, 0), sum(a.minutes)::BIGINT
FROM activity a JOIN cases c ON c.id = a.case_id
WHERE a.kind = 'case' AND a.day BETWEEN $from::DATE AND $to::DATE
GROUP BY ALL
ORDER BY ALL
