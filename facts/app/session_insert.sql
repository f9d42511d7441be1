-- A new session: the SHA-256 of its token, its account, when it starts and ends.
INSERT INTO web_session VALUES ($token, $username, $now, $expires)
