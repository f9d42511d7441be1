-- Each cartella's last diario entry on or before 31 December of $year
-- (store/rules.sql, carico_last_entries), as kept: that year's row, or
-- past the diario's last year that year's (no entry is later).
SELECT case_id, last_day FROM case_last_entry
WHERE year = least($year, (SELECT max(year) FROM case_last_entry))
