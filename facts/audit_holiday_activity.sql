-- Activities of the period on a holiday of an_holiday or on the patron
-- saint's day of their comune.
SELECT a.case_id, a.id, a.operator_id, a.day,
    coalesce(h.name, 'Santo patrono di ' || cm.name) || ' (' || strftime(a.day, '%d/%m/%Y') || ')'
FROM activity a
LEFT JOIN an_holiday h ON h.day = a.day
LEFT JOIN comune cm ON cm.istat = a.istat
WHERE a.day BETWEEN $from::DATE AND $to::DATE
  AND (h.day IS NOT NULL OR (month(a.day) = cm.patron_month AND day(a.day) = cm.patron_day))
