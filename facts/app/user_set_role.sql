-- The account $username's new role and linked operator (NULL but for an
-- operatore's account).
UPDATE web_user SET role = $role, operator_id = $operator WHERE username = $username
