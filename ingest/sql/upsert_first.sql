-- A first load into the empty .Target: every row of .From is new.
-- With .Batch the records point to batch $batch.
-- Template: .Target, .From, .Insert, .Batch.
INSERT INTO {{.Target}} ({{join .Insert ", "}}{{if .Batch}}, batch_id{{end}})
SELECT {{range $i, $c := .Insert}}{{if $i}}, {{end}}s.{{$c}}{{end}}{{if .Batch}}, $batch{{end}}
FROM ({{.From}}) AS s
