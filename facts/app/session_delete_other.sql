-- The sessions of the account $username ended, but the one whose token's
-- SHA-256 is $keep (a password change keeps the session it was made in).
DELETE FROM web_session WHERE username = $username AND token_sha256 <> $keep
