-- The rows of a capacity file whose period overlaps another period of the
-- same operator: another row of the file with a different start (a row
-- with the same start replaces the earlier one), or a stored reduction
-- that no row of the file replaces. One rejection per line, naming the
-- first period it overlaps. Parameters: $batch, $file, $col (the column
-- of the start).
INSERT INTO rejected_row (batch_id, file, line, col, value, reason)
WITH other AS (
    SELECT operator_id, from_date, to_date, line FROM stg
    UNION ALL
    SELECT c.operator_id, c.from_date, c.to_date, NULL AS line FROM capacity_reduction c
    WHERE NOT EXISTS (SELECT 1 FROM stg s WHERE s.operator_id = c.operator_id AND s.from_date = c.from_date)
)
SELECT $batch, $file, a.line, $col, strftime(a.from_date, '%d/%m/%Y'),
       CASE WHEN o.line IS NULL
            THEN 'periodo sovrapposto a una riduzione già registrata per lo stesso operatore (dal ' || strftime(o.from_date, '%d/%m/%Y') || ')'
            ELSE 'periodo sovrapposto a quello della riga ' || o.line || ' per lo stesso operatore'
       END
FROM stg a JOIN other o
  ON o.operator_id = a.operator_id AND o.from_date <> a.from_date
 AND carico_periods_overlap(a.from_date, a.to_date, o.from_date, o.to_date)
QUALIFY row_number() OVER (PARTITION BY a.line ORDER BY o.line NULLS FIRST, o.from_date) = 1
