-- The account of the session whose token's SHA-256 is $token, if it has
-- not expired at $now and the account is not disabled.
SELECT u.username, u.role, coalesce(u.operator_id, ''), '', false
FROM web_session s JOIN web_user u USING (username)
WHERE s.token_sha256 = $token AND s.expires_at > $now AND NOT starts_with(u.password_hash, '!')
