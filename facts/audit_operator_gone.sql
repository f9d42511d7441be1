-- Cartelle open at the reference date held by an operator not in service
-- then (store/rules.sql, carico_in_service) or missing from the roster.
SELECT o.id, NULL, o.operator_id, op.end_date,
    CASE WHEN op.id IS NULL THEN 'operatore non presente nell''anagrafica del personale'
         ELSE 'operatore cessato il ' || strftime(op.end_date, '%d/%m/%Y') END
FROM an_open o LEFT JOIN operator op ON op.id = o.operator_id
WHERE o.operator_id IS NOT NULL AND (op.id IS NULL OR NOT carico_in_service(op.start_date, op.end_date, $at::DATE))
