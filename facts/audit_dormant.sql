-- Cartelle open at $at silent for $dormant days: the model's dormant
-- cartelle (dormant.sql or, when the database keeps the last entries,
-- dormant_kept.sql, which replaces the marker below).
SELECT id, NULL, nullif(operator_id, ''), coalesce(last_day, opened),
    CASE WHEN last_day IS NULL THEN 'nessuna annotazione dall''apertura del ' || strftime(opened, '%d/%m/%Y')
         ELSE 'ultima annotazione del ' || strftime(last_day, '%d/%m/%Y') END
    || ' (' || silent_days || ' giorni)'
FROM (
/*dormant*/
) d(id, operator_id, istat, area, opened, last_day, silent_days)
