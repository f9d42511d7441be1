-- The account $username, with its password hash.
SELECT username, role, coalesce(operator_id, ''), password_hash, starts_with(password_hash, '!') FROM web_user WHERE username = $username
