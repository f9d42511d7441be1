-- time_split.sql from the kept monthly diario (facts/kept.go): the whole
-- months $full_from–$full_to of the period from diario_month, the days of
-- the period outside them (a month it covers in part) from the diario
-- ($partial: there are some; when there are none, the branch is left out
-- before the diario is read).
SELECT grouping(istat) = 1 AS by_operator, coalesce(operator_id, istat, ''),
    strftime(month, '%Y-%m') AS month, kind, sum(minutes)::BIGINT, sum(entries)::BIGINT,
    coalesce(sum(estimated), 0)::BIGINT
FROM (
    SELECT operator_id, istat, month, kind, minutes, entries, estimated FROM diario_month
    WHERE month BETWEEN $full_from::DATE AND $full_to::DATE
    UNION ALL
    SELECT operator_id, istat, date_trunc('month', day)::DATE, kind, minutes, 1,
        CASE WHEN estimated THEN minutes ELSE 0 END
    FROM activity
    WHERE $partial AND day BETWEEN $from::DATE AND $to::DATE AND (day < $full_from::DATE OR day > $full_to::DATE)
)
GROUP BY GROUPING SETS ((operator_id, month, kind), (istat, month, kind))
ORDER BY ALL
