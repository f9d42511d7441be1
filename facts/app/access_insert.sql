-- One line of the access log: who saw or downloaded what, from where.
INSERT INTO web_access (seen_at, username, role, action, object, remote) VALUES ($at, $username, $role, $action, $object, $remote)
