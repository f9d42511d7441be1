-- The procedures against their term (an_procedure), overall and by
-- initiative: decisions of the period (with a decision on or after the
-- application), within and over the term, median and 90th percentile of
-- the days to decision, pending at the reference date and over term, and
-- decisions dated before their application (data errors).
SELECT grouping(initiative) AS overall, coalesce(initiative, ''), coalesce(any_value(term), 0),
       count(*) FILTER (WHERE decided_in_period AND days >= 0),
       count(*) FILTER (WHERE decided_in_period AND days >= 0 AND days <= term),
       count(*) FILTER (WHERE decided_in_period AND days > term),
       quantile_cont(days, 0.5) FILTER (WHERE decided_in_period AND days >= 0),
       quantile_cont(days, 0.9) FILTER (WHERE decided_in_period AND days >= 0),
       count(*) FILTER (WHERE pending),
       count(*) FILTER (WHERE pending AND days_pending > term),
       count(*) FILTER (WHERE decided_in_period AND days < 0)
FROM an_procedure
GROUP BY GROUPING SETS ((initiative), ())
ORDER BY overall DESC, initiative
