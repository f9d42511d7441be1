-- The staging table of an import: the source line and the kind's staging
-- columns, private to the connection. Template: .Defs (name and type).
CREATE OR REPLACE TEMP TABLE stg ({{join .Defs ", "}})
