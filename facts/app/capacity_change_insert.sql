-- One entry of the register's trail: who changed which reduction, when,
-- from what to what. The trail is append-only: no statement updates or
-- deletes it.
INSERT INTO web_capacity_change (changed_at, username, operator_id, action, old_value, new_value)
VALUES ($at, $username, $operator, $action, $old, $new)
