-- A first import: the rows of the stream .From go straight into the
-- kind's empty table, pointing to batch $batch.
-- Template: .Table, .Cols (the stream's columns), .From.
INSERT INTO {{.Table}} ({{join .Cols ", "}}, batch_id)
SELECT {{join .Cols ", "}}, $batch FROM {{.From}}
