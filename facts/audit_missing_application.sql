-- Cartelle open during the period started on an istanza without its date:
-- no application date and no istanza of their own.
SELECT id, NULL, operator_id, opened, 'istanza senza data' FROM an_active a
WHERE initiative = 'istanza' AND application IS NULL
  AND NOT EXISTS (SELECT 1 FROM istanza i WHERE i.case_id = a.id)
