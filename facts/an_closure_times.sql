-- The days from opening to closure of the cartelle closed in the period,
-- overall and by area ("non_indicata" when none): count, mean and the
-- quartiles and 90th percentile (quantile_cont: linear interpolation,
-- Hyndman–Fan type 7).
SELECT grouping(area) AS overall, coalesce(area, ''), count(*), avg(d), quantile_cont(d, [0.25, 0.5, 0.75, 0.9])
FROM (SELECT coalesce(area, 'non_indicata') AS area, closed - opened AS d FROM cases
      WHERE closed BETWEEN $from::DATE AND $to::DATE)
GROUP BY GROUPING SETS ((area), ())
ORDER BY overall DESC, area
