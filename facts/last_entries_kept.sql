-- Each cartella's last diario entry on or before $at (store/rules.sql,
-- carico_last_entries), from the kept yearly last entries when $at is not
-- a 31 December: the kept row of the year before ($year) or the year's
-- diario up to $at, whichever is later. (On a 31 December,
-- last_entries_year_end.sql.)
SELECT case_id, max(last_day) AS last_day FROM (
    SELECT case_id, last_day FROM case_last_entry
    WHERE year = least($year, (SELECT max(year) FROM case_last_entry))
    UNION ALL
    SELECT case_id, day FROM activity
    WHERE case_id IS NOT NULL AND day BETWEEN make_date(year($at::DATE), 1, 1) AND $at::DATE
)
GROUP BY case_id
