-- The scenarios saved from the browser, drafts and published, oldest
-- first; published_at is NULL for a draft.
SELECT name, saved_by, scenario_toml, saved_at, published_at, coalesce(published_by, '')
FROM web_scenario
ORDER BY saved_at, name
