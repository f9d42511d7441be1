-- Cartelle open at the reference date with no holder.
SELECT id, NULL, NULL, opened, 'nessun operatore assegnato' FROM an_open WHERE operator_id IS NULL
