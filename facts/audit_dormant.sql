-- Cartelle open at $at silent for $dormant days (store/rules.sql, carico_dormant).
SELECT id, NULL, operator_id, coalesce(last_day, opened),
    CASE WHEN last_day IS NULL THEN 'nessuna annotazione dall''apertura del ' || strftime(opened, '%d/%m/%Y')
         ELSE 'ultima annotazione del ' || strftime(last_day, '%d/%m/%Y') END
    || ' (' || silent_days || ' giorni)'
FROM carico_dormant($at::DATE, CAST($dormant AS INTEGER))
