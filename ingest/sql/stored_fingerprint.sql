-- The fingerprint of the pseudonym key the database's people were keyed
-- with: the first one recorded (an import refuses any other).
SELECT fingerprint FROM pseudonym_key ORDER BY recorded_at LIMIT 1
