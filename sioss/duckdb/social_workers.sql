-- The social workers on record, with their names (for the Ufficio di
-- Piano and the responsabile only).
SELECT id, name, role FROM operator WHERE role = 'assistente_sociale' ORDER BY id
