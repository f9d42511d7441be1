-- A new draft scenario; a name already taken fails on the primary key,
-- never replaces the scenario that has it.
INSERT INTO web_scenario (name, scenario_toml, saved_at, saved_by) VALUES ($name, $toml, $at, $by)
