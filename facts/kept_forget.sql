-- Forgets every kept derivation: each is rebuilt on the next request that
-- can write.
DELETE FROM kept_version
