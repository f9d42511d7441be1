-- The session of the token whose SHA-256 is $token, ended.
DELETE FROM web_session WHERE token_sha256 = $token
