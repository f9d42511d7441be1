-- Stages the rows of the stream .From. Template: .Cols, .From.
INSERT INTO temp.stg ({{join .Cols ", "}})
SELECT {{join .Cols ", "}} FROM {{.From}}
