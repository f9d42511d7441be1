-- The accounts, by username (without their password hashes).
SELECT username, role, coalesce(operator_id, ''), '' FROM web_user ORDER BY username
