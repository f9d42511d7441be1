-- The access log's lines that match a search, newest first, at most
-- $limit: of the account $username, of the action $action (each '' for
-- any), seen from $from (included) to $to (excluded), each NULL for no
-- bound.
SELECT seen_at, coalesce(username, '—'), coalesce(role, ''), action, object, coalesce(remote, '')
FROM web_access
WHERE ($username = '' OR username = $username)
  AND ($action = '' OR action = $action)
  AND (CAST($from AS TIMESTAMP) IS NULL OR seen_at >= CAST($from AS TIMESTAMP))
  AND (CAST($to AS TIMESTAMP) IS NULL OR seen_at < CAST($to AS TIMESTAMP))
ORDER BY id DESC
LIMIT $limit
