-- The comuni with their residents at 1 January of the year $1, or of the
-- nearest year carico has (store/rules.sql, carico_residents); year 0
-- when it has none.
SELECT c.istat, c.name, coalesce(r.residents, 0), coalesce(r.year, 0)
FROM comune c LEFT JOIN carico_residents($1) r ON r.istat = c.istat
ORDER BY c.istat
