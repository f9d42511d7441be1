-- The last $limit lines of the access log, newest first.
SELECT seen_at, coalesce(username, '—'), coalesce(role, ''), action, object, coalesce(remote, '')
FROM web_access
ORDER BY id DESC
LIMIT $limit
