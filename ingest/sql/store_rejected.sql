-- Moves the rejected cells staged in temp.rej into rejected_row, under
-- batch $batch.
INSERT INTO rejected_row (batch_id, file, line, sheet, col, value, reason)
SELECT $batch, * FROM temp.rej
