-- Renames the scenario $name to $new, with its text carrying the new name.
UPDATE web_scenario SET name = $new, scenario_toml = $toml WHERE name = $name
