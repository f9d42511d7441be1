-- How many cartelle closed in the period took each number of days from
-- opening to closure, by area ("non_indicata" when none): the
-- distribution the report groups in classes.
SELECT coalesce(area, 'non_indicata'), closed - opened AS d, count(*)
FROM cases
WHERE closed BETWEEN $from::DATE AND $to::DATE
GROUP BY ALL
ORDER BY ALL
