-- The names of the comuni and of the operators, by kind and key.
SELECT 'comune', istat, name FROM comune
UNION ALL
SELECT 'operator', id, name FROM operator
