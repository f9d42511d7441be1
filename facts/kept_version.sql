-- The data version the kept derivation $name was computed on, if any
-- (migration 014).
SELECT version FROM kept_version WHERE name = $name
