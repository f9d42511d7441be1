-- Cartelle open during the period without the procedure's initiative.
SELECT id, NULL, operator_id, opened, 'iniziativa mancante' FROM an_active WHERE initiative IS NULL
