-- A new account; $operator is NULL but for an operatore's account.
INSERT INTO web_user (username, role, operator_id, password_hash) VALUES ($username, $role, $operator, $hash)
