-- Cartelle open during the period without an area.
SELECT id, NULL, operator_id, opened, 'area di utenza mancante' FROM an_active WHERE area IS NULL
