-- Drops the view of an Arrow stream. Template: .View.
DROP VIEW IF EXISTS {{.View}}
