-- The stored comuni and residents, with the staging columns' names of a
-- population table, to count its new and changed rows.
SELECT c.istat, r.year, c.name, c.province, c.ambito, c.patron_month, c.patron_day, r.residents
FROM comune c JOIN residents r ON r.istat = c.istat
