-- The live sessions of the account $username at $now, newest first: a
-- public id (never the token's hash itself), whether it is the session
-- whose token's SHA-256 is $current, when it started and ends, and the
-- address it was opened from ('' for sessions older than the column).
SELECT left(sha256(token_sha256), 16), token_sha256 = $current, created_at, expires_at, coalesce(remote, '')
FROM web_session
WHERE username = $username AND expires_at > $now
ORDER BY created_at DESC
