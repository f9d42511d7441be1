-- Cartelle open during the period started on an istanza without its date.
SELECT id, NULL, operator_id, opened, 'istanza senza data' FROM an_active
WHERE initiative = 'istanza' AND application IS NULL
