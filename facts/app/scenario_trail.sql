-- The scenarios' trail, newest first, at most $limit lines.
SELECT done_at, username, action, scenario, detail
FROM web_scenario_trail
ORDER BY id DESC
LIMIT $limit
