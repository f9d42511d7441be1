-- The account of the reset link whose token's SHA-256 is $token, if it is
-- still valid at $now.
SELECT username FROM web_reset WHERE token_sha256 = $token AND expires_at > $now
