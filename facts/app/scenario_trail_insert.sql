-- One line of the scenarios' trail (append-only).
INSERT INTO web_scenario_trail (done_at, username, action, scenario, detail, scenario_toml) VALUES ($at, $by, $action, $scenario, $detail, $toml)
