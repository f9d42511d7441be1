-- The account $username's new password hash (a reset or a change); the
-- account stays disabled if it was (the '!' in front is kept).
UPDATE web_user
SET password_hash = CASE WHEN starts_with(password_hash, '!') THEN '!' || $hash ELSE $hash END
WHERE username = $username
