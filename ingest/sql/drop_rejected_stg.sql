-- Takes out of staging the lines a set-based check of batch $batch rejected.
DELETE FROM stg WHERE line IN (SELECT line FROM rejected_row WHERE batch_id = $batch)
