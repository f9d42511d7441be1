-- The accounts, by username (without their password hashes; a disabled
-- account's hash starts with '!', user_disable).
SELECT username, role, coalesce(operator_id, ''), '', starts_with(password_hash, '!') FROM web_user ORDER BY username
