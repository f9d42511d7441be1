-- A later row with the same key supersedes an earlier one: exports list a
-- record again when it changed. Duplicates are deleted in place rather
-- than copying the staging table, to keep memory down.
-- Template: .Keys.
DELETE FROM stg WHERE line IN (
    SELECT line FROM stg
    QUALIFY row_number() OVER (PARTITION BY {{join .Keys ", "}} ORDER BY line DESC) > 1)
