-- The comuni with their residents for year $year (store/rules.sql,
-- carico_residents); 0 where a value is not recorded.
SELECT c.istat, c.name, coalesce(c.province, ''), coalesce(c.ambito, ''), coalesce(c.patron_month, 0), coalesce(c.patron_day, 0),
    coalesce(r.residents, 0), coalesce(r.year, 0)
FROM comune c LEFT JOIN carico_residents($year) r ON r.istat = c.istat
ORDER BY c.istat
