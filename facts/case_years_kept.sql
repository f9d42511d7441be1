-- case_years.sql from the kept timeline of the cartelle (case_timeline,
-- facts/kept.go): the days of the period $from–$to in each stretch of a
-- cartella's open life held by one operator (or, for a cartella with no
-- holder span, its whole life), summed by holder × area × complexity in
-- years of 365.25 days; the gaps of a cartella with holder spans count no
-- day, as in case_years.sql. facts/kept_test.go holds the two to each other.
WITH span AS (
    SELECT coalesce(operator_id, '') AS operator_id, coalesce(area, '') AS area, coalesce(complexity, 0) AS complexity,
        date_diff('day', greatest(from_date, $from::DATE), least(until, $to::DATE)) + 1 AS days
    FROM case_timeline
    WHERE NOT gap AND from_date <= $to::DATE AND until >= $from::DATE
)
SELECT operator_id, area, complexity, sum(days) / 365.25 FROM span WHERE days > 0 GROUP BY ALL ORDER BY ALL
