-- A scenario saved from the browser (replacing one of the same name).
INSERT OR REPLACE INTO web_scenario VALUES ($name, $toml, $at, $by)
