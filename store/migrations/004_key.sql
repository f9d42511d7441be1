-- Fingerprint of the pseudonym key the people of this database were keyed
-- with: an HMAC under the key itself, which does not reveal it. An import
-- with another key is refused.
CREATE TABLE pseudonym_key (
    fingerprint VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
