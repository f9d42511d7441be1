-- The temporary table the appender fills when carico is built without
-- DuckDB's Arrow interface. Template: .Table, .Defs (name and type).
CREATE OR REPLACE TEMP TABLE {{.Table}} ({{join .Defs ", "}})
