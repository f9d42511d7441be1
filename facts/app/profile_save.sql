-- An import profile saved from the browser (replacing one of the same name).
INSERT OR REPLACE INTO web_profile VALUES ($name, $kind, $header, $toml, $at, $by)
