-- The rows of table .Table. Template: .Table.
SELECT count(*) FROM {{.Table}}
