-- The live sessions of the account $username at $now, newest first: a
-- public id (never the token's hash itself), whether it is the session
-- whose token's SHA-256 is $current, when it started and ends.
SELECT left(sha256(token_sha256), 16), token_sha256 = $current, created_at, expires_at
FROM web_session
WHERE username = $username AND expires_at > $now
ORDER BY created_at DESC
