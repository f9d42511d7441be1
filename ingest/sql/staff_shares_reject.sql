-- Rejects every row of an operator whose shares in a contract period do
-- not sum to 1 (the last row of each comune counts), with the sum in the
-- reason, under batch $batch, file $file and the share column $col.
INSERT INTO rejected_row (batch_id, file, line, col, value, reason)
SELECT $batch, $file, s.line, $col, replace(printf('%.2f', s.share), '.', ','),
       printf('le quote dell''operatore %s sommano a %s invece che a 1', s.name, replace(printf('%.2f', t.total), '.', ','))
FROM stg s JOIN (SELECT operator_id, start_date, sum(share) AS total
                 FROM (SELECT DISTINCT ON (operator_id, istat, start_date) * FROM stg ORDER BY line DESC) GROUP BY ALL) t
  ON t.operator_id = s.operator_id AND t.start_date IS NOT DISTINCT FROM s.start_date
WHERE abs(t.total - 1) > 0.005
