-- The residents of a population table, by comune and year.
SELECT istat, year, residents FROM stg
