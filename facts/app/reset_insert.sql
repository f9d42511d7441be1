-- A reset link, by the SHA-256 of its token.
INSERT INTO web_reset (token_sha256, username, expires_at) VALUES ($token, $username, $expires)
