-- The trail of the capacity register, newest first: every change, or
-- those of $operator when it is not ''.
SELECT changed_at, username, operator_id, action, coalesce(old_value, ''), new_value
FROM web_capacity_change
WHERE $operator = '' OR operator_id = $operator
ORDER BY id DESC
