-- A new session: the SHA-256 of its token, its account, when it starts
-- and ends, and the address it was opened from.
INSERT INTO web_session (token_sha256, username, created_at, expires_at, remote) VALUES ($token, $username, $now, $expires, $remote)
