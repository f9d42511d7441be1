-- One of $username's own sessions ended, named by its public id (the
-- first 16 hex digits of the SHA-256 of its token's SHA-256: sessions_of).
DELETE FROM web_session
WHERE username = $username AND left(sha256(token_sha256), 16) = $id
