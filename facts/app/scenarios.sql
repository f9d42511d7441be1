-- The scenarios saved from the browser, oldest first.
SELECT name, saved_by, scenario_toml FROM web_scenario ORDER BY saved_at, name
