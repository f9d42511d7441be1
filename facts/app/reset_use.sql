-- Uses up the reset link whose token's SHA-256 is $token.
DELETE FROM web_reset WHERE token_sha256 = $token
