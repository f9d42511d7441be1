-- case_minutes.sql from the kept monthly diario (facts/kept.go): the whole
-- months $full_from–$full_to of the period from diario_month, the days of
-- the period outside them from the diario ($partial: there are some; when
-- there are none, the branch is left out before the diario is read).
SELECT operator_id, coalesce(area, ''), coalesce(complexity, 0), sum(minutes)::BIGINT
FROM (
    SELECT operator_id, area, complexity, minutes FROM diario_month
    WHERE kind = 'case' AND on_case AND month BETWEEN $full_from::DATE AND $full_to::DATE
    UNION ALL
    SELECT a.operator_id, c.area, c.complexity, a.minutes
    FROM activity a JOIN cases c ON c.id = a.case_id
    WHERE $partial AND a.kind = 'case' AND a.day BETWEEN $from::DATE AND $to::DATE
        AND (a.day < $full_from::DATE OR a.day > $full_to::DATE)
)
GROUP BY ALL
ORDER BY ALL
