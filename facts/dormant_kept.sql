-- The cartelle open at $at silent for at least $dormant days, longest
-- silence first: store/rules.sql's carico_dormant, read from what the
-- database keeps (facts/kept.go) instead of the cartelle, their holder
-- spans and the whole diario: the cartelle open at $at with their holder
-- from the kept timeline (case_timeline: the stretch of each cartella's
-- open life that holds $at), each one's last entry from the kept last
-- entries (the marker below is last_entries_kept.sql or
-- last_entries_year_end.sql). facts/kept_test.go holds it to dormant.sql.
WITH last AS (
/*last entries*/
)
SELECT o.case_id, coalesce(o.operator_id, ''), coalesce(o.istat, ''), coalesce(o.area, ''), o.opened, l.last_day,
    carico_silent_days(l.last_day, o.opened, $at::DATE) AS silent_days
FROM case_timeline o LEFT JOIN last l ON l.case_id = o.case_id
WHERE $at::DATE BETWEEN o.from_date AND o.until
    AND carico_silent_days(l.last_day, o.opened, $at::DATE) >= $dormant
ORDER BY silent_days DESC, o.case_id
