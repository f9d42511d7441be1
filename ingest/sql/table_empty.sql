-- Whether table .Table holds no row. Template: .Table.
SELECT NOT EXISTS (SELECT 1 FROM {{.Table}})
