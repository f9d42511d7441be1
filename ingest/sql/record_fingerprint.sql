-- Records the fingerprint of the pseudonym key, on the first import.
INSERT INTO pseudonym_key (fingerprint) VALUES ($fingerprint)
