-- A roster without a share column splits an operator's time evenly across
-- the comuni of each contract period (the rows with one start date).
UPDATE stg SET share = 1.0 / n
FROM (SELECT operator_id AS op, start_date AS st, count(*) AS n FROM stg GROUP BY ALL) c
WHERE stg.operator_id = c.op AND stg.start_date IS NOT DISTINCT FROM c.st AND stg.share IS NULL
