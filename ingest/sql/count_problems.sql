-- The bad cells of batch $batch (a rejected row has one or more).
SELECT count(*) FROM rejected_row WHERE batch_id = $batch
