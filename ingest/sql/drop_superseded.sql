-- Deletes from .Table the rows whose key .Key comes again later in
-- the stream, which keeps the file's order in rowid: the later row wins.
-- Template: .Table, .Key.
DELETE FROM {{.Table}} WHERE rowid IN (
    SELECT rowid FROM {{.Table}}
    QUALIFY row_number() OVER (PARTITION BY {{.Key}} ORDER BY rowid DESC) > 1)
