-- The account $username disabled or enabled again ($disabled). A disabled
-- account's hash starts with '!', as a locked account's in /etc/shadow: no
-- password verifies against it, and enabling it gives back the same
-- password. Its sessions are ended by session_delete_user.
UPDATE web_user
SET password_hash = CASE
    WHEN $disabled AND NOT starts_with(password_hash, '!') THEN '!' || password_hash
    WHEN NOT $disabled AND starts_with(password_hash, '!') THEN substr(password_hash, 2)
    ELSE password_hash END
WHERE username = $username
