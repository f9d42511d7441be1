-- Drops the appender's temporary table. Template: .Table.
DROP TABLE IF EXISTS temp.{{.Table}}
