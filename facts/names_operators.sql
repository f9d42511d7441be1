-- The operators of the roster, by name: (id, name).
SELECT id, name FROM operator ORDER BY name
