-- The cartelle open at $at silent for at least $dormant days, longest
-- silence first: store/rules.sql's carico_dormant, with each cartella's
-- last entry read from what the database keeps (the marker below is
-- last_entries_kept.sql or last_entries_year_end.sql) instead of grouping
-- the whole diario. facts/kept_test.go holds it to dormant.sql.
WITH last AS (
/*last entries*/
)
SELECT o.id, coalesce(o.operator_id, ''), coalesce(o.istat, ''), coalesce(o.area, ''), o.opened, l.last_day,
    carico_silent_days(l.last_day, o.opened, o.day) AS silent_days
FROM carico_open_cases([$at::DATE]) o LEFT JOIN last l ON l.case_id = o.id
WHERE carico_silent_days(l.last_day, o.opened, o.day) >= $dormant
ORDER BY silent_days DESC, o.id
